import FluentPostgresDriver
import NIOCore
import NIOPosix

extension AppDatabase {
    /// True for the errors that mean the database server cannot be reached just now (it is
    /// stopped, restarting or the network dropped), as opposed to a query that failed. The site
    /// answers those with 503 and a Retry-After rather than 500; the pool opens new connections
    /// on later requests, so the site recovers by itself when the server is back.
    public static func isUnavailable(_ error: any Error) -> Bool {
        if case .unavailable? = error as? DatabaseError { return true }
        if error is Deadline.Missed { return true }
        if let psql = error as? PSQLError {
            if [.connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed].contains(psql.code) {
                return true
            }
            // SQLSTATE class 08 is a connection exception; 57P01–57P03 are the server shutting
            // down or not accepting connections yet.
            let state = psql.serverInfo?[.sqlState] ?? ""
            return psql.code == .server && (state.hasPrefix("08") || state.hasPrefix("57P"))
        }
        if error is NIOConnectionError || error is ChannelError { return true }
        // The pool's wait for a connection ran out (AsyncKit's type; the package is not a direct
        // dependency, so it is recognised by name).
        if String(reflecting: type(of: error)).hasSuffix("ConnectionPoolTimeoutError") { return true }
        if let io = error as? IOError { return [ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT].contains(io.errnoCode) }
        return false
    }
}
