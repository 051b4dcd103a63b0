import ServiceLifecycle

/// Work done at once and then every `interval`, until the service group shuts down: the leaderboard
/// refit, housekeeping and the weekly digest's check. A shutdown cancels the wait, or the work in
/// progress; `stop` then runs, for anything the work left scheduled.
struct PeriodicService: Service, CustomStringConvertible {
    let description: String
    let interval: Duration
    let work: @Sendable () async -> Void
    var stop: @Sendable () async -> Void = {}

    func run() async throws {
        let (interval, work) = (self.interval, self.work)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await work()
                try? await Task.sleep(for: interval)
            }
        }
        await stop()
    }
}
