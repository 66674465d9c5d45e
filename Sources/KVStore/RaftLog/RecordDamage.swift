/// Why the bytes of one stored record cannot be decoded: the record is damaged, cut short or
/// written by a newer build. Internal to decoding; `RaftLogStore` reports it as
/// `RaftError.storageFailure` with the record's key and the store's path.
struct RecordDamage: Error, Sendable, Equatable {
    /// What is wrong with the bytes, in words.
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
