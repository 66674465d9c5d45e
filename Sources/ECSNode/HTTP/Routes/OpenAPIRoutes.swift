import Hummingbird

/// `GET /v1/openapi.json` (no token): the machine-readable contract of this API (OpenAPI 3.1).
///
/// The document is `HTTP/OpenAPI/openapi.json`, embedded into the binary by SwiftPM
/// (`.embedInCode` in Package.swift), so the node serves the contract it was built with and needs
/// no resource bundle beside the executable. `OpenAPITests` holds it to the routes the router
/// registers.
extension APIServices {
    func openAPIDocument() -> Response {
        var headers = nodeHeaders
        headers[.contentType] = "application/json"
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_json)))
    }
}
