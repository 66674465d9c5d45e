/// A successful answer: what it says (`value`), and the answer as sent, for those who want the
/// server's own JSON (`ecsctl --json`) or to know which node spoke.
public struct AdminReply<Value: Sendable>: Sendable {
    public var value: Value
    /// The HTTP status (201 and 200 tell a created tenant from an updated one).
    public var status: Int
    /// The JSON body exactly as the node sent it.
    public var body: [UInt8]
    /// The node that answered (after any that could not be reached).
    public var endpoint: Endpoint

    public init(value: Value, status: Int, body: [UInt8], endpoint: Endpoint) {
        self.value = value
        self.status = status
        self.body = body
        self.endpoint = endpoint
    }

    /// The same answer saying `transform(value)`.
    public func map<T: Sendable>(_ transform: (Value) -> T) -> AdminReply<T> {
        AdminReply<T>(value: transform(value), status: status, body: body, endpoint: endpoint)
    }
}
