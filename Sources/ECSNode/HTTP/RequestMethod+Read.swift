import HTTPTypes

extension HTTPRequest.Method {
    /// Whether the method only reads (GET, HEAD): such a request may be sent again elsewhere
    /// after a failure, and is served where the data is read rather than where it is written.
    var isRead: Bool { self == .get || self == .head }
}
