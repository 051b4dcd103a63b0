import VerdictsCore

struct HomeView: Sendable {
    struct CategoryGroup: Sendable {
        let name: String
        let description: String
        let tools: [ToolCardView]
    }

    let title = "Verdicts — which AI tool should you ship with?"
    let description = "An AI reviewer panel, community votes and pricing for AI developer tools, side by side."
    let categories: [CategoryGroup]

    static func load(site: Site) async throws -> HomeView {
        let catalog = CatalogQueries(site.database.sql)
        let panels = PanelQueries(site.database.sql)
        var groups: [CategoryGroup] = []
        for category in try await catalog.categories() {
            var cards: [ToolCardView] = []
            for tool in try await catalog.tools(categoryId: category.id) {
                let panel = PanelSummary(try await panels.latestPanel(toolId: tool.id))
                cards.append(ToolCardView(tool: tool, category: category, panel: panel))
            }
            if !cards.isEmpty {
                groups.append(CategoryGroup(name: category.name, description: category.description, tools: cards))
            }
        }
        return HomeView(categories: groups)
    }
}
