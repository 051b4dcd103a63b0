/// The fixed addresses the page frame and the templates link to, taken from `SiteURL` and handed
/// to every page as `meta.links`, so no template writes a path out (a test checks they do not).
/// Stored properties, not computed ones: templates read fields by reflection.
struct SiteLinks: Sendable {
    static let shared = SiteLinks()

    let home = SiteURL.home.path
    let categories = SiteURL.home.anchor("categories")
    let comparisons = SiteURL.home.anchor("comparisons")
    let search = SiteURL.search.path
    let leaderboard = SiteURL.leaderboard.path
    let methodology = SiteURL.methodology.path
    let calibration = SiteURL.methodology.anchor("calibration")
    let comparePicker = SiteURL.comparePicker.path
    let bookmarks = SiteURL.bookmarks.path
    let signIn = SiteURL.signIn.path
    let signInConfirm = SiteURL.signInConfirm(token: nil).path
    let signOut = SiteURL.signOut.path
    let newsletter = SiteURL.newsletter.path
    let archive = SiteURL.archive.path
    let feed = SiteURL.feed.path
    let sitemap = SiteURL.sitemap.path
    let api = SiteURL.apiDocs.path
    let apiVoting = SiteURL.apiDocs.anchor("voting")
    let admin = SiteURL.admin.path
    let adminTools = SiteURL.adminTools.path
    let adminNewTool = SiteURL.adminNewTool.path
    let adminVotes = SiteURL.adminVotes.path
    let adminTokens = SiteURL.adminTokens.path
}
