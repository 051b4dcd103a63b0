import Crypto
import Foundation
import Hummingbird

/// The site's static files (CSS, JS), served under names that carry a hash of their content, so
/// browsers may cache them for a year and a changed file is fetched at once under its new name.
public struct StaticAssets: Sendable {
    struct Asset: Sendable {
        let bytes: ByteBuffer
        let contentType: String
    }

    /// Logical name (`site.css`) → fingerprinted name (`site.1a2b3c4d5e.css`).
    private let names: [String: String]
    /// Fingerprinted name → content.
    private let files: [String: Asset]

    static let contentTypes = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
                               "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon"]

    init(folder: URL) throws {
        var names: [String: String] = [:], files: [String: Asset] = [:]
        let entries = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        for url in entries where Self.contentTypes[url.pathExtension] != nil {
            let data = try Data(contentsOf: url)
            let hash = SHA256.hash(data: data).prefix(5).map { String(format: "%02x", $0) }.joined()
            let name = url.deletingPathExtension().lastPathComponent + ".\(hash)." + url.pathExtension
            names[url.lastPathComponent] = name
            files[name] = Asset(bytes: ByteBuffer(bytes: data), contentType: Self.contentTypes[url.pathExtension]!)
        }
        (self.names, self.files) = (names, files)
    }

    /// The URL a page links to for `name`, e.g. `/assets/site.1a2b3c4d5e.css`.
    func url(_ name: String) -> String {
        SiteURL.asset(names[name] ?? name).path
    }

    func response(for fingerprintedName: String) -> Response? {
        guard let asset = files[fingerprintedName] else { return nil }
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.bytes))
    }
}
