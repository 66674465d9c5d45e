import NIOCore
import NIOPosix

/// Runs blocking file work on a thread pool, away from the event loops and the cooperative
/// thread pool. Deliberately not cancellable: each piece is short, and a piece that runs to
/// completion either way keeps the owner's view of open descriptors and files exact.
struct BlockingFileWork: Sendable {
    let threadPool: NIOThreadPool
    /// Any loop; the futures complete on it before the awaiting task resumes.
    let eventLoop: any EventLoop

    /// `body`'s result, computed on the thread pool; the future completes on `eventLoop`.
    func submit<Result: Sendable>(
        on eventLoop: any EventLoop, _ body: @escaping @Sendable () throws -> Result
    ) -> EventLoopFuture<Result> {
        threadPool.runIfActive(eventLoop: eventLoop, body)
    }

    /// `body`'s result, computed on the thread pool.
    func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await threadPool.runIfActive(eventLoop: eventLoop, body).get()
    }
}
