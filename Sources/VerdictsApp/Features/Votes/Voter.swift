import Crypto
import Foundation
import Hummingbird
import VerdictsCore

/// A reader who votes: an anonymous id carried in a signed cookie (the signature stops a reader
/// from minting ids to vote many times), or their account once signed in. CSRF tokens stay bound
/// to the cookie id either way.
struct Voter: Sendable, Equatable {
    let id: String
    /// The signed-in account, when there is one.
    var account: UserRow?
    /// True for the stand-in that cached pages are rendered for: its CSRF token is a placeholder
    /// that each reader's own token replaces (see `PageCacheMiddleware`).
    var rendersForCache = false

    init(id: String, account: UserRow? = nil, rendersForCache: Bool = false) {
        (self.id, self.account, self.rendersForCache) = (id, account, rendersForCache)
    }

    /// The key stored with votes: `u:` marks an account, `a:` an anonymous voter.
    var key: String { account.map { "u:\($0.id)" } ?? anonymousKey }
    var anonymousKey: String { "a:" + id }
    var isAdmin: Bool { account?.role == .admin }
}

/// Signs and checks voter cookies and the CSRF tokens bound to them, with the site's shared secret.
struct VoterSigner: Sendable {
    static let cookieName = "verdicts_voter"
    /// The HMAC with the secret already absorbed: keying it hashes the key's pads, which was a third
    /// of each signature, and every request signs twice (its cookie and its CSRF token).
    private let keyed: KeyedHMAC

    init(secret: String) { keyed = KeyedHMAC(HMAC<SHA256>(key: SymmetricKey(data: Data(secret.utf8)))) }

    func sign(_ text: String) -> String {
        var code = keyed.start
        code.update(data: Data(text.utf8))
        return hexString(code.finalize().prefix(16))
    }

    func cookieValue(for voter: Voter) -> String { voter.id + "." + sign("voter:" + voter.id) }

    func voter(fromCookie value: String) -> Voter? {
        let parts = value.split(separator: ".")
        guard parts.count == 2, parts[0].count == 32, parts[0].allSatisfy(\.isHexDigit) else { return nil }
        let id = String(parts[0])
        return constantTimeEqual(sign("voter:" + id), String(parts[1])) ? Voter(id: id) : nil
    }

    func csrfToken(for voter: Voter) -> String { voter.rendersForCache ? CachedPage.placeholder : sign("csrf:" + voter.id) }

    func checkCSRF(_ token: String?, for voter: Voter) -> Bool {
        guard let token else { return false }
        return constantTimeEqual(csrfToken(for: voter), token)
    }

    /// Keyed hash of an IP address or user agent for the audit trail: comparable, not reversible.
    func fingerprint(_ text: String) -> String { sign("fingerprint:" + text) }

    static func newVoter() -> Voter {
        // Two draws of 8 bytes, not sixteen of one: each draw is a call into the kernel.
        var generator = SystemRandomNumberGenerator()
        let (high, low) = (generator.next(), generator.next())
        return Voter(id: hexString((0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? high : low) >> (8 * UInt64($0 % 8))) }))
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Signed voter cookies made outside a request, for load tests that vote as many readers: each
/// pair is the cookie's value and the CSRF token bound to it, signed with the site's secret.
public enum VoterCredentials {
    public static func make(count: Int, database: AppDatabase) async throws -> [(cookie: String, csrf: String)] {
        let signer = VoterSigner(secret: try await SecretQueries(database.sql).secret(named: "voter-signing"))
        return (0..<count).map { _ in
            let voter = VoterSigner.newVoter()
            return (signer.cookieValue(for: voter), signer.csrfToken(for: voter))
        }
    }
}

/// Lower-case hex; every page a new reader opens signs twice, so this avoids `String(format:)`.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(32)
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// An HMAC keyed once and only ever copied: each signature works on its own copy (the digest state
/// is copy-on-write), so sharing the original between threads is safe though `HMAC` is not `Sendable`.
private struct KeyedHMAC: @unchecked Sendable {
    let start: HMAC<SHA256>
    init(_ start: HMAC<SHA256>) { self.start = start }
}
