import ServiceLifecycle
import VerdictsCore

extension Site {
    /// The site's background work as services, in the order they start. A service group stops them
    /// in the reverse order, after the web server that `serve` lists last: the digest check,
    /// housekeeping and the leaderboard's refit first, then the panel worker (which hands its job
    /// back), then the vote writer (whose last batch is committed); `serve` closes the database
    /// once the whole group has returned.
    public func services(digestSlot: DigestSlot?) -> [any Service] {
        let leaderboard = self.leaderboard
        let housekeeping = Housekeeping(database: database, logger: database.logger, clock: clock)
        var services: [any Service] = [
            VoteWriterService(writer: toolVotes),
            PanelWorkerService(database: database, backend: panelBackend, logger: database.logger),
            PeriodicService(description: "leaderboard refit", interval: .seconds(60), work: { await leaderboard.recompute() },
                            stop: { await leaderboard.stop() }),
            PeriodicService(description: "housekeeping", interval: .seconds(3600), work: { await housekeeping.run() }),
        ]
        if let digestSlot {
            services.append(PeriodicService(description: "weekly digest check", interval: .seconds(60),
                                            work: { await DigestSchedule(site: self, slot: digestSlot).tick(now: clock.now) }))
        }
        return services
    }
}
