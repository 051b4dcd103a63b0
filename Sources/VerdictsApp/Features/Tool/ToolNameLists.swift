import VerdictsCore

/// The lists of tool names every tool page shows — the compare picker's 200 choices and the
/// category's alternatives — kept a few seconds, with the picker's `<option>`s already written.
///
/// On the 100,000-tool bench these lists were most of an uncached tool page: 400 rows decoded
/// through `Codable`, 200 options turned into Mustache dictionaries and escaped one by one, on
/// every request, for lists that change only when a tool is added or renamed. A list is read again
/// after five seconds (so an edit on another instance shows within that), and an edit on this
/// instance clears them at once (`AdminController`).
final class ToolNameLists: Sendable {
    /// One list: a category's first tools by name, or the whole catalog's (`category` nil).
    struct List: Sendable {
        let names: [ToolName]
        /// `<option value="slug">Name</option>` for each name, escaped once.
        let options: [String]
    }

    static let pickerSize = 200
    /// Keyed by category id, nil for the whole catalog; a few hundred categories at most.
    private let lists: ShortLivedCache<Int?, List>

    init(freshFor: Duration = .seconds(5), clock: any SiteClock = SystemClock()) {
        lists = ShortLivedCache(freshFor: freshFor, capacity: 10_000, clock: clock)
    }

    func clear() {
        lists.clear()
    }

    func drain() async { await lists.drain() }

    /// The first `pickerSize + 2` tools of the catalog by name, or of one category.
    func list(category: Int?, catalog: CatalogQueries) async throws -> List {
        try await lists.value(for: category) {
            let names = try await catalog.toolNames(categoryId: category, limit: Self.pickerSize + 2)
            return List(names: names, options: names.map { "<option value=\"\(HTMLText.escape($0.slug))\">\(HTMLText.escape($0.name))</option>" })
        }
    }

    /// The picker on `tool`'s page: every other tool on a catalog of up to 200; on a bigger one the
    /// tool's own category first, then the catalog by name, 200 in all. Returns the options' HTML.
    func pickerOptions(for tool: ToolRow, catalog: CatalogQueries) async throws -> String {
        let all = try await list(category: nil, catalog: catalog)
        var chosen: [String] = []
        chosen.reserveCapacity(Self.pickerSize)
        if all.names.count <= Self.pickerSize + 1 {
            for (name, option) in zip(all.names, all.options) where name.id != tool.id { chosen.append(option) }
            return chosen.joined()
        }
        let own = try await list(category: tool.categoryId, catalog: catalog)
        var seen: Set<Int> = [tool.id]
        for (name, option) in zip(own.names, own.options) where chosen.count < Self.pickerSize && seen.insert(name.id).inserted {
            chosen.append(option)
        }
        for (name, option) in zip(all.names, all.options) where chosen.count < Self.pickerSize && seen.insert(name.id).inserted {
            chosen.append(option)
        }
        return chosen.joined()
    }

    /// The first `limit` other tools of `tool`'s category by name.
    func alternatives(to tool: ToolRow, limit: Int, catalog: CatalogQueries) async throws -> [ToolName] {
        Array(try await list(category: tool.categoryId, catalog: catalog).names.lazy.filter { $0.id != tool.id }.prefix(limit))
    }
}
