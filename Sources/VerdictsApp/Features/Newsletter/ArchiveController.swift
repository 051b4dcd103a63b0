import Foundation
import Hummingbird
import VerdictsCore

/// Every digest is also published on the site: `/newsletter/archive` lists them and
/// `/newsletter/<year>-w<week>` shows one.
struct ArchiveController {
    let site: Site

    struct ArchiveView: PageView {
        var meta: PageMeta
        let issues: [LinkView]
        let hasIssues: Bool
    }

    struct IssueView: PageView {
        var meta: PageMeta
        let subject: String
        /// Built by `DigestBuilder` from escaped templates, so it is safe to include as HTML.
        let html: String
    }

    func register(on routes: SiteRoutes) {
        routes.on(.archive, use: archive)
        routes.on(.archiveIssue, use: issue)
    }

    @Sendable func archive(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let issues = try await DigestQueries(site.database.sql).published().map { LinkView(label: $0.subject, url: SiteURL.archiveIssue($0.issue).path) }
        return try site.page("newsletter-archive", ArchiveView(
            meta: site.meta(title: "Weekly AI Tool Verdicts — archive", description: "Every issue of the weekly verdicts newsletter.", path: SiteURL.archive.path),
            issues: issues, hasIssues: !issues.isEmpty), voter: context.voter)
    }

    @Sendable func issue(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let name = context.parameters.get("issue") ?? ""
        guard let week = IsoWeek(parsing: name),
              let digest = try await DigestQueries(site.database.sql).digest(year: week.year, week: week.week), digest.publishedAt != nil
        else {
            return try await site.notFound("There is no newsletter issue called '\(name)'. The archive lists every issue.", path: request.uri.path)
        }
        return try site.page("newsletter-issue", IssueView(
            meta: site.meta(title: "\(digest.subject) — Verdicts", description: "The weekly verdicts newsletter for \(week).", path: SiteURL.archiveIssue(digest.issue).path, type: "article"),
            subject: digest.subject,
            // The web copy offers the signup where the mailed copy offers the reader's unsubscribe link.
            html: digest.html.replacingOccurrences(of: DigestBuilder.unsubscribeMarker, with: SiteURL.newsletter.path)
                .replacingOccurrences(of: ">Unsubscribe in one click<", with: ">Subscribe to the newsletter<")), voter: context.voter)
    }
}
