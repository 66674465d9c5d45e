import HTTPTypes
import Hummingbird

/// JSON response bodies, written in canonical form (sorted keys, no whitespace) so that equal
/// content is always equal bytes — what ETags and the signature of issue 5 rely on.
enum JSONBody {
    static func response(status: HTTPResponse.Status, body: JSONValue, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        if fields[.contentType] == nil { fields[.contentType] = "application/json" }
        return Response(
            status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body.canonicalBytes)))
    }
}
