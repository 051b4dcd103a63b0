import Foundation
import Hummingbird
import VerdictsCore

/// `/bookmarks`, the page of a reader's bookmarked tools (kept in the browser, or on the account
/// once signed in), and `/account/bookmarks`, which the page's script reads and changes (behind
/// `SignedInMiddleware`, so only a signed-in reader gets that far).
struct BookmarksController {
    let site: Site

    struct BookmarkForm: Decodable {
        var slug: String?
        var on: String?
        var merge: String?
        var csrf: String?
    }

    func register(on routes: SiteRoutes) {
        routes.on(.bookmarksPage, use: page)
        routes.on(.accountBookmarks, use: bookmarks)
        routes.on(.changeBookmarks, use: changeBookmarks)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        try site.page("bookmarks", try await BookmarksView.load(voter: context.voter, site: site), voter: context.voter)
    }

    @Sendable func bookmarks(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await bookmarkList(try context.account)
    }

    /// Toggles one bookmark (`slug`, `on`) or merges a comma-separated list (`merge`). Answers JSON
    /// to the page's script, or goes back to the page for a plain form.
    @Sendable func changeBookmarks(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.account
        guard let voter = context.voter, let form = try await request.decodeForm(BookmarkForm.self, context: context), site.signer.checkCSRF(form.csrf, for: voter) else {
            return try JSONReply.make(["error": "This page has expired; reload it and try again."], status: .forbidden)
        }
        let accounts = AccountQueries(site.database.sql)
        if let merge = form.merge {
            try await accounts.mergeBookmarks(userId: account.id, slugs: merge.split(separator: ",").map(String.init), now: site.clock.now)
        } else {
            guard let slug = form.slug, try await accounts.setBookmark(userId: account.id, slug: slug, on: form.on != "0", now: site.clock.now) else {
                return try JSONReply.make(["error": "There is no such tool to bookmark."], status: .notFound)
            }
        }
        if !request.wantsJSON {
            return Response.redirect(to: form.slug.map { SiteURL.tool($0).path } ?? SiteURL.bookmarks.path, type: .normal)
        }
        return try await bookmarkList(account)
    }

    private func bookmarkList(_ account: UserRow) async throws -> Response {
        let tools = try await AccountQueries(site.database.sql).bookmarkedTools(userId: account.id)
        return try JSONReply.make(["bookmarks": tools.map { ["slug": $0.slug, "name": $0.name] }], status: .ok)
    }
}
