import Foundation
import Hummingbird
import VerdictsCore

/// Ship/skip votes and head-to-head answers. Every POST carries the reader's CSRF token, a
/// honeypot field that people leave empty, and passes per-voter and per-address rate limits.
/// With JavaScript the page asks for JSON and updates in place; without it, the form posts and
/// the reader is sent back to the page.
struct VoteController {
    let site: Site

    struct VoteForm: Decodable {
        var choice: String?
        var csrf: String?
        /// The honeypot: hidden from people, filled in by form-spamming bots.
        var website: String?
        var returnTo: String?

        enum CodingKeys: String, CodingKey {
            case choice, csrf, website
            case returnTo = "return_to"
        }
    }

    func register(on routes: SiteRoutes) {
        routes.on(.voteOnTool, use: voteOnTool)
        routes.on(.answerHeadToHead, use: answerHeadToHead)
    }

    @Sendable func voteOnTool(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = context.parameters.get("slug") ?? ""
        // The tool is looked up with the vote, in its batch; a slug that names none is refused then.
        let unknown = "There is no tool called '\(slug)' to vote on."
        guard APIQuery.isSlug(slug) else { return try await refuse(.notFound, unknown, request, context) }
        let (form, origin, refusal) = try await admit(request, context)
        if let refusal { return refusal }
        guard let form, let origin else { return Response.redirect(to: SiteURL.tool(slug).path, type: .normal) }
        guard let choice = form.choice.flatMap(Verdict.init(rawValue:)) else {
            return try await refuse(.badRequest, "Choose ship or skip, then send the vote again.", request, context)
        }
        guard let toolId = try await site.toolVotes.cast(ToolVoteRequest(slug: slug, choice: choice, origin: origin)) else {
            return try await refuse(.notFound, unknown, request, context)
        }
        if request.wantsJSON {
            let counts = try await VoteQueries(site.database.sql).toolCounts(toolId: toolId)
            return try JSONReply.make(["slug": slug, "ship": counts.ship, "skip": counts.skip, "yourVote": choice.rawValue,
                             "community": CommunityText.describe(counts)])
        }
        return Response.redirect(to: safeReturn(form.returnTo) ?? SiteURL.tool(slug).path, type: .normal)
    }

    @Sendable func answerHeadToHead(_ request: Request, context: AppRequestContext) async throws -> Response {
        let pair = context.parameters.get("pair") ?? ""
        let catalog = CatalogQueries(site.database.sql)
        guard let (first, second) = SiteURL.comparisonSlugs(pair), first < second,
              let a = try await catalog.tool(slug: first), let b = try await catalog.tool(slug: second)
        else {
            return try await refuse(.notFound, "There is no comparison at /compare/\(pair).", request, context)
        }
        let (form, origin, refusal) = try await admit(request, context)
        if let refusal { return refusal }
        let page = SiteURL.compare(a.slug, b.slug).path
        guard let form, let origin else { return Response.redirect(to: page, type: .normal) }
        guard let choice = form.choice.flatMap(MatchupChoice.init(rawValue:)) else {
            return try await refuse(.badRequest, "Choose \(a.name), \(b.name) or “can't decide”, then send your answer again.", request, context)
        }
        let votes = VoteQueries(site.database.sql)
        // The vote and its audit event land together or not at all.
        try await site.database.transaction { db in try await VoteQueries(db).castMatchup(toolA: a.id, toolB: b.id, choice: choice, origin: origin, now: site.clock.now) }
        await site.leaderboard.scheduleRecompute()
        if request.wantsJSON {
            let tally = try await votes.matchupCounts(toolA: a.id, toolB: b.id)
            return try JSONReply.make(["a": tally.a, "b": tally.b, "tie": tally.tie, "yourAnswer": choice.rawValue,
                             "community": HeadToHeadView.tally(tally, nameA: a.name, nameB: b.name)])
        }
        return Response.redirect(to: page + "#community", type: .normal)
    }

    /// Reads the form and applies the checks every vote passes. Returns the form and origin, or a
    /// refusal; a filled honeypot returns neither, and the bot is sent back as if it had voted.
    private func admit(_ request: Request, _ context: AppRequestContext) async throws -> (VoteForm?, VoteOrigin?, Response?) {
        guard let voter = context.voter else {
            return (nil, nil, try await refuse(.forbidden, "Your browser did not send its voting cookie; allow cookies for this site and try again.", request, context))
        }
        guard let form = try await request.decodeForm(VoteForm.self, context: context) else {
            return (nil, nil, try await refuse(.badRequest, "The vote could not be read; reload the page and try again.", request, context))
        }
        guard site.signer.checkCSRF(form.csrf, for: voter) else {
            return (nil, nil, try await refuse(.forbidden, "This form has expired. Reload the page and vote again.", request, context))
        }
        if let honeypot = form.website, !honeypot.isEmpty { return (nil, nil, nil) }
        let address = context.remoteAddress ?? "unknown"
        let ipHash = site.signer.fingerprint(address)
        for (limiter, key) in [(site.voterLimiter, voter.key), (site.addressLimiter, ipHash)] {
            if let wait = await limiter.take(key) {
                var response = try await refuse(.tooManyRequests, "You are voting faster than we can count. Try again in \(wait) seconds.", request, context)
                response.headers[.retryAfter] = String(wait)
                return (nil, nil, response)
            }
        }
        let origin = VoteOrigin(voter: voter.key, ipHash: ipHash, userAgentHash: site.signer.fingerprint(request.headers[.userAgent] ?? ""))
        return (form, origin, nil)
    }

    /// Only paths on this site: never `//host` or a full URL, so the form cannot redirect elsewhere.
    private func safeReturn(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), path.count < 300,
              !path.unicodeScalars.contains(where: { $0.value < 0x20 })
        else { return nil }
        return path
    }

    private func refuse(_ status: HTTPResponse.Status, _ message: String, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        if request.wantsJSON {
            return try JSONReply.make(["error": message], status: status)
        }
        let view = ErrorPageView(
            meta: site.meta(title: "\(status.reasonPhrase) — Verdicts", description: message, path: request.uri.path),
            heading: status == .tooManyRequests ? "Slow down a little" : "Your vote was not counted",
            message: message, suggestions: [])
        return try site.page("error", view, status: status).response(from: request, context: context)
    }
}
