import NIOCore
import Raft

/// The layout of a raft batch, `Message` and `Entry` (see `PeerWireFormat.swift`): every
/// field, in declaration order, so that a message survives the trip exactly.
enum MessageWire {
    /// Bytes of a message with no entries, no snapshot and no context; the smallest a
    /// message can be, which bounds how many a frame can hold.
    static let minimumSize = 1 + 5 * 8 + 4 + 8 + 1 + 1 + 8 + 4

    /// Bytes of an entry with no data.
    static let minimumEntrySize = 8 + 8 + 1 + 4
}

extension ByteBuffer {
    mutating func writeBatch(_ messages: [Message]) {
        writeCount(messages.count)
        for message in messages {
            writeMessage(message)
        }
    }

    private mutating func writeMessage(_ message: Message) {
        writeInteger(message.type.rawValue)
        writeInteger(message.to)
        writeInteger(message.from)
        writeInteger(message.term)
        writeInteger(message.logTerm)
        writeInteger(message.index)
        writeCount(message.entries.count)
        for entry in message.entries {
            writeEntry(entry)
        }
        writeInteger(message.commit)
        writeBool(message.snapshot != nil)
        if let snapshot = message.snapshot {
            writeSnapshot(snapshot)
        }
        writeBool(message.reject)
        writeInteger(message.rejectHint)
        writeByteString(message.context)
    }

    private mutating func writeEntry(_ entry: Entry) {
        writeInteger(entry.index)
        writeInteger(entry.term)
        writeInteger(entry.kind.rawValue)
        writeByteString(entry.data)
    }
}

extension WireReader {
    /// Reads a raft batch: a count of at least one, then the messages.
    mutating func readBatch() throws(PeerFrameError) -> [Message] {
        let count = try readCount(.batchCount, minimumElementSize: MessageWire.minimumSize)
        guard count > 0 else { throw .emptyBatch }
        var messages: [Message] = []
        messages.reserveCapacity(count)
        for _ in 0..<count {
            messages.append(try readMessage())
        }
        return messages
    }

    private mutating func readMessage() throws(PeerFrameError) -> Message {
        let type = try readEnum(.messageType, as: MessageType.self)
        let to = try readInteger(.messageTo, as: NodeID.self)
        let from = try readInteger(.messageFrom, as: NodeID.self)
        let term = try readInteger(.messageTerm, as: UInt64.self)
        let logTerm = try readInteger(.messageLogTerm, as: UInt64.self)
        let index = try readInteger(.messageIndex, as: UInt64.self)
        let entryCount = try readCount(.messageEntries, minimumElementSize: MessageWire.minimumEntrySize)
        var entries: [Entry] = []
        entries.reserveCapacity(entryCount)
        for _ in 0..<entryCount {
            entries.append(try readEntry())
        }
        let commit = try readInteger(.messageCommit, as: UInt64.self)
        let snapshot = try readBool(.messageHasSnapshot) ? try readSnapshot() : nil
        let reject = try readBool(.messageReject)
        let rejectHint = try readInteger(.messageRejectHint, as: UInt64.self)
        let context = try readByteString(.messageContext)
        return Message(
            type: type, to: to, from: from, term: term, logTerm: logTerm, index: index, entries: entries,
            commit: commit, snapshot: snapshot, reject: reject, rejectHint: rejectHint, context: context)
    }

    private mutating func readEntry() throws(PeerFrameError) -> Entry {
        Entry(
            index: try readInteger(.entryIndex), term: try readInteger(.entryTerm),
            kind: try readEnum(.entryKind), data: try readByteString(.entryData))
    }
}
