import Synchronization

/// The reads and HTTP-level refusals this node answered since its last report: counters, not
/// requests, so that recording costs one lock and one dictionary update on the read path.
///
/// Bounded, whatever clients send: at most `capacity` distinct counters per window; beyond that
/// counts fold into one `overflow` counter per namespace, kind and status (at most
/// `overflowCapacity` of them), and beyond those into `dropped`, a bare number the reporter logs.
final class AccessTally: Sendable {
    /// What a counter is kept by. The method and the route template stay apart (both strings
    /// the request already holds), so counting builds no string.
    struct Key: Hashable, Sendable {
        var namespace: Namespace
        var actor: String
        var kind: AccessCounter.Kind
        var method: String
        /// The route template, e.g. `/v1/tenants/{tenant}/config`.
        var route: String
        var status: Int
    }

    /// What `drain` hands over: the counters and how many requests no counter could take.
    struct Window: Sendable {
        fileprivate var spans: [Key: Span] = [:]
        var dropped: UInt64 = 0

        var isEmpty: Bool { spans.isEmpty && dropped == 0 }

        /// The counters, as an access report carries them.
        var counters: [AccessCounter] {
            spans.map { key, span in
                AccessCounter(
                    namespace: key.namespace, actor: key.actor, kind: key.kind,
                    resource: key.method.isEmpty ? key.route : "\(key.method) \(key.route)", status: key.status,
                    count: span.count, from: span.from, to: span.to)
            }
        }
    }

    fileprivate struct Span: Sendable {
        var count: UInt64
        var from: Int64
        var to: Int64
    }

    private struct State {
        var window = Window()
        /// How many of `window`'s counters are overflow counters.
        var overflows = 0
    }

    private let state = Mutex(State())
    private let capacity: Int
    private let overflowCapacity: Int

    init(capacity: Int = 1024, overflowCapacity: Int = 256) {
        self.capacity = capacity
        self.overflowCapacity = overflowCapacity
    }

    /// Counts one answer of `key` at `time` (milliseconds since 1970).
    func count(_ key: Key, at time: Int64) {
        state.withLock { add(key, Span(count: 1, from: time, to: time), to: &$0) }
    }

    /// Takes every counter, leaving the tally empty.
    func drain() -> Window {
        state.withLock { state in
            defer { state = State() }
            return state.window
        }
    }

    /// Puts back what a report could not deliver, merged with what was counted since, within the
    /// same bounds.
    func restore(_ window: Window) {
        state.withLock { state in
            state.window.dropped &+= window.dropped
            for (key, span) in window.spans { add(key, span, to: &state) }
        }
    }

    private func add(_ key: Key, _ span: Span, to state: inout State) {
        if let index = state.window.spans.index(forKey: key) {
            state.window.spans.values[index].merge(span)
        } else if state.window.spans.count - state.overflows < capacity {
            state.window.spans[key] = span
        } else {
            let overflow = Key(
                namespace: key.namespace, actor: AccessCounter.overflowActor, kind: key.kind, method: "",
                route: AccessCounter.overflowResource, status: key.status)
            if let index = state.window.spans.index(forKey: overflow) {
                state.window.spans.values[index].merge(span)
            } else if state.overflows < overflowCapacity {
                state.overflows += 1
                state.window.spans[overflow] = span
            } else {
                state.window.dropped &+= span.count
            }
        }
    }
}

extension AccessTally.Span {
    fileprivate mutating func merge(_ other: Self) {
        count &+= other.count
        from = min(from, other.from)
        to = max(to, other.to)
    }
}
