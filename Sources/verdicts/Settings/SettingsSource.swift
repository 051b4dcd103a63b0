import Configuration
import Foundation
import SystemPackage

/// Where a command's settings come from, first answer wins: its flags, the environment, a `.env`
/// file in the working folder, then the default the typed settings value supplies. Built on
/// swift-configuration's providers; values are read as text and parsed by the typed settings so
/// a bad value stops the command with a sentence naming the setting, instead of falling back to
/// a default as the library's typed getters do.
struct SettingsSource: Sendable {
    private let reader: ConfigReader

    /// `flags`: the values given on the command line; `environment` and `dotEnv` are the process's
    /// own unless a test passes others. An empty value counts as unset, as a shell's `VAR=` means.
    init(flags: [Setting: String], environment: [String: String], dotEnv: EnvironmentVariablesProvider? = nil) {
        let flagValues = Dictionary(uniqueKeysWithValues: flags.filter { !$0.value.isEmpty }.map { setting, value in
            (AbsoluteConfigKey(setting.key), ConfigValue(.string(value), isSecret: setting.isSecret))
        })
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: flagValues),
            EnvironmentVariablesProvider(environmentVariables: environment.filter { !$0.value.isEmpty }, secretsSpecifier: Self.secrets),
        ]
        if let dotEnv { providers.append(dotEnv) }
        reader = ConfigReader(providers: providers)
    }

    /// Reads the process's environment and `./.env` (when there is one) under `flags`.
    static func load(
        flags: [Setting: String], environment: [String: String] = ProcessInfo.processInfo.environment, dotEnvPath: String = ".env"
    ) async throws -> SettingsSource {
        let dotEnv: EnvironmentVariablesProvider
        do {
            dotEnv = try await EnvironmentVariablesProvider(
                environmentFilePath: FilePath(dotEnvPath), allowMissing: true, secretsSpecifier: secrets)
        } catch {
            throw CommandFailure("The settings file \(dotEnvPath) could not be read: \(error)")
        }
        return SettingsSource(flags: flags, environment: environment, dotEnv: dotEnv)
    }

    private static let secrets = SecretsSpecifier<String, String>.specific(Set(Setting.all.filter(\.isSecret).map(\.name)))

    /// The setting's text, without one pair of surrounding quotes (`.env` files often quote).
    func text(_ setting: Setting) -> String? {
        guard let value = reader.string(forKey: setting.key, isSecret: setting.isSecret), !value.isEmpty else { return nil }
        if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
            return String(value.dropFirst().dropLast())
        }
        return value
    }

    /// A setting read by its environment name (the panel's own settings, which `PanelBackend`
    /// parses). A name the table does not list is still read, unmarked as secret; a test keeps
    /// the table complete.
    func text(named name: String) -> String? {
        text(Setting.named(name) ?? Setting(name: name, flag: nil, shownDefault: "", meaning: ""))
    }

    /// A whole number in `range`, or `fallback` when unset; anything else stops the command with
    /// `problem`'s sentence about the text it got.
    func integer(_ setting: Setting, in range: ClosedRange<Int>, default fallback: Int, problem: (String) -> String) throws -> Int {
        guard let text = text(setting) else { return fallback }
        guard let number = Int(text), range.contains(number) else { throw CommandFailure(problem(text)) }
        return number
    }

    /// A switch such as `VERDICTS_WORKER=off`: true when the flag was given or the setting holds
    /// its switch value.
    func isSwitched(_ setting: Setting) -> Bool {
        text(setting)?.lowercased() == setting.switchValue
    }

    /// A comma-separated list, trimmed, without empty entries.
    func list(_ setting: Setting) -> [String] {
        (text(setting) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
