/// `/bookmarks`: a shell the bookmarks script fills from this browser's storage.
struct BookmarksView: PageView {
    var meta: PageMeta
}
