import Foundation
import Testing
import VerdictsApp
import VerdictsCore
import VerdictsPanel
@testable import verdicts

/// The settings are read in one place (flags, environment, `.env`, defaults) and the README's
/// table is the code's list.
@Suite("Settings")
struct SettingsTests {
    /// A `.env` file in a folder of its own, removed by the caller.
    private func dotEnv(_ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verdicts-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(".env")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    private func source(flags: [Setting: String] = [:], environment: [String: String] = [:], dotEnv text: String = "") async throws -> SettingsSource {
        let path = try dotEnv(text)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return try await SettingsSource.load(flags: flags, environment: environment, dotEnvPath: path)
    }

    @Test("the README's settings table is the one `verdicts settings` prints")
    func readmeTableIsTheCodesList() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "| flag | environment |"))
        let table = readme[start.lowerBound...].components(separatedBy: "\n\n")[0]
        #expect(table == Setting.markdownTable, "Paste the output of `verdicts settings` over the README's settings table.")
    }

    @Test("a flag beats the environment, which beats .env, which beats the default")
    func precedence() async throws {
        let file = "PORT=9002\nVERDICTS_HOST=10.0.0.3\n"
        #expect(try ServeSettings(try await source(flags: [.port: "9000"], environment: ["PORT": "9001"], dotEnv: file)).server.port == 9000)
        #expect(try ServeSettings(try await source(environment: ["PORT": "9001"], dotEnv: file)).server.port == 9001)
        #expect(try ServeSettings(try await source(environment: ["PORT": ""], dotEnv: file)).server.port == 9002)
        let fromFile = try ServeSettings(try await source(dotEnv: file))
        #expect(fromFile.server.port == 9002 && fromFile.server.host == "10.0.0.3")
        let defaults = try ServeSettings(try await source())
        #expect(defaults.server.port == 8080 && defaults.server.host == "127.0.0.1")
    }

    @Test(".env lines: comments and blank lines skipped, surrounding quotes removed")
    func dotEnvLines() async throws {
        let file = "# the sender\n\nVERDICTS_MAIL_FROM=\"News <news@example.com>\"\nVERDICTS_CATALOG='demo catalog'\n"
        let settings = try ServeSettings(try await source(dotEnv: file))
        #expect(settings.mail.sender.email == "news@example.com" && settings.mail.sender.name == "News")
        #expect(settings.catalogPath == "demo catalog")
    }

    @Test("serve's flags reach its settings: repeated proxies, the switches")
    func serveFlags() async throws {
        let command = try Serve.parse(["--no-worker", "--no-page-cache", "--trusted-proxy", "10.0.0.1", "--trusted-proxy", "10.0.0.2",
                                       "--digest-weekday", "1", "--database", ":memory:", "--base-url", "https://verdicts.example"])
        var flags = command.flags
        flags.merge(command.siteOptions.flags) { first, _ in first }
        let settings = try ServeSettings(try await source(flags: flags, environment: ["VERDICTS_DIGEST_HOUR": "6"]))
        #expect(settings.panelBackend == nil)
        #expect(!settings.cachesPages)
        #expect(settings.trustedProxies == ["10.0.0.1", "10.0.0.2"])
        #expect(settings.digestSlot == DigestSlot(weekday: 1, hour: 6))
        #expect(settings.database.location == .sqliteMemory)
        #expect(settings.mail.address(host: "0.0.0.0", port: 1) == "https://verdicts.example")
        let onByDefault = try ServeSettings(try await source(environment: ["VERDICTS_WORKER": "on", "VERDICTS_PAGE_CACHE": "on"]))
        #expect(onByDefault.panelBackend != nil && onByDefault.cachesPages)
        let offByEnvironment = try ServeSettings(try await source(environment: ["VERDICTS_WORKER": "off", "VERDICTS_PAGE_CACHE": "OFF"]))
        #expect(offByEnvironment.panelBackend == nil && !offByEnvironment.cachesPages)
    }

    @Test("a bad value stops the command with a sentence naming what it got", arguments: [
        ("PORT", "eighty", "'eighty'"), ("PORT", "70000", "1 to 65535"), ("LOG_LEVEL", "loud", "LOG_LEVEL"),
        ("VERDICTS_TRUSTED_PROXIES", "10.0.0.1, proxy.example", "'proxy.example'"), ("DATABASE_URL", "mysql://db/verdicts", "postgres://"),
        ("VERDICTS_API_RATE_LIMIT", "-1", "'-1'"), ("VERDICTS_DIGEST_WEEKDAY", "8", "weekday"), ("VERDICTS_MAIL_FROM", "nobody", "'nobody'"),
        ("VERDICTS_LLM_SILENCE_SECONDS", "0", "VERDICTS_LLM_SILENCE_SECONDS"),
    ])
    func badValues(name: String, value: String, expected: String) async throws {
        let source = try await source(environment: [name: value])
        do {
            _ = try ServeSettings(source)
            Issue.record("\(name)=\(value) was accepted")
        } catch let failure as CommandFailure {
            #expect(failure.description.contains(expected), "\(failure.description)")
        }
    }

    @Test("every name the panel reads is in the table, and the table's defaults are the panel's")
    func panelSettingsAreListed() throws {
        var asked: [String] = []
        let backend = try PanelBackend(settings: { asked.append($0); return nil })
        #expect(!asked.isEmpty)
        for name in asked { #expect(Setting.named(name) != nil, "\(name) is read but not in the settings table") }
        let shown = { (name: String) in Setting.named(name)?.shownDefault }
        #expect(shown("VERDICTS_ANTHROPIC_MODEL") == "`\(backend.anthropicModel)`")
        #expect(shown("VERDICTS_ANTHROPIC_URL") == "`\(backend.anthropicURL)`")
        #expect(shown("VERDICTS_OPENAI_URL") == "`\(backend.openAIURL)`")
        #expect(shown("VERDICTS_OPENAI_MODEL") == "`\(backend.openAIModel)`")
        #expect(shown("VERDICTS_OPENAI_MODE") == "`\(backend.openAIMode.rawValue)`")
        #expect(shown("VERDICTS_LOCAL_LLM_URL") == "`\(backend.local.baseURL)`")
        #expect(shown("VERDICTS_LOCAL_LLM_SCRIPT") == "`\(backend.local.script)`")
        #expect(shown("VERDICTS_LOCAL_MODEL") == "`\(backend.local.choice)`")
        #expect(shown("VERDICTS_LLM_SILENCE_SECONDS") == "`\(backend.silenceSeconds)`")
    }

    @Test("the table's defaults are the ones the commands use")
    func commandDefaults() async throws {
        let settings = try ServeSettings(try await source())
        #expect(Setting.port.shownDefault == "`\(settings.server.port)`")
        #expect(Setting.host.shownDefault == "`\(settings.server.host)`")
        #expect(Setting.catalog.shownDefault == "`\(settings.catalogPath)`")
        #expect(Setting.apiRateLimit.shownDefault == "`\(settings.apiRequestsPerMinute)`")
        #expect(Setting.digestHour.shownDefault == "`\(ServeSettings.defaultDigestHour)`")
        #expect(Setting.mailFrom.shownDefault == "`\(MailSettings.defaultSender)`")
        #expect(Setting.mailOutbox.shownDefault == "`\(MailSettings.defaultOutbox)`")
        #expect(Setting.database.shownDefault == "`\(DatabaseLocation.defaultSQLitePath)`")
        #expect(settings.database.location == .sqliteFile(path: DatabaseLocation.defaultSQLitePath))
        #expect(Setting.logLevel.shownDefault == "`\(settings.database.logLevel.rawValue)`")
        #expect(settings.digestSlot == nil && settings.cachesPages && settings.trustedProxies.isEmpty)
    }

    @Test("every flag in the table is a command's, and every `env` a command's help names is in the table")
    func flagsAndHelpAgree() {
        let helps = [Serve.helpMessage(), Synth.helpMessage(), Digest.Send.helpMessage(), Export.helpMessage(), PanelRun.helpMessage()]
        let all = helps.joined(separator: "\n")
        for setting in Setting.all {
            if let flag = setting.flag { #expect(all.contains(flag), "\(flag) is in the table but no command has it") }
        }
        let mentioned = all.matches(of: /env ([A-Z_]+)/).map { String($0.output.1) }
        #expect(!mentioned.isEmpty)
        for name in mentioned { #expect(Setting.named(name) != nil, "a command's help names \(name), which the table lacks") }
    }
}
