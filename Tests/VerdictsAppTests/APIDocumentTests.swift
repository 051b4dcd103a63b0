import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import VerdictsApp
import Yams

@Suite("The public API: its document and its documentation page")
struct APIDocumentTests {
    /// (method, path) of every operation in openapi.yaml.
    static func documentedOperations() throws -> Set<String> {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        return Set(paths.flatMap { path, item in ((item as? [String: Any]) ?? [:]).keys.map { "\($0.uppercased()) \(path)" } })
    }

    @Test("the endpoint table the app routes 405s and the docs page from is the document's list of operations")
    func endpointsMatchTheDocument() throws {
        let documented = try Self.documentedOperations()
        #expect(documented.count == 16)
        #expect(Set(APIEndpoint.all.map { "\($0.method) \($0.path)" }) == documented)
        let unexplained = APIEndpoint.all.filter { $0.summary.isEmpty }.map(\.path)
        #expect(unexplained.isEmpty, "API routes without a line on the docs page: \(unexplained)")
    }

    @Test("every documented operation has a route: none answers the router's 404 or 405")
    func everyOperationIsRouted() async throws {
        try await withSite { client in
            for endpoint in APIEndpoint.all {
                let path = endpoint.path.replacingOccurrences(of: "{slug}", with: "gpt-4o").replacingOccurrences(of: "{id}", with: "1")
                    .replacingOccurrences(of: "{a}", with: "claude-4-sonnet").replacingOccurrences(of: "{b}", with: "gpt-4o")
                let response = try await client.execute(uri: path, method: HTTPRequest.Method(endpoint.method)!)
                let detail = String(buffer: response.body)
                #expect(!detail.contains("There is no API endpoint") && response.status != .methodNotAllowed, "\(endpoint.method) \(path): \(detail)")
            }
        }
    }

    @Test("/api/openapi.yaml serves the repository's document byte for byte, with an ETag")
    func documentIsServed() async throws {
        try await withSite { client in
            let response = try await client.execute(uri: "/api/openapi.yaml", method: .get)
            #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            let onDisk = try Data(contentsOf: Repository.root.appendingPathComponent("openapi.yaml"))
            #expect(Data(buffer: response.body) == onDisk)
            #expect(response.headers[.setCookie] == nil, "a publicly cached file sets no cookie")
            let etag = try #require(response.headers[.eTag])
            #expect(try await client.execute(uri: "/api/openapi.yaml", method: .get, headers: [.ifNoneMatch: etag]).status == .notModified)
        }
    }

    @Test("/api documents every endpoint and every problem status the API answers with")
    func docsPage() async throws {
        try await withSite { client in
            let page = try await client.execute(uri: "/api", method: .get).text
            for endpoint in APIEndpoint.all { #expect(page.contains("<code>\(endpoint.path)</code>"), "\(endpoint.path)") }
            for code in [400, 401, 403, 404, 405, 413, 415, 422, 429, 500] { #expect(page.contains(#"id="problem-\#(code)""#)) }
            #expect(page.contains(#"href="/api/openapi.yaml""#))
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains(#"<a href="/api">API</a>"#), "the footer links the API")
        }
    }
}
