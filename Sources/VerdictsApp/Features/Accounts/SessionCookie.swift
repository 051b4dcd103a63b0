import Hummingbird
import VerdictsCore

/// The session cookie: a random secret whose hash is the `sessions` row. HttpOnly and SameSite=Lax
/// like the voter cookie, Secure behind HTTPS.
enum SessionCookie {
    static let name = "verdicts_session"

    static func looksValid(_ value: String) -> Bool {
        value.count == 64 && value.allSatisfy(\.isHexDigit)
    }

    static func make(_ secret: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: secret, maxAge: Int(AccountQueries.sessionLifetime), path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
