import Admin
import Yams

/// Reads the `editions:` section of the config file: edition name → limit name → whole number.
///
/// ```yaml
/// editions:
///   free:
///     max-value-bytes: 4096
///     max-keys-per-set: 100
///     max-request-bytes: 16384
///     writes-per-second: 5
///   default:               # any edition not listed
///     writes-per-second: 20
/// ```
///
/// Read from the YAML nodes rather than decoded, so that every mistake is reported with the
/// setting's full name and what it accepts, as one line the node prints before it exits.
enum EditionsSection {
    static func parse(_ node: Node?, path: String) throws(ConfigurationError) -> EditionCatalog.Overrides {
        guard let node else { return [:] }
        guard let editions = node.mapping else {
            throw .file(path, "'editions' must map edition names to their limits")
        }
        var overrides: EditionCatalog.Overrides = [:]
        for (nameNode, limitsNode) in editions {
            let name = nameNode.string ?? "?"
            guard Names.isValidName(name) else {
                throw .file(path, "editions: '\(name)' is not an edition name ([a-z0-9][a-z0-9-]{0,62}, or default)")
            }
            guard let settings = limitsNode.mapping else {
                throw .file(path, "'editions.\(name)' must map limit names to numbers")
            }
            var values: [EditionLimits.Setting: Int] = [:]
            for (settingNode, valueNode) in settings {
                let (setting, value) = try limit(settingNode, valueNode, edition: name, path: path)
                values[setting] = value
            }
            overrides[name] = values
        }
        return overrides
    }

    /// One `name: value` line of an edition.
    private static func limit(
        _ nameNode: Node, _ valueNode: Node, edition: String, path: String
    ) throws(ConfigurationError) -> (EditionLimits.Setting, Int) {
        let name = nameNode.string ?? "?"
        guard let setting = EditionLimits.Setting(rawValue: name) else {
            let known = EditionLimits.Setting.allCases.map(\.rawValue).joined(separator: ", ")
            throw .file(path, "unknown setting 'editions.\(edition).\(name)' (known: \(known))")
        }
        guard let value = valueNode.int, setting.allowed.contains(value) else {
            throw .file(
                path,
                "editions.\(edition).\(name) must be a whole number from \(setting.allowed.lowerBound) to "
                    + "\(setting.allowed.upperBound), not '\(valueNode.string ?? "?")'")
        }
        return (setting, value)
    }
}
