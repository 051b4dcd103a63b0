import Foundation

/// Where messages go. The SMTP transport speaks to a mail server; the outbox transport writes
/// `.eml` files so a fresh install works with no server at all.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}

public enum MailError: Error, CustomStringConvertible {
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .cannotWrite(let text): text
        }
    }
}

/// Writes each message to `<folder>/<time>-<id>.eml`, atomically, so a reader of the folder never
/// sees half a message.
public struct OutboxTransport: MailTransport {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    public func send(_ message: MailMessage) async throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let stamp = Int(message.date.timeIntervalSince1970 * 1000)
            let id = message.messageID.filter { $0.isLetter || $0.isNumber }.prefix(12)
            let file = folder.appendingPathComponent("\(stamp)-\(id).eml")
            try Data(message.render().utf8).write(to: file, options: .atomic)
        } catch {
            throw MailError.cannotWrite("Could not write the message to the outbox \(folder.path): \(error.localizedDescription)")
        }
    }
}
