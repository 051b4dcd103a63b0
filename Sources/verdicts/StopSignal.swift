import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM, so a long-running command can finish its current step and close
/// the database instead of dying mid-write.
enum StopSignal {
    static func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = Once(continuation)
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { once.fire() }
                source.resume()
                sources.append(source)
            }
        }
    }

    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    private final class Once: @unchecked Sendable {
        private var continuation: CheckedContinuation<Void, Never>?
        private let lock = NSLock()
        init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }
        func fire() {
            lock.lock()
            let pending = continuation
            continuation = nil
            lock.unlock()
            pending?.resume()
        }
    }
}
