import AsyncHTTPClient
import Foundation

/// The embedded local model: llama.cpp's server with SmolLM2-135M-Instruct by default, installed and
/// started by `scripts/local-llm` when nothing answers at its address yet.
public struct LocalModel: Sendable {
    /// The models `scripts/local-llm` can serve (`VERDICTS_LOCAL_MODEL`), by the name the server
    /// answers under. docs/panel.md has the measurements that chose the default.
    public static let choices = ["smollm2-135m": "smollm2-135m-instruct", "gemma3-270m": "gemma-3-270m"]
    public static let defaultChoice = "smollm2-135m"
    public static var modelName: String { choices[defaultChoice]! }

    public var choice = LocalModel.defaultChoice
    public var modelName: String { Self.choices[choice] ?? Self.modelName }
    public var baseURL = "http://127.0.0.1:8089/v1"
    /// The project's script; relative paths are resolved from the working directory.
    public var script = "scripts/local-llm"

    public init() {}

    public func isAnswering() async -> Bool {
        let request = HTTPClientRequest(url: "\(baseURL)/models")
        let response = try? await StreamingHTTP.client.execute(request, timeout: .seconds(2))
        return response?.status == .ok
    }

    public func ensureRunning() async throws {
        if await isAnswering() { return }
        guard let port = URL(string: baseURL)?.port, ["127.0.0.1", "localhost"].contains(URL(string: baseURL)?.host ?? "") else {
            throw LLMError.unavailable("the local model at \(baseURL) does not answer, and only one on this machine can be started", retryAfter: nil)
        }
        guard FileManager.default.isExecutableFile(atPath: script) else {
            throw LLMError.unavailable("the local model is not running and \(script) was not found; run verdicts from the project folder or set VERDICTS_LOCAL_LLM_SCRIPT", retryAfter: nil)
        }
        let choice = self.choice
        try await Task.detached { try Self.start(script: script, port: port, choice: choice) }.value
        guard await isAnswering() else {
            throw LLMError.unavailable("the local model was started but does not answer at \(baseURL)", retryAfter: nil)
        }
    }

    private static func start(script: String, port: Int, choice: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", script, "start"]
        var environment = ProcessInfo.processInfo.environment
        environment["VERDICTS_LOCAL_LLM_PORT"] = String(port)
        environment["VERDICTS_LOCAL_MODEL"] = choice
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " ")
            throw LLMError.unavailable("scripts/local-llm could not start the local model: \(text)", retryAfter: nil)
        }
    }
}
