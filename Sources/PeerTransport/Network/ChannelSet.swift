import NIOCore
import Synchronization

/// The open channels of a listener, so that shutdown closes every accepted connection,
/// including one accepted a moment before and not yet handed to a task.
final class ChannelSet: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    /// Tracks `channel` until it closes.
    func insert(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        channels.withLock { $0[key] = channel }
        channel.closeFuture.whenComplete { _ in
            _ = self.channels.withLock { $0.removeValue(forKey: key) }
        }
    }

    /// Closes every tracked channel and waits until they are closed.
    func closeAll() async {
        let open = channels.withLock { Array($0.values) }
        for channel in open {
            channel.close(promise: nil)
        }
        for channel in open {
            try? await channel.closeFuture.get()
        }
    }
}
