/// The results of an ordered batch of proposals as they come in, in any order; complete once
/// every slot is filled.
struct OrderedResults {
    private var results: [PendingRequests.ProposalResult?]
    private var missing: Int

    init(count: Int) {
        results = Array(repeating: nil, count: count)
        missing = count
    }

    /// Fills `slot`; returns every result, in slot order, when this was the last one missing.
    mutating func fill(_ slot: Int, with result: PendingRequests.ProposalResult) -> [PendingRequests.ProposalResult]? {
        guard results[slot] == nil else { return nil }
        results[slot] = result
        missing -= 1
        return missing == 0 ? results.map { $0! } : nil
    }
}
