import Admin
import ArgumentParser

/// Refuses a name argument (node, tenant, edition, region) that the region would refuse, before
/// anything is sent.
enum NameArgument {
    /// Throws a usage error naming `argument` unless `value` is nil or a valid name.
    static func check(_ value: String?, as argument: String) throws {
        guard let value, !Names.isValidName(value) else { return }
        throw ValidationError("\(argument) must be a name (^[a-z0-9][a-z0-9-]{0,62}$), not '\(value)'")
    }
}
