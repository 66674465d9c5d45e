import KVStore

/// The layers of a set as of a past version, rebuilt by taking changes back from the head.
///
/// The rebuild starts from the head layers and undoes the versions head…v+1, newest first,
/// each version's changes in reverse (one version may change a key twice), restoring every
/// change's `previous`. Replaying 1…v forwards would give the same layers, but its cost grows
/// with the whole history, while the undo costs the head layers plus the versions after `v`:
/// the versions people ask about (the last few, a diff against the current state, a rollback
/// target) are recent, so this is the cheap direction where it matters. An old version of a
/// long history costs O(history) either way; checkpoints would be the cure if that ever matters.
extension SetHistory {
    /// The layers as of `version`, or `nil` when the set has no such version.
    func layers(asOf version: UInt64) throws -> SetLayers? {
        guard contains(version) else { return nil }
        return try rewound(headLayers(), from: head.headVersion, to: version)
    }

    /// The layers as of `first` and as of `second`, in that order, or `nil` when either is not
    /// a version of the set. Rebuilds the newer one, then rewinds it further to the older, so
    /// each version after the older one is read once.
    func layers(asOf first: UInt64, and second: UInt64) throws -> (SetLayers, SetLayers)? {
        guard contains(first), contains(second) else { return nil }
        let (older, newer) = (min(first, second), max(first, second))
        let newerLayers = try rewound(headLayers(), from: head.headVersion, to: newer)
        let olderLayers = try rewound(newerLayers, from: newer, to: older)
        return first <= second ? (olderLayers, newerLayers) : (newerLayers, olderLayers)
    }

    /// The head layers: every item of the set at every scope, from the `layers` table.
    private func headLayers() throws -> SetLayers {
        try SetLayers.head(ofSet: setID, tables: tables, transaction: transaction)
    }

    /// `layers`, the state as of version `newer`, turned into the state as of `older` (≤ `newer`).
    private func rewound(_ layers: SetLayers, from newer: UInt64, to older: UInt64) throws -> SetLayers {
        var layers = layers
        guard newer > older else { return layers }
        try transaction.forEach(in: tables.versions, range: versionKeys(after: older, through: newer), reverse: true) {
            for change in try Self.decode($0.value).changes.reversed() { layers.undo(change) }
            return .continue
        }
        return layers
    }
}
