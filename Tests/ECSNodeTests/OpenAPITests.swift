import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ECSNode

/// `openapi.json` (served at `GET /v1/openapi.json`) against the router: every route the router
/// registers is documented, and every documented operation is registered.
@Suite("HTTP: the OpenAPI document")
struct OpenAPITests {
    /// The operations anyone may call without a token.
    static let open: Set<String> = ["GET /healthz", "GET /readyz", "GET /v1/keys/signing", "GET /v1/openapi.json"]

    static let httpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    private var document: JSONValue {
        get throws { try JSONValue.parse(PackageResources.openapi_json) }
    }

    /// `METHOD /path` with every path parameter written `{}`: Hummingbird writes `:tenant` as
    /// `{tenant}` and the item key's recursive capture as `**`, OpenAPI writes `{key}`, and only
    /// the position of a parameter matters to a client.
    static func operation(_ method: String, _ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment == "**" || (segment.hasPrefix("{") && segment.hasSuffix("}")) ? "{}" : String(segment)
        }
        return "\(method.uppercased()) \(segments.joined(separator: "/"))"
    }

    /// Every documented operation by its normalised name, with its operation object.
    private func documentedOperations() throws -> [String: JSONValue] {
        guard case .object(let paths)? = try document["paths"] else { throw TestFailure("no paths") }
        var operations: [String: JSONValue] = [:]
        for (path, item) in paths {
            for method in Self.httpMethods {
                if let operation = item[method] { operations[Self.operation(method, path)] = operation }
            }
        }
        return operations
    }

    @Test("GET /v1/openapi.json needs no token and serves the embedded OpenAPI 3.1 document")
    func served() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            let response = try await client.send(.get, "/v1/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(Array(response.body.readableBytesView) == PackageResources.openapi_json)
            #expect(try response.json["openapi"] == "3.1.0")
        }
    }

    @Test("every registered route is documented; every documented operation is registered")
    func documentedAndRegistered() throws {
        let harness = try APITestHarness()
        let registered = Set(
            makeAPIRouter(harness.dependencies()).routes.map { Self.operation($0.method.rawValue, "\($0.path)") })
        let documented = Set(try documentedOperations().keys)

        let undocumented = registered.subtracting(documented).sorted()
        #expect(undocumented.isEmpty, "registered but missing from openapi.json: \(undocumented)")
        let unregistered = documented.subtracting(registered).sorted()
        #expect(unregistered.isEmpty, "in openapi.json but not registered by the router: \(unregistered)")
    }

    @Test("exactly the open routes waive the bearer token, and they answer without one")
    func openRoutes() async throws {
        let operations = try documentedOperations()
        let waived = Set(operations.filter { $0.value["security"] == .array([]) }.keys)
        #expect(waived == Self.open)
        #expect(try document["security"] == [["bearerAuth": []]])
        // Every other operation names what it needs (the tenant-isolation cluster test reads it).
        let permissions: Set<JSONValue> = [
            "platform-admin", "tenant", "ecs:read", "ecs:write", "ecs:approve", "ecs:admin",
        ]
        for (name, operation) in operations where !Self.open.contains(name) {
            #expect(operation["x-ecs-permission"].map(permissions.contains) == true, "\(name): x-ecs-permission")
        }

        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            for operation in Self.open {
                let path = String(operation.dropFirst("GET ".count))
                let status = try await client.send(.get, path).status
                #expect(status != .unauthorized, "\(operation)")
            }
            #expect(try await client.send(.get, "/v1/tenants").status == .unauthorized)
        }
    }

    @Test("item writes document Idempotency-Key, the replay header, 422, and the edition limits' 413 and 429")
    func itemWrites() throws {
        let operations = try documentedOperations()
        let writes = ["PUT /v1/tenants/{}/sets/{}/items/{}", "DELETE /v1/tenants/{}/sets/{}/items/{}"]
        let platformWrites = ["PUT /v1/platform/sets/{}/items/{}", "DELETE /v1/platform/sets/{}/items/{}"]
        for name in writes + platformWrites {
            let operation = try #require(operations[name], "\(name) is not documented")
            guard case .array(let parameters)? = operation["parameters"] else {
                throw TestFailure("\(name): no parameters")
            }
            #expect(parameters.contains(["$ref": "#/components/parameters/idempotencyKey"]), "\(name)")
            guard case .object(let responses)? = operation["responses"] else {
                throw TestFailure("\(name): no responses")
            }
            for (status, response) in responses where status.hasPrefix("2") {
                #expect(response["headers"]?["Idempotent-Replayed"] != nil, "\(name) \(status)")
            }
            #expect(responses["422"] != nil, "\(name)")
            #expect((responses["429"] != nil) == writes.contains(name), "\(name): 429 for tenant writes only")
            #expect((responses["413"] != nil) == name.hasPrefix("PUT"), "\(name): 413 for bodies only")
        }
        let tooMany = try document["components"]?["responses"]?["TooManyRequests"]
        #expect(tooMany?["headers"]?["Retry-After"] != nil)
    }

    @Test("every $ref resolves, every path parameter is declared, every operation documents its errors")
    func wellFormed() throws {
        let document = try document
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if case .string(let reference)? = members["$ref"] { references.append(reference) }
                members.values.forEach(collect)
            case .array(let elements): elements.forEach(collect)
            default: break
            }
        }
        collect(document)
        func resolve(_ value: JSONValue) -> JSONValue? {
            guard case .string(let reference)? = value["$ref"] else { return value }
            guard reference.hasPrefix("#/") else { return nil }
            return reference.dropFirst(2).split(separator: "/").reduce(document as JSONValue?) { $0?[String($1)] }
        }
        for reference in Set(references) {
            #expect(resolve(["$ref": .string(reference)]) != nil, "\(reference) does not resolve")
        }

        guard case .object(let paths)? = document["paths"] else { throw TestFailure("no paths") }
        for (path, item) in paths {
            let templated = Set(
                path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            for method in Self.httpMethods {
                guard let operation = item[method] else { continue }
                var declared: Set<String> = []
                for case .array(let parameters)? in [item["parameters"], operation["parameters"]] {
                    for parameter in parameters.compactMap(resolve) where parameter["in"] == "path" {
                        if case .string(let name)? = parameter["name"] { declared.insert(name) }
                    }
                }
                #expect(declared == templated, "\(method) \(path): path parameters \(declared.sorted())")
                #expect(operation["responses"]?["default"] != nil, "\(method) \(path) has no default (problem) answer")
                #expect(operation["operationId"] != nil, "\(method) \(path) has no operationId")
            }
        }
    }
}
