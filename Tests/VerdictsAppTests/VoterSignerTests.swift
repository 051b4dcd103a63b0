import Crypto
import Foundation
import Testing
@testable import VerdictsApp

/// The signer keys its HMAC once and copies it per signature; the signatures must stay those of
/// a freshly keyed HMAC, or every cookie already handed out would stop verifying.
@Suite("Voter signatures")
struct VoterSignerTests {
    @Test("a signature equals a freshly keyed HMAC-SHA256's, from many threads at once")
    func signaturesMatchAFreshHMAC() async throws {
        let secret = "a site secret for the test"
        let signer = VoterSigner(secret: secret)
        func expected(_ text: String) -> String {
            let code = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(secret.utf8)))
            return code.prefix(16).map { String(format: "%02x", $0) }.joined()
        }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    (0..<500).filter { signer.sign("voter:\(worker)-\($0)") != expected("voter:\(worker)-\($0)") }.count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        let voter = VoterSigner.newVoter()
        #expect(signer.voter(fromCookie: signer.cookieValue(for: voter))?.id == voter.id)
        #expect(VoterSigner(secret: "another").voter(fromCookie: signer.cookieValue(for: voter)) == nil)
    }
}
