/// What differs between the layers of two versions of a set: the items only the second has
/// (`added`), those whose value differs (`changed`), and those only the first has (`removed`),
/// each list sorted by scope (its text form) and key, so that equal inputs give equal answers on
/// every node.
///
/// A JSON `null` is a value: a key going from absent to `null` is added, from `null` to absent
/// removed, since a stored `null` hides an inherited value.
struct LayerDiff: Equatable, Sendable {
    /// One differing item: `from` is its value in the first layers (absent for `added`), `to` in
    /// the second (absent for `removed`).
    struct Item: Equatable, Sendable {
        var scope: Scope
        var key: String
        var from: JSONValue?
        var to: JSONValue?
    }

    var added: [Item] = []
    var changed: [Item] = []
    var removed: [Item] = []

    /// The difference from `first` to `second`.
    init(from first: SetLayers, to second: SetLayers) {
        let scopes = Set(first.scopes.keys).union(second.scopes.keys)
        for scope in scopes {
            let keys = Set((first.scopes[scope] ?? [:]).keys).union((second.scopes[scope] ?? [:]).keys)
            for key in keys {
                let item = Item(
                    scope: scope, key: key, from: first.value(at: scope, key: key),
                    to: second.value(at: scope, key: key))
                switch (item.from, item.to) {
                case (nil, _?): added.append(item)
                case (_?, nil): removed.append(item)
                case (let from?, let to?) where from != to: changed.append(item)
                default: break
                }
            }
        }
        added.sort(by: Self.order)
        changed.sort(by: Self.order)
        removed.sort(by: Self.order)
    }

    private static func order(_ left: Item, _ right: Item) -> Bool {
        let (leftScope, rightScope) = (left.scope.description, right.scope.description)
        return leftScope != rightScope ? leftScope < rightScope : left.key < right.key
    }
}
