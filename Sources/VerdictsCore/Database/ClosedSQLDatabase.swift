import Logging
import NIOCore
import NIOPosix
import SQLKit

/// What `AppDatabase.sql` hands out once `shutdown()` has begun: every statement fails with
/// `DatabaseError.closed`, so a bug that leaves work running past the stop shows as one error in
/// the log, not as a stopped process. It holds no connection; nothing is expected to reach it,
/// since serve stops its services and the caches' reads before it closes the database.
struct ClosedSQLDatabase: SQLDatabase {
    let logger: Logger
    let dialect: any SQLKit.SQLDialect
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var version: (any SQLDatabaseReportedVersion)? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        logger.error("a statement was sent after the database closed")
        return eventLoop.makeFailedFuture(DatabaseError.closed)
    }
}
