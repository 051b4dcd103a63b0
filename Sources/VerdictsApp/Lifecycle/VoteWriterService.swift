import ServiceLifecycle
import VerdictsCore

/// Waits for the shutdown, then for the votes being written: it stops after the web server, whose
/// requests have all been answered by then, so this is the last look before the database closes.
struct VoteWriterService: Service, CustomStringConvertible {
    let writer: ToolVoteWriter
    var description: String { "vote writer" }

    func run() async throws {
        try? await gracefulShutdown()
        await writer.flush()
    }
}
