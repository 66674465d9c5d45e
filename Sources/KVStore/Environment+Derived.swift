extension Environment {
    /// The value of type `Value` derived from this environment, made by `make` on first use and
    /// then kept as long as the environment: e.g. the set of table handles a layer above opens
    /// for every transaction, which would otherwise cost a dozen cache lookups each time.
    ///
    /// `make` runs outside any lock (it may open databases); when two threads race, both make a
    /// value and the first stored wins, so `make` must be a pure function of the environment.
    public func derived<Value: Sendable>(
        _ type: Value.Type, _ make: (Environment) throws -> Value
    ) rethrows -> Value {
        let key = ObjectIdentifier(type)
        if let known = derivedValues.withLock({ $0[key] }) as? Value { return known }
        let made = try make(self)
        return derivedValues.withLock { values in
            if let first = values[key] as? Value { return first }
            values[key] = made
            return made
        }
    }
}
