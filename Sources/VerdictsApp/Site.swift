import Foundation
import Mustache
import VerdictsCore

/// What every handler needs: the database and the page templates.
public struct Site: Sendable {
    public let database: AppDatabase
    let templates: MustacheLibrary

    public init(database: AppDatabase) async throws {
        self.database = database
        self.templates = try await Self.loadTemplates()
    }

    static func loadTemplates() async throws -> MustacheLibrary {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw SiteError.missingTemplates
        }
        return try await MustacheLibrary(directory: folder.path)
    }
}

enum SiteError: Error, CustomStringConvertible {
    case missingTemplates
    case templateFailed(String)

    var description: String {
        switch self {
        case .missingTemplates: "The page templates are missing from the build; rebuild with `swift build`."
        case .templateFailed(let name): "The template '\(name)' could not be rendered."
        }
    }
}
