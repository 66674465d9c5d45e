/// What one edition allows a tenant (`shared/spec/API.md`, "Schema and guardrails").
///
/// The limits are admission control, checked by the HTTP layer of the node that proposes a
/// write (the leader), against its own configuration, before proposing:
/// - a request body over `maxRequestBytes`: 413;
/// - a value whose canonical JSON is over `maxValueBytes`: 413;
/// - a put of a key new to a set that already holds `maxKeysPerSet` distinct keys (across all
///   its scopes): 429 — a quota, which the spec answers with 429 like a rate;
/// - more than `writesPerSecond` item writes per second (bursts of twice that): 429;
/// - more than `maxWatches` watch streams open on one node: 429 (checked by the node that
///   serves the stream, since every node serves watches from its own state).
///
/// Why not at apply time, where the log would make them exact: apply must give the same result
/// on every node, and these come from each node's config file, which may differ while it is
/// rolled out. Carrying the limits in each command would make them deterministic, but then the
/// log, not the operator, would decide which limits hold. So the leader checks them, and apply
/// keeps only a hard cap on value size that is a constant of the build (`ValueSizeCap`). The
/// price: the key quota is read from the leader's applied state, so writes of new keys racing
/// each other may overshoot it by the few that are in flight.
struct EditionLimits: Equatable, Sendable {
    var maxValueBytes: Int
    var maxKeysPerSet: Int
    var maxRequestBytes: Int
    var writesPerSecond: Int
    var maxWatches: Int = 100

    /// The largest request body any edition may allow: what every node reads of a body at most.
    static let maximumRequestBytes = 1 << 20

    /// One limit, by its name in the `editions:` section of the config file.
    enum Setting: String, CaseIterable, Sendable {
        case maxValueBytes = "max-value-bytes"
        case maxKeysPerSet = "max-keys-per-set"
        case maxRequestBytes = "max-request-bytes"
        case writesPerSecond = "writes-per-second"
        case maxWatches = "max-watches"

        /// The values an operator may give it: at least 1, and sizes within what any node
        /// accepts at all.
        var allowed: ClosedRange<Int> {
            switch self {
            case .maxValueBytes: 1...ValueSizeCap.maximumBytes
            case .maxRequestBytes: 1...EditionLimits.maximumRequestBytes
            case .maxKeysPerSet: 1...10_000_000
            case .writesPerSecond: 1...1_000_000
            case .maxWatches: 1...1_000_000
            }
        }
    }

    subscript(setting: Setting) -> Int {
        get {
            switch setting {
            case .maxValueBytes: maxValueBytes
            case .maxKeysPerSet: maxKeysPerSet
            case .maxRequestBytes: maxRequestBytes
            case .writesPerSecond: writesPerSecond
            case .maxWatches: maxWatches
            }
        }
        set {
            switch setting {
            case .maxValueBytes: maxValueBytes = newValue
            case .maxKeysPerSet: maxKeysPerSet = newValue
            case .maxRequestBytes: maxRequestBytes = newValue
            case .writesPerSecond: writesPerSecond = newValue
            case .maxWatches: maxWatches = newValue
            }
        }
    }
}
