/// One problem found inside a value, before it is placed under a scope and a key.
///
/// The schema evaluator and the secret guard both produce findings, so that `SetValidator` can
/// merge them into one list ordered by location before turning them into `Violation`s.
struct Finding: Equatable, Sendable {
    var pointer: JSONPointer
    var code: String
    var message: String

    /// The violation as the API reports it, with its path under `base` (e.g. `env:prod/db.pool`).
    func violation(under base: String) -> Violation {
        Violation(code: code, path: pointer.path(under: base), message: message)
    }
}

extension Array where Element == Finding {
    /// The findings ordered by location; findings at the same location keep the order they were
    /// found in (the tie-break makes that explicit rather than relying on the sort's stability).
    func sortedByPointer() -> [Finding] {
        enumerated()
            .sorted { ($0.element.pointer, $0.offset) < ($1.element.pointer, $1.offset) }
            .map(\.element)
    }
}
