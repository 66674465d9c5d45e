import Crypto
import Synchronization

/// Compiled set schemas, keyed by the SHA-256 of the stored schema record, so that applying a
/// write does not parse and compile the set's schema (regexes included) each time.
///
/// The cache changes only how fast `apply` runs, never what it does: a compiled schema is a pure
/// function of the bytes it was compiled from, and the key names those bytes (a new `PUT` stores
/// new bytes, so a stale entry is never found). Compile failures are not cached.
///
/// Bounded by weight rather than count: an entry weighs its record's size plus its patterns'
/// instructions, which is what its memory grows with, so many small schemas fit (hundreds of
/// typical ones in the shared cache) while a few huge ones cannot pin much memory (the shared
/// cache holds at most tens of megabytes). When over the limit, the least recently used go first.
final class SchemaCache: Sendable {
    /// The cache every state machine of the process shares.
    static let shared = SchemaCache(weightLimit: 2 << 20)

    private struct Entry {
        var schema: ConfigSchema
        var weight: Int
        var lastUse: UInt64
    }

    private struct State {
        var entries: [SHA256Digest: Entry] = [:]
        var weight = 0
        /// Counts uses, to order entries by recency.
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    private let weightLimit: Int

    init(weightLimit: Int) {
        self.weightLimit = weightLimit
    }

    /// The schema compiled from the record stored as `bytes`: from the cache, or from `compile`
    /// (called outside the lock, so a slow compile holds up no other state machine).
    func schema<Failure: Error>(
        storedAs bytes: [UInt8], compile: () throws(Failure) -> ConfigSchema
    ) throws(Failure) -> ConfigSchema {
        let key = SHA256.hash(data: bytes)
        let cached = state.withLock { state -> ConfigSchema? in
            state.clock += 1
            state.entries[key]?.lastUse = state.clock
            return state.entries[key]?.schema
        }
        if let cached { return cached }
        let schema = try compile()
        remember(schema, storedAs: bytes, key: key)
        return schema
    }

    /// Caches `schema` as the compiled form of the record stored as `bytes`: what a `PUT` that
    /// just compiled it does, so the next write to the set finds it.
    func remember(_ schema: ConfigSchema, storedAs bytes: [UInt8]) {
        remember(schema, storedAs: bytes, key: SHA256.hash(data: bytes))
    }

    /// How many schemas are cached.
    var count: Int { state.withLock { $0.entries.count } }

    private func remember(_ schema: ConfigSchema, storedAs bytes: [UInt8], key: SHA256Digest) {
        let weight = bytes.count + schema.patternInstructionCount
        state.withLock { state in
            state.clock += 1
            if let replaced = state.entries.updateValue(
                Entry(schema: schema, weight: weight, lastUse: state.clock), forKey: key)
            {
                state.weight -= replaced.weight
            }
            state.weight += weight
            while state.weight > weightLimit, state.entries.count > 1 {
                let oldest = state.entries.min { $0.value.lastUse < $1.value.lastUse }!
                state.weight -= oldest.value.weight
                state.entries[oldest.key] = nil
            }
        }
    }
}
