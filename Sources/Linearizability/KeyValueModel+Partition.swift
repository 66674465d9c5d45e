extension KeyValueModel {
    /// One sub-history per key, in order of each key's first appearance, with unknown outcomes
    /// simplified where that provably leaves the answer unchanged: an unknown-outcome call stays
    /// pending to the end of the history, so every one left in multiplies the configurations the
    /// search explores.
    ///
    /// - A read with an unknown outcome constrains nothing (reads change no state), so it is dropped.
    /// - An unknown write or delete is dropped when no read of the key that completed after its
    ///   invocation returned its resulting value. Writes and deletes are blind, so in any
    ///   linearization that includes it, removing it changes the state only until the next write
    ///   or delete, and no read in that stretch exists (it would have returned that value and
    ///   completed after taking effect). Not taking effect is always allowed, so nothing is lost.
    /// - An unknown write that is the only write of its value, and whose value a read completing
    ///   after its invocation returned, took effect before the earliest such read completed (keys
    ///   start absent, so nothing else explains the value). It gets that read's completion time,
    ///   which closes its window instead of leaving it open to the end. A read of the value that
    ///   completed before the invocation stays unexplainable, as it must.
    public func partition(_ history: [Operation<Input, Output>]) -> [SubHistory<Input, Output>] {
        var order: [Key] = []
        var indicesByKey: [Key: [Int]] = [:]
        for (index, operation) in history.enumerated() {
            if operation.input.resultingState == nil, operation.completedAt == nil { continue }
            let key = operation.input.key
            if indicesByKey[key] == nil { order.append(key) }
            indicesByKey[key, default: []].append(index)
        }
        return order.map { key in
            let indices = indicesByKey[key] ?? []
            let (operations, kept) = simplifyUnknownWrites(indices.map { history[$0] })
            return SubHistory(
                name: "key \(String(reflecting: key))", operations: operations, historyIndices: kept.map { indices[$0] }
            )
        }
    }

    /// Applies the write rules above to one key's operations; returns the operations kept and
    /// their positions in `operations`.
    private func simplifyUnknownWrites(
        _ operations: [Operation<Input, Output>]
    ) -> (operations: [Operation<Input, Output>], positions: [Int]) {
        var observations: [Register<Value>: [UInt64]] = [:]
        var writerCount: [Register<Value>: Int] = [:]
        for operation in operations {
            if let written = operation.input.resultingState {
                writerCount[written, default: 0] += 1
            } else if case .completed(.value(let read), let completedAt) = operation.outcome {
                observations[Register(read), default: []].append(completedAt)
            }
        }
        var kept: [Operation<Input, Output>] = []
        var positions: [Int] = []
        for (position, operation) in operations.enumerated() {
            var operation = operation
            if let written = operation.input.resultingState, operation.completedAt == nil {
                let observedBy = observations[written, default: []].filter { $0 >= operation.invokedAt }.min()
                guard let observedBy else { continue }
                // Absent needs no writer, so only values are tightened.
                if written.value != nil, writerCount[written] == 1 {
                    operation.outcome = .completed(.ok, at: observedBy)
                }
            }
            kept.append(operation)
            positions.append(position)
        }
        return (kept, positions)
    }
}
