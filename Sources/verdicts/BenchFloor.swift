import ArgumentParser
import Foundation
import Hummingbird
import NIOCore

/// `verdicts bench-floor`: Hummingbird alone, answering every GET with one file's bytes from
/// memory — no middleware, no cache lookup, no cookie. scripts/bench measures it beside nginx and
/// the site, so the table shows how much of the gap to nginx is the framework's own cost per
/// request on this machine and how much is the site's.
struct BenchFloor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-floor", abstract: "Serve one file's bytes with bare Hummingbird, as the benchmark's floor.", shouldDisplay: false)

    @Option(help: "The file whose bytes every GET answers with.") var file: String
    @Option(help: "The port on 127.0.0.1.") var port = 8090

    func run() async throws {
        guard let bytes = FileManager.default.contents(atPath: file) else { throw CommandFailure("Cannot read \(file).") }
        let body = ByteBuffer(bytes: bytes)
        let router = Router()
        router.get("**") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: body))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "floor"))
        try await app.runService()
    }
}
