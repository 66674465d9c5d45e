/// One reason a request or command is invalid, as listed in a problem's `violations`
/// (`{"code", "path", "message"}`): `path` names the offending input, e.g. `scope` or `key`.
struct Violation: Equatable, Sendable {
    var code: String
    var path: String
    var message: String
}
