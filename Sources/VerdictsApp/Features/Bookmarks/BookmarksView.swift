import VerdictsCore

/// `/bookmarks`: a signed-in reader's bookmarks from the server; for anyone else, a shell the
/// bookmarks script fills from this browser's storage.
struct BookmarksView: PageView {
    var meta: PageMeta
    let signedIn: Bool
    let tools: [LinkView]
    let hasTools: Bool
    /// The first picker's options.
    let firstChoices: [OptionView]
    /// The second picker's options, starting on the second bookmark.
    let secondChoices: [OptionView]

    static func load(voter: Voter?, site: Site) async throws -> BookmarksView {
        let meta = site.meta(title: "Your bookmarks — Verdicts", description: "The tools you bookmarked.", path: SiteURL.bookmarks.path)
        guard let account = voter?.account else {
            return BookmarksView(meta: meta, signedIn: false, tools: [], hasTools: false, firstChoices: [], secondChoices: [])
        }
        let tools = try await AccountQueries(site.database.sql).bookmarkedTools(userId: account.id)
        return BookmarksView(
            meta: meta, signedIn: true, tools: tools.map { LinkView(label: $0.name, url: SiteURL.tool($0.slug).path) }, hasTools: !tools.isEmpty,
            firstChoices: tools.map { OptionView(value: $0.slug, label: $0.name, selected: false) },
            secondChoices: tools.enumerated().map { OptionView(value: $1.slug, label: $1.name, selected: $0 == 1) })
    }
}
