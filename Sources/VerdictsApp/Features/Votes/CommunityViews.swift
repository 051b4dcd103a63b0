import VerdictsCore

/// How a tool's community vote reads on a card: share, 95% interval and count.
enum CommunityText {
    static func describe(_ counts: VoteCounts?) -> String {
        guard let counts, counts.total > 0 else { return "No community votes yet" }
        let interval = counts.interval
        let share = Int(((interval.share ?? 0) * 100).rounded())
        let low = Int((interval.lower * 100).rounded()), high = Int((interval.upper * 100).rounded())
        let votes = counts.total == 1 ? "1 vote" : "\(counts.total) votes"
        return "\(share)% ship (95% CI \(low)–\(high)%) · \(votes)"
    }
}

/// The ship/skip form for one tool, bound to the reader's CSRF token.
struct VoteFormView: Sendable {
    let slug: String
    let name: String
    let action: String
    let csrf: String
    let returnTo: String
    let community: String
    let votedShip: Bool
    let votedSkip: Bool

    init(tool: ToolRow, counts: VoteCounts, current: Verdict?, csrf: String, returnTo: String) {
        slug = tool.slug
        name = tool.name
        action = SiteURL.voteOnTool(tool.slug).path
        self.csrf = csrf
        self.returnTo = returnTo
        community = CommunityText.describe(counts)
        votedShip = current == .ship
        votedSkip = current == .skip
    }
}

/// "Which would you ship with?" on a comparison page.
struct HeadToHeadView: Sendable {
    let action: String
    let csrf: String
    let nameA: String
    let nameB: String
    let tally: String

    static func tally(_ counts: (a: Int, b: Int, tie: Int), nameA: String, nameB: String) -> String {
        counts.a + counts.b + counts.tie == 0
            ? "No one has answered yet."
            : "\(nameA) \(counts.a) · \(nameB) \(counts.b) · can't decide \(counts.tie)"
    }
}
