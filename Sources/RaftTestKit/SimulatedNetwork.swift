import Raft

/// A directed connection between two replicas; a partition blocks some of them, possibly in
/// one direction only (asymmetric partitions).
struct Link: Hashable {
    var from: NodeID
    var to: NodeID
}

/// The network between simulated replicas: it drops, duplicates, delays (and so reorders)
/// messages, and cuts links. Everything is decided by the simulation's seeded generator.
struct SimulatedNetwork {
    private struct InFlight {
        var deliverAt: Int
        var sequence: Int
        var message: Message
    }

    var dropRate: Double
    var duplicateRate: Double
    var maxDelay: Int
    /// Links that currently deliver nothing, checked when a message would arrive so that a
    /// partition also swallows what was already under way.
    var blockedLinks: Set<Link> = []
    private var inFlight: [InFlight] = []
    private var nextSequence = 0

    init(scenario: Scenario) {
        dropRate = scenario.dropRate
        duplicateRate = scenario.duplicateRate
        maxDelay = scenario.maxDelay
    }

    var isIdle: Bool { inFlight.isEmpty }

    /// Queues `message`, which arrives after a random delay — or not at all, or twice.
    /// Returns `false` when the message was dropped on the spot.
    @discardableResult
    mutating func send(_ message: Message, now: Int, using generator: inout SeededGenerator) -> Bool {
        if Double.random(in: 0..<1, using: &generator) < dropRate { return false }
        let copies = Double.random(in: 0..<1, using: &generator) < duplicateRate ? 2 : 1
        for _ in 0..<copies {
            let delay = maxDelay == 0 ? 0 : Int.random(in: 0...maxDelay, using: &generator)
            inFlight.append(InFlight(deliverAt: now + delay, sequence: nextSequence, message: message))
            nextSequence += 1
        }
        return true
    }

    /// Removes the messages due by `now` and returns them in arrival order, split into those
    /// that arrive and those swallowed by a cut link.
    mutating func takeDue(now: Int) -> (arrived: [Message], lost: [Message]) {
        var due: [InFlight] = []
        var later: [InFlight] = []
        for item in inFlight {
            if item.deliverAt <= now { due.append(item) } else { later.append(item) }
        }
        inFlight = later
        let ordered = due.sorted { ($0.deliverAt, $0.sequence) < ($1.deliverAt, $1.sequence) }.map(\.message)
        var arrived: [Message] = []
        var lost: [Message] = []
        for message in ordered {
            if blockedLinks.contains(Link(from: message.from, to: message.to)) {
                lost.append(message)
            } else {
                arrived.append(message)
            }
        }
        return (arrived, lost)
    }

    /// Ends every fault: what is sent from now on arrives, in order, at once.
    mutating func heal() {
        blockedLinks = []
        dropRate = 0
        duplicateRate = 0
        maxDelay = 0
    }
}
