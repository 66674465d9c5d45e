import Admin
import ArgumentParser

/// How an answer is printed: for people (tables, sentences) or, with `--json`, the server's JSON
/// as it came, indented, for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the server's JSON answer (indented, keys sorted) instead of text for people.")
    var json = false

    /// Prints `reply`: its JSON, or `text(reply.value)`.
    func show<Value>(_ reply: AdminReply<Value>, _ text: (Value) -> String) {
        print(json ? PrettyJSON.text(reply.body) : text(reply.value))
    }
}
