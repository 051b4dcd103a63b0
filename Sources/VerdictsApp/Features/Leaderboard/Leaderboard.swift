import Foundation
import Logging
import VerdictsCore

/// The head-to-head leaderboard: Bradley–Terry strengths with bootstrap intervals, overall and per
/// category. Fitting takes a while with many answers, so it never runs per request: answers
/// schedule a recompute (debounced), a minutely refit (`Site.services`) catches answers taken by
/// other app instances, and pages read the last result.
actor Leaderboard {
    struct Standing: Sendable {
        let toolId: Int
        let rating: BradleyTerry.Rating
        /// Best and worst rank the tool could hold given the overlapping intervals.
        let bestRank: Int
        let worstRank: Int
    }

    private let database: AppDatabase
    private let logger: Logger
    private(set) var overall: [Standing] = []
    private(set) var byCategory: [Int: [Standing]] = [:]
    private(set) var computedAt: Date?
    private var pending: Task<Void, Never>?
    /// What the last fit was made from; an unchanged fingerprint skips the refit.
    private var fittedFingerprint: String?

    init(database: AppDatabase, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Cancels a scheduled refit and waits for one in progress, so nothing reads the database after
    /// the site stops.
    func stop() async {
        let scheduled = pending
        pending = nil
        scheduled?.cancel()
        await scheduled?.value
    }

    /// Called when an answer arrives: waits `delay` so a burst of answers costs one fit.
    func scheduleRecompute(after delay: Duration = .seconds(2)) {
        guard pending == nil else { return }
        pending = Task { [weak self] in
            try? await Task.sleep(for: delay)
            guard !Task.isCancelled else { return }
            await self?.clearPending()
            await self?.recompute()
        }
    }

    private func clearPending() { pending = nil }

    /// Refits from the answers in the database, unless nothing changed since the last fit: the
    /// timer runs every minute on every instance, and a fit of 200,000 answers takes seconds.
    func recompute() async {
        guard database.isOpen else { return }
        do {
            let votes = VoteQueries(database.sql)
            let fingerprint = try await votes.matchupFingerprint() + "/" + String(try await CatalogQueries(database.sql).toolCount())
            guard fingerprint != fittedFingerprint else { return }
            let matchups = try await votes.matchups()
            let category = try await CatalogQueries(database.sql).toolCategories()
            // The fit runs on a thread of its own at the lowest priority: not on the actor, so pages
            // reading the last result never wait for it, and not on Swift's cooperative pool, whose
            // few threads (one per core) serve requests and would lose one for the whole fit.
            let (overall, byCategory) = await BackgroundThread.run { Self.fit(matchups, category: category) }
            (self.overall, self.byCategory, computedAt, fittedFingerprint) = (overall, byCategory, Date(), fingerprint)
        } catch {
            logger.error("leaderboard recompute failed: \(describe(error))")
        }
    }

    /// Overall and per-category standings, with as many bootstrap resamples as the work budget allows.
    static func fit(_ matchups: [BradleyTerry.Matchup], category: [Int: Int]) -> ([Standing], [Int: [Standing]]) {
        var inside: [Int: [BradleyTerry.Matchup]] = [:]
        for matchup in matchups {
            if let id = category[matchup.a], category[matchup.b] == id { inside[id, default: []].append(matchup) }
        }
        let resamples = BradleyTerry.resamples(forAnswers: matchups.count + inside.values.map(\.count).reduce(0, +))
        let overall = standings(BradleyTerry.rate(matchups, resamples: resamples))
        return (overall, inside.mapValues { standings(BradleyTerry.rate($0, resamples: resamples)) })
    }

    /// A tool's rank is a range when intervals overlap: it is at best 1 + the number of tools
    /// surely stronger, at worst the number of tools not surely weaker. Binary searches over the
    /// sorted bounds keep this n log n for 100,000 tools.
    static func standings(_ ratings: [BradleyTerry.Rating]) -> [Standing] {
        let lowers = ratings.map(\.lower).sorted(), uppers = ratings.map(\.upper).sorted()
        return ratings.map { rating in
            let surelyStronger = lowers.count - firstIndex(in: lowers) { $0 > rating.upper }
            let notSurelyWeaker = uppers.count - firstIndex(in: uppers) { $0 >= rating.lower }
            return Standing(toolId: rating.id, rating: rating, bestRank: surelyStronger + 1, worstRank: notSurelyWeaker)
        }
    }

    /// The first index of a sorted array where `above` holds (it holds from there to the end).
    private static func firstIndex(in sorted: [Double], where above: (Double) -> Bool) -> Int {
        var (low, high) = (0, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if above(sorted[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
