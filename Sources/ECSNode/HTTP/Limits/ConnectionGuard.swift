import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers clients that are too slow or send a request the HTTP parser refuses, instead of
/// holding their connection open or dropping it without a word.
///
/// A slowloris client trickles a request's bytes to keep a connection (and a slot of the
/// server's) busy; Hummingbird's idle timeout only notices silence, which it never sees. Here a
/// request has `headTimeout` from its first byte to the end of its head and `bodyTimeout` from
/// its head to the end of its body; past either the client gets 408 and the connection closes.
/// A connection waiting between requests (no byte since the last answer) is left to the idle
/// timeout, and so is a response being written (a watch stream may last hours).
///
/// Sits after the HTTP codec, so it sees parsed request parts and the parser's errors, plus a
/// `ByteArrivalProbe` at the front of the pipeline that tells it when a request's first bytes
/// arrive (the parser says nothing until a head is complete). Both run on the channel's event
/// loop, so the state needs no lock.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase {
        /// Between requests: nothing received since the last answer.
        case idle
        case readingHead
        case readingBody
        /// The request was read; its answer is being written.
        case responding
    }

    private let headTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private var phase = Phase.idle
    private var deadline: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(headTimeout: TimeAmount, bodyTimeout: TimeAmount) {
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        try? context.pipeline.syncOperations.addHandler(ByteArrivalProbe(guard: self), position: .first)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        self.context = nil
    }

    /// Called by the probe when bytes arrive from the client.
    func bytesArrived() {
        guard phase == .idle, let context else { return }
        phase = .readingHead
        arm(headTimeout, in: context, "the request's head did not arrive within \(Self.seconds(headTimeout))")
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            phase = .readingBody
            arm(bodyTimeout, in: context, "the request's body did not arrive within \(Self.seconds(bodyTimeout))")
        case .body:
            break
        case .end:
            phase = .responding
            deadline?.cancel()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { phase = .idle }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let parserError = error as? HTTPParserError, phase != .responding {
            let problem =
                parserError == .headerOverflow
                ? Problem(
                    status: .requestHeaderFieldsTooLarge, code: "headers-too-large",
                    detail:
                        "the request line and headers are larger than this server accepts (\(HTTPServerLimits.describedHeaderLimits))"
                )
                : Problem.badRequest("the request is not valid HTTP/1.1 (\(parserError))")
            answer(problem, in: context)
            return
        }
        context.fireErrorCaught(error)
    }

    private func arm(_ timeout: TimeAmount, in context: ChannelHandlerContext, _ detail: String) {
        deadline?.cancel()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            guard phase == .readingHead || phase == .readingBody, let context = self.context else { return }
            answer(Problem(status: .requestTimeout, code: "request-timeout", detail: detail), in: context)
        }
    }

    /// Writes `problem` as the connection's last answer and closes it.
    private func answer(_ problem: Problem, in context: ChannelHandlerContext) {
        phase = .responding
        deadline?.cancel()
        let body = problem.body.canonicalBytes
        let head = HTTPResponse(
            status: problem.status,
            headerFields: [
                .contentType: "application/problem+json", .contentLength: String(body.count), .connection: "close",
            ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }

    private static func seconds(_ amount: TimeAmount) -> String {
        let milliseconds = amount.nanoseconds / 1_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
