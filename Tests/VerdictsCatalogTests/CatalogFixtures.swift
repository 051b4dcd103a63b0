import Foundation
import TestSupport

/// Small catalog files written on the fly, so each test states exactly what it feeds the importer.
enum CatalogFixtures {
    static let base = """
        categories:
          - slug: llm-apis
            name: LLM APIs
            description: Hosted models priced per token.
        personas:
          - slug: builder
            name: Builder
            motto: Show me the first ten minutes.
            rewards: A sharp core primitive.
            punishes: Thin wrappers.
            rubric:
              - What is the core primitive?
            system_prompt: You are the Builder. Judge the tool by what it is like to build with it, concretely.
          - slug: skeptic
            name: Skeptic
            motto: Where does it break?
            rewards: Honest limits.
            punishes: Vague roadmaps.
            rubric:
              - Where does it break?
            system_prompt: You are the Skeptic. Find where the tool breaks before the reader finds out in production.
        """

    static let review = "The core primitive is a plain chat call with tool definitions, and it holds up in production."

    /// One valid tool; `replace` swaps a line (matched by its start) for another, or removes it with "".
    static func tool(slug: String = "gpt-4o", replace: [String: String] = [:]) -> String {
        var lines = [
            "  - slug: \(slug)",
            "    name: GPT-4o",
            "    vendor: OpenAI",
            "    category: llm-apis",
            "    tagline: A fast multimodal model.",
            "    best_for: Teams that want one default model.",
            "    description: GPT-4o reads text and images and answers in text, over an HTTPS API.",
            "    pricing_model: paid",
            "    pricing: Pay per token with no free tier.",
            "    entry_price: $2.50 / 1M input tokens",
            "    website: https://openai.com/index/hello-gpt-4o/",
            "    launched: 2024-05-13",
            "    license: Proprietary",
            "    context_window: 128000",
            "    reviews:",
            "      builder:",
            "        score: 70",
            "        verdict: ship",
            "        text: \(review)",
        ]
        for (prefix, replacement) in replace {
            guard let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }) else {
                fatalError("fixture has no line starting with \(prefix)")
            }
            if replacement.isEmpty { lines.remove(at: index) } else { lines[index] = replacement }
        }
        return lines.joined(separator: "\n")
    }

    static func tools(_ entries: String...) -> String {
        "tools:\n" + entries.joined(separator: "\n") + "\n"
    }

    /// Writes `files` (name → YAML) into a new folder and returns its path.
    static func folder(_ files: [String: String]) throws -> String {
        let folder = try Repository.temporaryFolder()
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder.path
    }
}
