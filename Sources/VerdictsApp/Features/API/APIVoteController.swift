import Foundation
import Hummingbird
import VerdictsCore

/// `POST /api/v1/tools/<slug>/votes` and `POST /api/v1/compare/<a>/<b>/answers`: the same votes
/// the pages take, with the same one-per-voter upsert, audit trail and rate limits. A caller is
/// an integration with an API token, or a reader's voter cookie with its CSRF token in a header.
struct APIVoteController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.apiVoteOnTool, use: voteOnTool)
        routes.on(.apiAnswer, use: answer)
    }

    @Sendable func voteOnTool(_ request: Request, context: AppRequestContext) async throws -> Response {
        let credentials = try await APICredentials.identify(request, context, site: site)
        let slug = try APIQuery.pathSlug(context, "slug", kind: "tool", listedAt: "GET /api/v1/tools")
        let unknown = APIProblem.notFound("There is no tool called '\(slug)' to vote on. GET /api/v1/tools lists them.")
        // An unknown tool is a 404 before the body is judged, as the document says; the vote itself
        // resolves the slug again in its batch.
        guard try await CatalogQueries(site.database.sql).toolExists(slug: slug) else { throw unknown }
        let body = try await APIVoteBody.read(request, context)
        guard let choice = body.choice.flatMap(Verdict.init(rawValue:)) else {
            throw APIProblem.unprocessable(#"choice must be "ship" or "skip", as in {"choice":"ship"}."#)
        }
        let origin = try await credentials.origin(externalVoter: body.voter, request, context, site: site)
        guard let toolId = try await site.toolVotes.cast(ToolVoteRequest(slug: slug, choice: choice, origin: origin)) else { throw unknown }
        let counts = try await VoteQueries(site.database.sql).toolCounts(toolId: toolId)
        return try APIJSON.written(API.ToolVoteResult(tool: slug, choice: choice, community: API.Community(counts)))
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let credentials = try await APICredentials.identify(request, context, site: site)
        let first = try APIQuery.pathSlug(context, "a", kind: "tool", listedAt: "GET /api/v1/tools")
        let second = try APIQuery.pathSlug(context, "b", kind: "tool", listedAt: "GET /api/v1/tools")
        guard first != second else { throw APIProblem.notFound("A tool cannot be compared with itself; name a second tool.") }
        let catalog = CatalogQueries(site.database.sql)
        guard let a = try await catalog.tool(slug: first) else { throw APIProblem.notFound("There is no tool called '\(first)'. GET /api/v1/tools lists them.") }
        guard let b = try await catalog.tool(slug: second) else { throw APIProblem.notFound("There is no tool called '\(second)'. GET /api/v1/tools lists them.") }
        let body = try await APIVoteBody.read(request, context)
        guard let choice = body.choice.flatMap(MatchupChoice.init(rawValue:)) else {
            throw APIProblem.unprocessable(#"choice must be "a" (the first tool in the address), "b" or "tie", as in {"choice":"a"}."#)
        }
        let origin = try await credentials.origin(externalVoter: body.voter, request, context, site: site)
        let votes = VoteQueries(site.database.sql)
        // Either order of the address works: "a" always means the first slug in it.
        // The vote and its audit event land together or not at all.
        try await site.database.transaction { db in try await VoteQueries(db).castMatchup(toolA: a.id, toolB: b.id, choice: choice, origin: origin, now: site.clock.now) }
        await site.leaderboard.scheduleRecompute()
        let tally = try await votes.matchupCounts(toolA: a.id, toolB: b.id)
        return try APIJSON.written(API.AnswerResult(a: a.slug, b: b.slug, choice: choice, headToHead: API.HeadToHead(a: tally.a, b: tally.b, tie: tally.tie)))
    }
}

/// The body of a vote: a JSON object with `choice` and, for token holders, `voter`. Read strictly,
/// so a typo in a field name is an error rather than a vote that silently means something else.
struct APIVoteBody {
    var choice: String?
    var voter: String?

    static func read(_ request: Request, _ context: AppRequestContext) async throws -> APIVoteBody {
        guard let type = request.headers[.contentType]?.lowercased(), type.hasPrefix("application/json") else {
            throw APIProblem(.unsupportedMediaType, #"Send the vote as JSON with Content-Type: application/json, as in {"choice":"ship"}."#)
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed]) else {
            throw APIProblem.badRequest(#"The body is not valid JSON. Send an object such as {"choice":"ship"}."#)
        }
        guard let fields = object as? [String: Any] else {
            throw APIProblem.unprocessable(#"The body must be a JSON object such as {"choice":"ship"}."#)
        }
        if let unknown = fields.keys.sorted().first(where: { !["choice", "voter"].contains($0) }) {
            throw APIProblem.unprocessable("The field '\(unknown.prefix(40))' is not part of a vote; send only choice (and voter, with an API token).")
        }
        var body = APIVoteBody()
        if let choice = fields["choice"] {
            guard let text = choice as? String else { throw APIProblem.unprocessable("choice must be a string.") }
            body.choice = text
        }
        if let voter = fields["voter"] {
            // 60 characters keep the stored key (`t:<token id>:<voter>`) within the votes table's 80.
            guard let text = voter as? String, (1...60).contains(text.count),
                  text.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._:@-".unicodeScalars.contains($0)) })
            else {
                throw APIProblem.unprocessable("voter must be 1 to 60 characters: letters, digits and . _ : @ - (your own id for the person voting).")
            }
            body.voter = text
        }
        return body
    }
}
