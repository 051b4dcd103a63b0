import Foundation
import VerdictsCore

extension API {
    struct Persona: Encodable, Sendable {
        let slug, name, motto, rewards, punishes: String
        let rubric: [String]
        let promptVersion: Int
        let active: Bool
        let url, apiURL: String

        init(_ persona: PersonaRow) {
            (slug, name, motto, rewards, punishes) = (persona.slug, persona.name, persona.motto, persona.rewards, persona.punishes)
            (rubric, promptVersion, active) = (persona.rubricQuestions, persona.promptVersion, persona.active)
            url = SiteURL.persona(persona.slug).path
            apiURL = SiteURL.apiPersona(persona.slug).path
        }
    }

    struct ScoreBand: Encodable, Sendable {
        let from, to, count: Int
    }

    struct PersonaVerdict: Encodable, Sendable {
        let tool, toolName: String
        let score: Int
        let verdict: Verdict
        let source: ReviewSource
        @NullEncoded var model: String?
        let promptVersion: Int
        let createdAt: Date
    }

    /// A persona with its score distribution and verdict history.
    typealias PersonaDetail = Flattened<Persona, PersonaRecord>

    struct PersonaRecord: Encodable, Sendable {
        let distribution: [ScoreBand]
        let history: [PersonaVerdict]
    }

    struct Category: Encodable, Sendable {
        let slug, name, description: String
        let toolCount: Int
        let url, apiURL: String

        init(_ category: CategoryRow, toolCount: Int) {
            (slug, name, description, self.toolCount) = (category.slug, category.name, category.description, toolCount)
            url = SiteURL.category(category.slug).path
            apiURL = SiteURL.apiCategory(category.slug).path
        }
    }

    /// A category with its tools.
    typealias CategoryDetail = Flattened<Category, CategoryTools>

    struct CategoryTools: Encodable, Sendable {
        let tools: [ToolSummary]
    }

    struct SearchHit: Encodable, Sendable {
        let slug, name, vendor, tagline, url, apiURL: String
    }

    struct SearchResults: Encodable, Sendable {
        let query: String
        let data: [SearchHit]
    }

    struct Standing: Encodable, Sendable {
        let tool, name: String
        let bestRank, worstRank: Int
        let strength, lower, upper: Double
        let matchups: Int
    }

    struct Leaderboard: Encodable, Sendable {
        @NullEncoded var category: String?
        @NullEncoded var computedAt: Date?
        let data: [Standing]
    }

    struct ToolVoteResult: Encodable, Sendable {
        let tool: String
        let choice: Verdict
        let community: Community
    }

    struct AnswerResult: Encodable, Sendable {
        let a, b: String
        let choice: MatchupChoice
        let headToHead: HeadToHead
    }

    struct VoterInfo: Encodable, Sendable {
        let kind: String
        let csrfToken: String
    }
}

extension API {
    /// What the home page leads with.
    struct Highlights: Encodable, Sendable {
        struct Latest: Encodable, Sendable {
            let tool: ToolSummary
            let verdictAt: Date
        }

        struct Split: Encodable, Sendable {
            let tool: ToolSummary
            let spread: Int
            let label: String
        }

        struct Answers: Encodable, Sendable {
            let answers: Int
        }

        /// A comparison with how many readers answered it.
        typealias Popular = Flattened<RelatedComparison, Answers>

        let latest: [Latest]
        let splits: [Split]
        let popularComparisons: [Popular]
    }
}
