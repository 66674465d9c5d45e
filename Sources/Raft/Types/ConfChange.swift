/// A membership change proposal (thesis §4). One type covers single-server changes
/// (§4.1), joint consensus (§4.3) and leaving a joint configuration (an empty change).
public struct ConfChange: Sendable, Hashable {
    /// How a change that may need joint consensus moves through it.
    public enum Transition: UInt8, Sendable, Hashable {
        /// Use joint consensus only when more than one change is requested, and leave the
        /// joint configuration automatically once it is applied.
        case automatic = 0
        /// Always use joint consensus and leave it automatically.
        case jointImplicit = 1
        /// Always use joint consensus; the application proposes `ConfChange.leaveJoint`.
        case jointExplicit = 2
    }

    /// What happens to one node.
    public enum Operation: UInt8, Sendable, Hashable {
        /// Make the node a voter (adding it, or promoting a learner).
        case addVoter = 0
        /// Make the node a learner (adding it, or demoting a voter).
        case addLearner = 1
        /// Remove the node from the configuration.
        case removeNode = 2
    }

    /// One node's change.
    public struct Step: Sendable, Hashable {
        /// The change.
        public var operation: Operation
        /// The node it applies to.
        public var nodeID: NodeID

        /// Creates a single-node change.
        public init(_ operation: Operation, _ nodeID: NodeID) {
            self.operation = operation
            self.nodeID = nodeID
        }
    }

    /// Joint-consensus policy.
    public var transition: Transition
    /// Node changes; empty means "leave the joint configuration".
    public var steps: [Step]
    /// Opaque application data carried along (e.g. the new member's address).
    public var context: [UInt8]

    /// Creates a change.
    public init(transition: Transition = .automatic, steps: [Step], context: [UInt8] = []) {
        self.transition = transition
        self.steps = steps
        self.context = context
    }

    /// The change that ends a joint configuration (thesis §4.3, C_old,new → C_new).
    public static let leaveJoint = ConfChange(steps: [])

    /// Whether this change ends a joint configuration.
    var leavesJoint: Bool { steps.isEmpty }

    /// Whether this change enters a joint configuration, and if so whether it leaves it
    /// automatically.
    var jointEntry: (entersJoint: Bool, autoLeave: Bool) {
        switch transition {
        case .automatic: (steps.count > 1, true)
        case .jointImplicit: (true, true)
        case .jointExplicit: (true, false)
        }
    }
}
