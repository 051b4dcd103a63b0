import NIOCore

/// One reply from an SMTP server: a three-digit code and its text lines (more than one when the
/// server continues lines with `250-`).
struct SMTPReply: Sendable {
    let code: Int
    let lines: [String]
}

/// Turns the server's byte stream into replies, whatever the packet boundaries.
struct SMTPReplyReader {
    private var bytes: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var buffer = ByteBuffer()

    init(_ bytes: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.bytes = bytes }

    mutating func next() async throws -> SMTPReply {
        var lines: [String] = []
        while true {
            let line = try await nextLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw MailError.temporary("The SMTP server sent a malformed reply: \(line.prefix(80))")
            }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                return SMTPReply(code: code, lines: lines)
            }
        }
    }

    private mutating func nextLine() async throws -> String {
        while true {
            if let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = newline - buffer.readerIndex + 1
                let line = buffer.readString(length: length) ?? ""
                // "\r\n" is a single Character in Swift, so one dropLast removes either line end.
                return String(line.dropLast())
            }
            guard buffer.readableBytes < 64 * 1024 else { throw MailError.temporary("The SMTP server sent an overlong line.") }
            guard var more = try await bytes.next() else {
                throw MailError.temporary("The SMTP server closed the connection.")
            }
            buffer.writeBuffer(&more)
        }
    }
}

/// The client side of one conversation: send a line, read the reply, check its code.
struct SMTPSession {
    var replies: SMTPReplyReader
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    mutating func send(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    @discardableResult
    mutating func command(_ line: String, expect code: Int, secret: Bool = false) async throws -> SMTPReply {
        try await send(line + "\r\n")
        return try await expect(code, after: secret ? String(line.prefix(10)) + "…" : line)
    }

    /// Reads a reply and fails unless it carries `code`: 5xx permanently, anything else temporarily.
    @discardableResult
    mutating func expect(_ code: Int, after what: String?) async throws -> SMTPReply {
        let reply = try await replies.next()
        guard reply.code == code else {
            let text = "The SMTP server answered \(reply.code) \(reply.lines.joined(separator: " "))" + (what.map { " to \($0)" } ?? "")
            throw reply.code >= 500 ? MailError.permanent(text) : MailError.temporary(text)
        }
        return reply
    }
}
