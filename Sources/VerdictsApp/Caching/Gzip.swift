import CCompressZlib
import Foundation
import CompressNIO
import NIOCore

/// gzip for text responses. A cached page differs per reader only in its CSRF token, so its parts
/// are compressed once, each as a byte-aligned run of deflate blocks, and every response splices the
/// reader's token between them as a stored (uncompressed) block: a valid gzip stream for the cost
/// of a copy. The CRC of the whole is combined from the parts' CRCs rather than recomputed.
enum Gzip {
    /// Compressed parts and what the trailer needs: each part's CRC-32 and length.
    struct Parts: Sendable {
        let deflated: [ByteBuffer]
        let crcs: [UInt32]
        let lengths: [Int]
        var byteCount: Int { deflated.map(\.readableBytes).reduce(0, +) }
    }

    static let header: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]

    /// Every part but the last ends with a sync flush (byte-aligned, not final); the last finishes the stream.
    static func compress(parts: [ByteBuffer]) throws -> Parts {
        var deflated: [ByteBuffer] = []
        for (index, part) in parts.enumerated() {
            let compressor = CompressionAlgorithm.deflate(configuration: .init(compressionLevel: .compressionLevel6)).compressor
            try compressor.startStream()
            var input = part
            var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: input) + 16)
            try compressor.streamDeflate(from: &input, to: &output, flush: index == parts.count - 1 ? .finish : .sync)
            try compressor.finishStream()
            deflated.append(output)
        }
        return Parts(deflated: deflated, crcs: parts.map(crc), lengths: parts.map(\.readableBytes))
    }

    /// The gzip stream of `parts` with `token` between each pair of them.
    static func splice(_ parts: Parts, token: String) -> [ByteBuffer] {
        let tokenBuffer = ByteBuffer(string: token)
        let tokenCRC = crc(tokenBuffer)
        var block = ByteBufferAllocator().buffer(capacity: 5 + token.utf8.count)
        let length = UInt16(token.utf8.count)
        block.writeBytes([0, UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8(~length >> 8)])
        block.writeString(token)
        var out: [ByteBuffer] = [ByteBuffer(bytes: header)]
        var checksum = parts.crcs.first ?? 0
        var total = parts.lengths.first ?? 0
        for index in parts.deflated.indices {
            if index > 0 {
                out.append(block)
                checksum = UInt32(crc32_combine(uLong(checksum), uLong(tokenCRC), off_t(token.utf8.count)))
                checksum = UInt32(crc32_combine(uLong(checksum), uLong(parts.crcs[index]), off_t(parts.lengths[index])))
                total += token.utf8.count + parts.lengths[index]
            }
            out.append(parts.deflated[index])
        }
        out.append(trailer(crc: checksum, length: total))
        return out
    }

    /// A whole body compressed in one go, for responses that are not cached.
    static func compress(_ body: ByteBuffer) throws -> ByteBuffer {
        var input = body
        return try input.compress(with: .gzip(configuration: .init(compressionLevel: .compressionLevel6)))
    }

    static func crc(_ buffer: ByteBuffer) -> UInt32 {
        buffer.withUnsafeReadableBytes { bytes in
            UInt32(crc32(0, bytes.bindMemory(to: Bytef.self).baseAddress, uInt(bytes.count)))
        }
    }

    private static func trailer(crc: UInt32, length: Int) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: 8)
        buffer.writeInteger(crc, endianness: .little)
        buffer.writeInteger(UInt32(truncatingIfNeeded: length), endianness: .little)
        return buffer
    }

    /// Whether the client takes gzip: `Accept-Encoding` names it (or `*`) without `q=0`.
    static func accepted(_ header: String?) -> Bool {
        guard let header else { return false }
        for item in header.lowercased().split(separator: ",") {
            let fields = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let coding = fields.first, coding == "gzip" || coding == "*" else { continue }
            let quality = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0 { return true }
        }
        return false
    }
}
