import Foundation

/// Where and how to reach an SMTP server, read from one URL:
/// `smtp://user:password@mail.example.com:587?starttls=required`.
/// `starttls` is `required` (the default: refuse to send in clear), `optional` (upgrade when
/// offered) or `off` (only for a server on this machine). `ca=/path/to/ca.pem` trusts an extra
/// certificate authority (a private relay, or a test server's throwaway certificate).
public struct SMTPConfiguration: Sendable, Equatable {
    public enum StartTLS: String, Sendable { case required, optional, off }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var startTLS: StartTLS
    public var caCertificatePath: String?
    /// The name the client gives in EHLO.
    public var clientName: String
    public var timeout: Duration

    public init(host: String, port: Int = 587, username: String? = nil, password: String? = nil,
                startTLS: StartTLS = .required, caCertificatePath: String? = nil, clientName: String = "verdicts.localdomain",
                timeout: Duration = .seconds(30)) {
        (self.host, self.port, self.username, self.password) = (host, port, username, password)
        (self.startTLS, self.caCertificatePath, self.clientName, self.timeout) = (startTLS, caCertificatePath, clientName, timeout)
    }

    public init(url text: String) throws {
        guard let url = URLComponents(string: text), url.scheme?.lowercased() == "smtp", let host = url.host, !host.isEmpty else {
            throw MailError.permanent("The SMTP address '\(text)' is not valid: use smtp://user:password@host:587?starttls=required.")
        }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        guard let mode = StartTLS(rawValue: query["starttls"] ?? "required") else {
            throw MailError.permanent("starttls must be required, optional or off.")
        }
        self.init(host: host, port: url.port ?? 587, username: url.user?.removingPercentEncoding,
                  password: url.password?.removingPercentEncoding, startTLS: mode, caCertificatePath: query["ca"])
    }
}
