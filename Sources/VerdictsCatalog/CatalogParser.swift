import VerdictsCore
import Yams

/// Turns the YAML tree of one catalog file into typed entries. Every entry is read to the end even
/// after a problem, so one run reports every problem in the file.
struct CatalogParser {
    let file: String
    let problems: ProblemList

    static let toolFields = [
        "slug", "name", "vendor", "category", "tagline", "best_for", "description", "pricing_model", "pricing",
        "entry_price", "website", "launched", "license", "status", "context_window", "reviews",
    ]
    static let personaFields = ["slug", "name", "motto", "rewards", "punishes", "rubric", "system_prompt"]
    static let categoryFields = ["slug", "name", "description"]
    static let reviewFields = ["score", "verdict", "text"]

    func parse(_ root: Node, into input: inout CatalogInput) {
        guard let top = root.mapping else {
            problems.add(file, root.mark?.line ?? 1, "", "a catalog file must be a mapping with categories, personas or tools")
            return
        }
        FieldReader(mapping: top, file: file, subject: "", problems: problems)
            .rejectUnknownKeys(["categories", "personas", "tools"])
        for entry in entries(top, "categories") {
            if let category = category(entry) { input.categories.append(category) }
        }
        for entry in entries(top, "personas") {
            if let persona = persona(entry) { input.personas.append(persona) }
        }
        for entry in entries(top, "tools") {
            if let tool = tool(entry) { input.tools.append(tool) }
        }
    }

    private func entries(_ top: Node.Mapping, _ key: String) -> [Node.Mapping] {
        guard let node = top[key], !FieldReader.isNull(node) else { return [] }
        guard let list = node.sequence else {
            problems.add(file, node.mark?.line ?? 1, "", "\(key) must be a list")
            return []
        }
        return list.compactMap { item in
            guard let mapping = item.mapping else {
                problems.add(file, item.mark?.line ?? 1, "", "each entry of \(key) must be a mapping of fields")
                return nil
            }
            return mapping
        }
    }

    private func reader(_ mapping: Node.Mapping, kind: String) -> FieldReader {
        let slug = mapping["slug"]?.scalar?.string
        let subject = slug.map { "\(kind) '\($0)'" } ?? "\(kind) at line \(mapping.mark?.line ?? 1)"
        return FieldReader(mapping: mapping, file: file, subject: subject, problems: problems)
    }

    private func location(_ mapping: Node.Mapping) -> SourceLocation {
        SourceLocation(file: file, line: mapping.mark?.line ?? 1)
    }

    func category(_ mapping: Node.Mapping) -> CategoryInput? {
        let r = reader(mapping, kind: "category")
        r.rejectUnknownKeys(Self.categoryFields)
        let slug = r.slug(), name = r.text("name", max: 80), description = r.text("description", max: 400)
        guard let slug, let name, let description else { return nil }
        return CategoryInput(slug: slug, name: name, description: description, location: location(mapping))
    }

    func persona(_ mapping: Node.Mapping) -> PersonaInput? {
        let r = reader(mapping, kind: "persona")
        r.rejectUnknownKeys(Self.personaFields)
        let slug = r.slug(), name = r.text("name", max: 40), motto = r.text("motto", max: 120)
        let rewards = r.text("rewards", max: 400), punishes = r.text("punishes", max: 400)
        let rubric = r.textList("rubric", count: 1...10, maxEach: 200)
        let prompt = r.text("system_prompt", max: 4000, min: 40)
        guard let slug, let name, let motto, let rewards, let punishes, let rubric, let prompt else { return nil }
        return PersonaInput(
            slug: slug, name: name, motto: motto, rewards: rewards, punishes: punishes, rubric: rubric,
            systemPrompt: prompt, location: location(mapping))
    }

    func tool(_ mapping: Node.Mapping) -> ToolInput? {
        let r = reader(mapping, kind: "tool")
        r.rejectUnknownKeys(Self.toolFields)
        let slug = r.slug(), name = r.text("name", max: 80), vendor = r.text("vendor", max: 80)
        let category = r.slug("category"), tagline = r.text("tagline", max: 140)
        let bestFor = r.text("best_for", max: 140), description = r.text("description", max: 800, min: 20)
        let pricingModel = r.choice("pricing_model", PricingModel.self), pricing = r.text("pricing", max: 400)
        let entryPrice = r.text("entry_price", max: 60), website = r.webAddress("website")
        let launched = r.date("launched"), license = r.text("license", max: 60)
        let status = r.choice("status", ToolStatus.self, default: .active)
        let contextWindow = r.integer("context_window", in: 1...100_000_000, required: false)
        let contextWindowOK = r.value("context_window") == nil || contextWindow != nil
        let reviews = self.reviews(r)
        guard let slug, let name, let vendor, let category, let tagline, let bestFor, let description,
              let pricingModel, let pricing, let entryPrice, let website, let launched, let license, let status,
              contextWindowOK, let reviews
        else { return nil }
        return ToolInput(
            slug: slug, name: name, vendor: vendor, category: category, tagline: tagline, bestFor: bestFor,
            description: description, pricingModel: pricingModel, pricing: pricing, entryPrice: entryPrice,
            website: website, launchedOn: launched, license: license, status: status, contextWindow: contextWindow,
            reviews: reviews, location: location(mapping))
    }

    /// `reviews` maps a persona slug to `{score, verdict, text}`; nil when any review is invalid.
    private func reviews(_ tool: FieldReader) -> [ReviewInput]? {
        guard let node = tool.value("reviews") else { return [] }
        guard let mapping = node.mapping else {
            problems.add(file, node.mark?.line ?? tool.line, tool.subject, "reviews must map persona slugs to reviews")
            return nil
        }
        var reviews: [ReviewInput] = []
        var valid = true
        for (key, value) in mapping {
            let persona = key.scalar?.string ?? "?"
            let subject = "\(tool.subject) review by '\(persona)'"
            guard let fields = value.mapping else {
                problems.add(file, value.mark?.line ?? tool.line, subject, "a review must be a mapping of score, verdict and text")
                valid = false
                continue
            }
            let r = FieldReader(mapping: fields, file: file, subject: subject, problems: problems)
            r.rejectUnknownKeys(Self.reviewFields)
            let score = r.integer("score", in: 0...100), verdict = r.choice("verdict", Verdict.self)
            let text = r.text("text", max: 1500, min: 40)
            guard Slug.isValid(persona), let score, let verdict, let text else {
                if !Slug.isValid(persona) {
                    problems.add(file, key.mark?.line ?? tool.line, subject, "persona \(Slug.rule)")
                }
                valid = false
                continue
            }
            reviews.append(ReviewInput(
                persona: persona, score: score, verdict: verdict, text: text,
                location: SourceLocation(file: file, line: key.mark?.line ?? tool.line)))
        }
        return valid ? reviews : nil
    }
}
