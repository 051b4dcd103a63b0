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

    struct PersonaDetail: Encodable, Sendable {
        let persona: Persona
        let distribution: [ScoreBand]
        let history: [PersonaVerdict]

        enum CodingKeys: String, CodingKey { case distribution, history }

        func encode(to encoder: any Encoder) throws {
            try persona.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(distribution, forKey: .distribution)
            try container.encode(history, forKey: .history)
        }
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

    struct CategoryDetail: Encodable, Sendable {
        let category: Category
        let tools: [ToolSummary]

        enum CodingKeys: String, CodingKey { case tools }

        func encode(to encoder: any Encoder) throws {
            try category.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(tools, forKey: .tools)
        }
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
