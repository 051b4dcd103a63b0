import Foundation
import Logging
import VerdictsCore

/// The head-to-head leaderboard: Bradley–Terry strengths with bootstrap intervals, overall and per
/// category. Fitting takes a while with many answers, so it never runs per request: answers
/// schedule a recompute (debounced), a timer catches answers taken by other app instances, and
/// pages read the last result.
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
    private var timer: Task<Void, Never>?

    init(database: AppDatabase, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Computes now, then every `interval` until `stop()`.
    func start(interval: Duration = .seconds(60)) {
        timer?.cancel()
        timer = Task { [weak self] in
            await self?.recompute()
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                await self?.recompute()
            }
        }
    }

    func stop() {
        timer?.cancel()
        pending?.cancel()
        (timer, pending) = (nil, nil)
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

    func recompute() async {
        guard database.isOpen else { return }
        do {
            let matchups = try await VoteQueries(database.sql).matchups()
            let tools = try await CatalogQueries(database.sql).tools()
            let category = Dictionary(uniqueKeysWithValues: tools.map { ($0.id, $0.categoryId) })
            overall = Self.standings(BradleyTerry.rate(matchups))
            var perCategory: [Int: [Standing]] = [:]
            for id in Set(category.values) {
                let inside = matchups.filter { category[$0.a] == id && category[$0.b] == id }
                if !inside.isEmpty { perCategory[id] = Self.standings(BradleyTerry.rate(inside)) }
            }
            byCategory = perCategory
            computedAt = Date()
        } catch {
            logger.error("leaderboard recompute failed: \(describe(error))")
        }
    }

    /// A tool's rank is a range when intervals overlap: it is at best 1 + the number of tools
    /// surely stronger, at worst the number of tools not surely weaker.
    static func standings(_ ratings: [BradleyTerry.Rating]) -> [Standing] {
        ratings.map { rating in
            let surelyStronger = ratings.filter { $0.lower > rating.upper }.count
            let notSurelyWeaker = ratings.filter { $0.upper >= rating.lower }.count
            return Standing(toolId: rating.id, rating: rating, bestRank: surelyStronger + 1, worstRank: notSurelyWeaker)
        }
    }
}
