/// One slot of the replicated log (Raft paper §5.3: "each log entry stores a state machine
/// command along with the term number when the entry was received by the leader").
public struct Entry: Sendable, Hashable {
    /// What the payload of an entry means to the applying layer.
    public enum Kind: UInt8, Sendable, Hashable {
        /// An application command (or the empty entry a new leader appends, §5.4.2).
        case normal = 0
        /// An encoded `ConfChange`; the applying layer must call `RaftNode.applyConfChange`
        /// when it applies it (thesis §4.1, configuration changes travel through the log).
        case confChange = 1
    }

    /// Position in the log, starting at 1.
    public var index: UInt64
    /// Term of the leader that created the entry.
    public var term: UInt64
    /// How `data` is to be interpreted.
    public var kind: Kind
    /// Opaque payload.
    public var data: [UInt8]

    /// Creates an entry; leaders overwrite `index` and `term` when they accept a proposal.
    public init(index: UInt64 = 0, term: UInt64 = 0, kind: Kind = .normal, data: [UInt8] = []) {
        self.index = index
        self.term = term
        self.kind = kind
        self.data = data
    }

    /// Bytes counted against the uncommitted-log limit (payload only, like etcd), so that
    /// the empty entry of a new leader never counts.
    var payloadSize: UInt64 { UInt64(data.count) }

    /// Approximate encoded size used for message and apply-batch size limits.
    var approximateSize: UInt64 { payloadSize + Self.headerSize }

    /// Fixed overhead estimate for index, term and kind when encoded.
    private static let headerSize: UInt64 = 17

    var id: EntryID { EntryID(term: term, index: index) }
}

/// The (term, index) pair that uniquely identifies an entry (Log Matching Property, §5.3).
struct EntryID: Sendable, Hashable {
    var term: UInt64
    var index: UInt64
}

extension Collection where Element == Entry {
    /// Sum of payload sizes; see `Entry.payloadSize`.
    var payloadSize: UInt64 { reduce(0) { $0 + $1.payloadSize } }
}

extension Collection where Element == Entry {
    /// The longest prefix whose approximate size stays within `maxSize`, but never less
    /// than one entry so that progress is always possible. A prefix of the collection
    /// itself, so that a bounded batch read out of a long log copies only the batch.
    func limited(toSize maxSize: UInt64) -> SubSequence {
        var total: UInt64 = 0
        var end = startIndex
        for entry in self {
            let size = entry.approximateSize
            // `maxSize - min(total, maxSize)` is the remaining budget without overflow.
            if end != startIndex && size > maxSize - Swift.min(total, maxSize) { break }
            total += size
            formIndex(after: &end)
        }
        return self[..<end]
    }
}
