import NIOCore
import Synchronization

/// The open connections of a listener, so that shutdown closes every accepted connection and
/// waits until each has finished with its files.
final class ChannelSet: Sendable {
    private let channels = Mutex<[ObjectIdentifier: (channel: any Channel, finished: EventLoopFuture<Void>)]>([:])

    /// Tracks `channel` until `finished` completes (after the channel closed).
    func insert(_ channel: any Channel, finished: EventLoopFuture<Void>) {
        let key = ObjectIdentifier(channel)
        channels.withLock { $0[key] = (channel, finished) }
        finished.whenComplete { _ in
            _ = self.channels.withLock { $0.removeValue(forKey: key) }
        }
    }

    /// Closes every tracked channel and waits until each connection has finished.
    func closeAll() async {
        let open = channels.withLock { Array($0.values) }
        for entry in open {
            entry.channel.close(promise: nil)
        }
        for entry in open {
            try? await entry.finished.get()
        }
    }
}
