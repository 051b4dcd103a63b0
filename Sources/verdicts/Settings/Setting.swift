import Configuration

/// One setting the commands read: its environment name (also its key in `.env` and, dotted and
/// lower-cased, its swift-configuration key), the flag that overrides it, the default as the README
/// shows it, and what it does. `Setting.all` is the README's settings table, row for row; a test
/// holds the two together, and another that every name the panel reads is listed here.
struct Setting: Hashable, Sendable {
    let name: String
    let flag: String?
    /// Set for a switch that only one value turns (`VERDICTS_WORKER=off`).
    var switchValue: String? = nil
    let shownDefault: String
    let meaning: String
    /// Kept out of swift-configuration's access log (`CONFIG_ACCESS_LOG_FILE`) and of error messages.
    var isSecret = false

    var key: ConfigKey { ConfigKey(name.lowercased().split(separator: "_").map(String.init)) }

    static func == (lhs: Setting, rhs: Setting) -> Bool { lhs.name == rhs.name }
    func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension Setting {
    static let database = Setting(
        name: "DATABASE_URL", flag: "--database", shownDefault: "`data/verdicts.sqlite`",
        meaning: "a SQLite file path, `:memory:`, or a `postgres://user:password@host:port/database` URL", isSecret: true)
    static let host = Setting(
        name: "VERDICTS_HOST", flag: "--host", shownDefault: "`127.0.0.1`",
        meaning: "the address `serve` listens on (`0.0.0.0` for every interface)")
    static let port = Setting(name: "PORT", flag: "--port", shownDefault: "`8080`", meaning: "the port `serve` listens on")
    static let catalog = Setting(
        name: "VERDICTS_CATALOG", flag: "--catalog", shownDefault: "`catalog`",
        meaning: "the catalog `serve` loads into an empty database (and `synth` imports first)")
    static let baseURL = Setting(
        name: "VERDICTS_BASE_URL", flag: "--base-url", shownDefault: "`http://<host>:<port>`",
        meaning: "the site's public address, used in canonical links, the sitemap, the feed and links in email")
    static let smtpURL = Setting(
        name: "VERDICTS_SMTP_URL", flag: "--smtp-url", shownDefault: "none",
        meaning: "deliver mail over SMTP: `smtp://user:password@host:587?starttls=required` (`starttls` is `required`, `optional` or `off`; `ca=/path.pem` trusts a private CA)",
        isSecret: true)
    static let mailOutbox = Setting(
        name: "VERDICTS_MAIL_OUTBOX", flag: "--mail-outbox", shownDefault: "`data/outbox`",
        meaning: "without `--smtp-url`, outgoing mail is written here as `.eml` files")
    static let mailFrom = Setting(
        name: "VERDICTS_MAIL_FROM", flag: "--mail-from", shownDefault: "`Verdicts <verdicts@localhost.localdomain>`",
        meaning: "the sender of outgoing mail")
    static let digestWeekday = Setting(
        name: "VERDICTS_DIGEST_WEEKDAY", flag: "--digest-weekday", shownDefault: "off",
        meaning: "send the weekly digest in-app from this ISO weekday (1 = Monday … 7 = Sunday)")
    static let digestHour = Setting(
        name: "VERDICTS_DIGEST_HOUR", flag: "--digest-hour", shownDefault: "`8`", meaning: "…from this hour, UTC")
    static let apiRateLimit = Setting(
        name: "VERDICTS_API_RATE_LIMIT", flag: "--api-rate-limit", shownDefault: "`600`",
        meaning: "API requests a minute per token or address; `0` for no limit")
    static let worker = Setting(
        name: "VERDICTS_WORKER", flag: "--no-worker", switchValue: "off", shownDefault: "worker on",
        meaning: "`serve` runs no panel worker (run `verdicts worker` instead)")
    static let pageCache = Setting(
        name: "VERDICTS_PAGE_CACHE", flag: "--no-page-cache", switchValue: "off", shownDefault: "cache on",
        meaning: "render every public page per request instead of serving it from the 0.4-second page cache (tool names for pickers, categories, personas and search results are still kept a few seconds; [docs/performance.md](docs/performance.md))")
    static let trustedProxies = Setting(
        name: "VERDICTS_TRUSTED_PROXIES", flag: "--trusted-proxy", shownDefault: "none",
        meaning: "addresses of reverse proxies whose `X-Forwarded-For` names the reader (repeat the flag, or comma-separate); without one, the socket's address is the reader's")
    static let logLevel = Setting(
        name: "LOG_LEVEL", flag: nil, shownDefault: "`info`",
        meaning: "`trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical`")
}

/// The panel's settings. `PanelBackend` reads them by name; these rows document them and mark
/// the secrets.
extension Setting {
    static let backend = Setting(
        name: "VERDICTS_LLM_BACKEND", flag: "--backend", shownDefault: "see below",
        meaning: "the model backend of the AI panel: `anthropic`, `openai` or `local` ([docs/panel.md](docs/panel.md) says more)")
    static let panel: [Setting] = [
        Setting(name: "ANTHROPIC_API_KEY", flag: nil, shownDefault: "none", meaning: "use Anthropic's Messages API for the panel", isSecret: true),
        Setting(name: "VERDICTS_ANTHROPIC_MODEL", flag: nil, shownDefault: "`claude-sonnet-4-5`", meaning: "the Messages API's model"),
        Setting(name: "VERDICTS_ANTHROPIC_URL", flag: nil, shownDefault: "`https://api.anthropic.com`", meaning: "where the Messages API answers"),
        Setting(name: "VERDICTS_OPENAI_URL", flag: nil, shownDefault: "`https://api.openai.com/v1`", meaning: "use an OpenAI-compatible server for the panel (OpenAI, vLLM, Ollama, a llama.cpp server)"),
        Setting(name: "OPENAI_API_KEY", flag: nil, shownDefault: "none", meaning: "…and its key (either one chooses the `openai` backend)", isSecret: true),
        Setting(name: "VERDICTS_OPENAI_MODEL", flag: nil, shownDefault: "`gpt-4o-mini`", meaning: "the OpenAI-compatible server's model"),
        Setting(name: "VERDICTS_OPENAI_MODE", flag: nil, shownDefault: "`json-schema`", meaning: "how it is asked for JSON: `json-schema`, `json-object` or `tool`"),
        Setting(name: "VERDICTS_LOCAL_LLM_URL", flag: nil, shownDefault: "`http://127.0.0.1:8089/v1`", meaning: "the embedded local model, the panel's backend when no other is configured"),
        Setting(name: "VERDICTS_LOCAL_LLM_SCRIPT", flag: nil, shownDefault: "`scripts/local-llm`", meaning: "the script that starts the local model"),
        Setting(name: "VERDICTS_LOCAL_MODEL", flag: nil, shownDefault: "`smollm2-135m`", meaning: "which local model `scripts/local-llm` serves: `smollm2-135m` or `gemma3-270m`"),
        Setting(name: "VERDICTS_PANEL_MODELS", flag: nil, shownDefault: "none", meaning: "personas with a backend and model of their own: `builder=anthropic:claude-sonnet-4-5, skeptic=openai, futurist=local`"),
        Setting(name: "VERDICTS_PAIRWISE_BUDGET", flag: nil, shownDefault: "`20` with a configured backend, else `0`", meaning: "pairwise runs a day that readers opening comparison pages may queue (the panel's order-checked pick)"),
        Setting(name: "VERDICTS_OPENAI_VENDOR", flag: nil, shownDefault: "read from the model's name", meaning: "who makes the OpenAI-compatible backend's model, for the same-vendor rule"),
        Setting(name: "VERDICTS_LOCAL_VENDOR", flag: nil, shownDefault: "read from the model's name", meaning: "who makes the local model, for the same-vendor rule"),
        Setting(name: "VERDICTS_LLM_SILENCE_SECONDS", flag: nil, shownDefault: "`60`", meaning: "how long the panel's backend may send nothing before a try counts as unavailable and is retried (1 to 3600)"),
    ]
}

extension Setting {
    /// Every setting, in the README's order.
    static let all: [Setting] = [
        database, host, port, catalog, baseURL, smtpURL, mailOutbox, digestWeekday, digestHour, mailFrom, backend,
    ] + panel + [apiRateLimit, worker, pageCache, trustedProxies, logLevel]

    static func named(_ name: String) -> Setting? { all.first { $0.name == name } }

    /// The README's settings table, written from `all`.
    static var markdownTable: String {
        var lines = ["| flag | environment | default | meaning |", "| --- | --- | --- | --- |"]
        for setting in all {
            let flag = setting.flag.map { "| `\($0)` |" } ?? "| |"
            let name = "`\(setting.name)\(setting.switchValue.map { "=\($0)" } ?? "")`"
            lines.append("\(flag) \(name) | \(setting.shownDefault) | \(setting.meaning) |")
        }
        return lines.joined(separator: "\n")
    }
}
