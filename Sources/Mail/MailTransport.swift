import Foundation

/// Where messages go. The SMTP transport speaks to a mail server; the outbox transport writes
/// `.eml` files so a fresh install works with no server at all.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}

public enum MailError: Error, CustomStringConvertible {
    case cannotWrite(String)
    /// The receiving server refused the address for good (an SMTP 5xx reply): never try it again.
    case permanent(String)
    /// Worth another try later (an SMTP 4xx reply, a lost connection before the message was handed over).
    case temporary(String)
    /// The message was handed over but no answer came back (a lost connection or timeout after the
    /// final dot): it may have been accepted, so sending it again could deliver it twice.
    case uncertain(String)

    public var description: String {
        switch self {
        case .cannotWrite(let text), .permanent(let text), .temporary(let text), .uncertain(let text): text
        }
    }

    public var isPermanent: Bool {
        if case .permanent = self { return true }
        return false
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
