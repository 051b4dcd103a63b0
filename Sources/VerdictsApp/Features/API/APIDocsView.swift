/// `/api`: how to use the public API, every endpoint, and what each problem status means. The
/// endpoint list is checked against `openapi.yaml` by a test, so the page cannot drift from it.
struct APIDocsView: PageView {
    struct ProblemStatus: Sendable {
        let code: Int
        let anchor: String
        let meaning: String
    }

    var meta: PageMeta
    let endpoints: [APIEndpoint]
    let problems: [ProblemStatus]
    let documentURL: String
    let baseURL: String
    let requestsPerMinute: String

    static let problems = [
        ProblemStatus(code: 400, anchor: "problem-400", meaning: "A parameter or the body could not be read: a value outside the document's range or list, malformed JSON, a cursor that is not a slug."),
        ProblemStatus(code: 401, anchor: "problem-401", meaning: "A vote came without credentials, or with a token that is unknown or revoked."),
        ProblemStatus(code: 403, anchor: "problem-403", meaning: "A cookie-based vote came without the CSRF token of its cookie."),
        ProblemStatus(code: 404, anchor: "problem-404", meaning: "No tool, persona, category or run by that slug or id, or no endpoint at that address."),
        ProblemStatus(code: 405, anchor: "problem-405", meaning: "The endpoint does not take that method."),
        ProblemStatus(code: 413, anchor: "problem-413", meaning: "The body is over 64 KiB."),
        ProblemStatus(code: 415, anchor: "problem-415", meaning: "A vote's body is not application/json."),
        ProblemStatus(code: 422, anchor: "problem-422", meaning: "The body is JSON but not a vote: a missing choice, a wrong value, an unknown field."),
        ProblemStatus(code: 429, anchor: "problem-429", meaning: "Too many requests from this client; Retry-After says how many seconds to wait."),
        ProblemStatus(code: 500, anchor: "problem-500", meaning: "The server failed; the failure is logged. Retry later."),
        ProblemStatus(code: 503, anchor: "problem-503", meaning: "The database is not answering; retry later."),
    ]

    static func make(site: Site) -> APIDocsView {
        APIDocsView(
            meta: site.meta(
                title: "The Verdicts API — Verdicts",
                description: "A JSON API for panel verdicts, comparisons, personas, categories, search, the leaderboard and community votes, described by an OpenAPI document.",
                path: SiteURL.apiDocs.path),
            endpoints: APIEndpoint.all, problems: problems, documentURL: SiteURL.apiDocument.path, baseURL: site.baseURL,
            requestsPerMinute: site.apiRequestsPerMinute.map { "\($0) requests a minute" } ?? "no limit on this instance")
    }
}
