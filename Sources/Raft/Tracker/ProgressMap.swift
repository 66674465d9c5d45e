/// The leader's `Progress` per member, keyed by node id.
///
/// Not a `Dictionary` because it sits on the hottest path of the leader (every `append`
/// sent and every acknowledgement received touches it): a membership has a handful of
/// members, so a linear scan of a small sorted array is cheaper than hashing, iteration is
/// in ascending id order for free (the node must be deterministic), and the subscript
/// reads and mutates a member in place. Taking a `Progress` out of a dictionary, changing
/// it and storing it back copies its in-flight window's buffer on every write
/// (copy-on-write sees two owners); here `progress[id]?.x = y` and `update(_:_:)` never
/// copy it.
struct ProgressMap: Sendable, Sequence {
    /// Member ids in ascending order.
    private(set) var ids: [NodeID] = []
    /// `slots[i]` is the progress of `ids[i]`. Optional only so that the subscript can
    /// yield a slot in place to optional chaining; never nil between two accesses.
    private var slots: [Progress?] = []

    init() {}

    /// Whether `id` is a member. Prefer it to `self[id] != nil`, which resolves to
    /// `Progress`'s `==` and copies both operands.
    func contains(_ id: NodeID) -> Bool { ids.contains(id) }

    /// The match index of `id`, read in place.
    func match(of id: NodeID) -> UInt64? {
        ids.firstIndex(of: id).map { slots[$0]!.match }
    }

    /// Runs `body` on the progress of `id` in place; nil when `id` is not a member. The
    /// per-entry paths use it rather than `self[id]?.…`, because the frame of the
    /// subscript's `_modify` coroutine is heap-allocated on every access.
    mutating func update<Result>(_ id: NodeID, _ body: (inout Progress) -> Result) -> Result? {
        guard let position = ids.firstIndex(of: id) else { return nil }
        return body(&slots[position]!)
    }

    /// The progress of `id`, or nil when it is not a member; assigning nil removes it.
    subscript(id: NodeID) -> Progress? {
        // A plain getter: the frame of a `_read` coroutine would be heap-allocated per read.
        get { ids.firstIndex(of: id).flatMap { slots[$0] } }
        _modify {
            if let position = ids.firstIndex(of: id) {
                yield &slots[position]
                if case .none = slots[position] {
                    ids.remove(at: position)
                    slots.remove(at: position)
                }
            } else {
                var added: Progress?
                yield &added
                if let added {
                    let position = ids.firstIndex { $0 > id } ?? ids.count
                    ids.insert(id, at: position)
                    slots.insert(added, at: position)
                }
            }
        }
    }

    func makeIterator() -> some IteratorProtocol<(id: NodeID, progress: Progress)> {
        zip(ids, slots).lazy.map { id, progress in (id, progress!) }.makeIterator()
    }

    /// The public form, for `Status`.
    var dictionary: [NodeID: Progress] {
        Dictionary(uniqueKeysWithValues: lazy.map { ($0.id, $0.progress) })
    }
}
