import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Helpers for the API suites: JSON bodies as dictionaries, and problem documents checked whole.
extension TestResponse {
    var json: [String: Any] {
        get throws { try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) as? [String: Any]) }
    }

    /// The answer is an RFC 9457 problem with this status and a sentence that mentions `phrase`.
    func expectProblem(_ status: HTTPResponse.Status, mentioning phrase: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(self.status == status, sourceLocation: sourceLocation)
        #expect(headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let problem = try json
        #expect(problem["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
        #expect(problem["type"] as? String == "/api#problem-\(status.code)", sourceLocation: sourceLocation)
        let detail = try #require(problem["detail"] as? String, sourceLocation: sourceLocation)
        #expect(detail.contains(phrase), "\(detail)", sourceLocation: sourceLocation)
    }
}

extension Array where Element == Any {
    func objects() throws -> [[String: Any]] { try map { try #require($0 as? [String: Any]) } }
}
