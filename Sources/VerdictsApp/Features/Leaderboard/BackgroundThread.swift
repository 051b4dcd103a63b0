import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Long computations (the leaderboard's fit) on a thread of their own, lowered to nice 19 so the
/// threads that serve requests always come first.
enum BackgroundThread {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                lowerPriority()
                let result = work()
                // A fit allocates and frees a few hundred MB; hand the freed pages back to the system
                // rather than let them count against the server for good.
                #if os(Linux)
                _ = glibcMallocTrim(0)
                #endif
                continuation.resume(returning: result)
            }
            thread.name = "verdicts-background"
            thread.start()
        }
    }

    /// On Linux a priority set with the thread's id applies to that thread alone. Glibc's `gettid`
    /// is not visible to Swift, so the id is read from /proc/thread-self (a link to "<pid>/task/<tid>").
    private static func lowerPriority() {
        #if canImport(Glibc)
        guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self"),
              let tid = link.split(separator: "/").last.flatMap({ id_t($0) }) else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid, 19)
        #endif
    }
}

#if os(Linux)
/// glibc's `malloc_trim` (<malloc.h>, which Swift's Glibc module does not import).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ padding: Int) -> Int32
#endif
