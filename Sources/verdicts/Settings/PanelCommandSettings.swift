import VerdictsPanel

extension PanelBackend {
    /// The panel's backend from its settings (README's table; docs/panel.md explains them).
    init(_ source: SettingsSource) throws {
        do {
            try self.init(settings: source.text(named:))
        } catch let error as PanelBackendError {
            throw CommandFailure(error.description)
        }
    }
}

/// The settings of a command that runs the panel: the database and the model backend.
struct PanelCommandSettings: CommandSettings {
    let database: DatabaseSettings
    let backend: PanelBackend

    init(_ source: SettingsSource) throws {
        database = try DatabaseSettings(source)
        backend = try PanelBackend(source)
    }
}

/// The settings of `digest send`: the database and how mail goes out.
struct MailCommandSettings: CommandSettings {
    let database: DatabaseSettings
    let mail: MailSettings

    init(_ source: SettingsSource) throws {
        database = try DatabaseSettings(source)
        mail = try MailSettings(source)
    }
}

/// The settings of `synth`: the database and the catalog imported first.
struct CatalogCommandSettings: CommandSettings {
    let database: DatabaseSettings
    let catalogPath: String

    static let defaultCatalog = "catalog"

    init(_ source: SettingsSource) throws {
        database = try DatabaseSettings(source)
        catalogPath = source.text(.catalog) ?? Self.defaultCatalog
    }
}
