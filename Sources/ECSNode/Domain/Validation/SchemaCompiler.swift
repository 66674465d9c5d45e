import Admin

/// Checks a set's schema document and compiles it into `SchemaNode`s, collecting every problem
/// (code `schema.document`, path a JSON pointer into the schema) instead of stopping at the
/// first, so that one `PUT` tells the author everything to fix.
///
/// Problems are listed in document order (members by UTF-8 name, elements by index), so the same
/// document always gives the same list.
struct SchemaCompiler {
    /// Deepest subschema allowed, counting the top-level schema as depth 0. Bounds the
    /// evaluator's recursion whatever the schema.
    static let maximumDepth = 32
    /// Most subschemas (the top-level one, each `properties` member, `items`,
    /// `additionalProperties`) in one document. Bounds the work of compiling and of evaluating.
    static let maximumNodes = 4_096
    /// Longest `pattern`, in Unicode code points.
    static let maximumPatternLength = 1_000
    /// Most instructions in all of a document's patterns together. One pattern may have up to
    /// `PatternProgram.maximumInstructions`, and a document thousands of patterns: without this
    /// cap, a schema of a few hundred kilobytes could make every node hold a gigabyte of programs.
    static let maximumPatternInstructions = 100_000

    private var problems: [Finding] = []
    private var nodeCount = 0
    /// The instructions of the patterns compiled so far.
    var patternInstructionCount = 0

    /// Every problem found so far, in document order.
    var violations: [Violation] {
        problems.sortedByPointer().map { Violation(code: $0.code, path: "#" + $0.pointer.text, message: $0.message) }
    }

    /// Compiles the top-level schema of a set, which must describe an object of key → value.
    mutating func compileSetSchema(_ document: JSONValue) -> SchemaKeywords {
        guard case .object(let members) = document else {
            report(.root, "The schema of a set must be a JSON object that describes the set's keys.")
            return SchemaKeywords()
        }
        var enforceable: [String: JSONValue] = [:]
        for name in members.keys.sorted(by: { $0.utf8Precedes($1) }) {
            if SchemaVocabulary.topLevelAssertions.contains(name) || !SchemaVocabulary.assertions.contains(name) {
                enforceable[name] = members[name]
            } else {
                report(
                    JSONPointer.root.appending(name),
                    "\"\(name)\" cannot be enforced at the top level of a set's schema: each value is checked "
                        + "against its entry in \"properties\".")
            }
        }
        nodeCount += 1
        let keywords = compileKeywords(enforceable, at: .root, depth: 0)
        if let types = keywords.types, types != [.object] {
            report(
                JSONPointer.root.appending("type"), "The top-level type must be \"object\": a set maps keys to values.")
        }
        reportInvalidKeys(in: members)
        return keywords
    }

    /// Compiles one subschema: a boolean, or an object of keywords.
    mutating func compileNode(_ value: JSONValue, at pointer: JSONPointer, depth: Int) -> SchemaNode {
        nodeCount += 1
        if nodeCount > Self.maximumNodes {
            if nodeCount == Self.maximumNodes + 1 {
                report(
                    pointer,
                    "The schema has more than \(Self.maximumNodes) subschemas; this one and the rest are not checked.")
            }
            return .anything
        }
        guard depth <= Self.maximumDepth else {
            report(pointer, "Subschemas may be nested at most \(Self.maximumDepth) levels deep.")
            return .anything
        }
        switch value {
        case .bool(let accepts): return .boolean(accepts)
        case .object(let members): return .keywords(compileKeywords(members, at: pointer, depth: depth))
        default:
            report(pointer, "A schema must be a JSON object or a boolean.")
            return .anything
        }
    }

    mutating func report(_ pointer: JSONPointer, _ message: String) {
        problems.append(Finding(pointer: pointer, code: "schema.document", message: message))
    }

    /// Top-level property names and required keys must be valid item keys: no value could ever be
    /// written under any other, so a `required` entry like `"retry max"` could never be satisfied.
    private mutating func reportInvalidKeys(in members: [String: JSONValue]) {
        if case .object(let properties) = members["properties"] {
            for name in properties.keys.sorted(by: { $0.utf8Precedes($1) }) where !Names.isValidKey(name) {
                report(
                    JSONPointer.root.appending("properties").appending(name),
                    "\"\(name)\" is not a valid item key, so no value can be written under it.")
            }
        }
        if case .array(let required) = members["required"] {
            for (index, entry) in required.enumerated() {
                guard case .string(let name) = entry, !Names.isValidKey(name) else { continue }
                report(
                    JSONPointer.root.appending("required").appending(index),
                    "\"\(name)\" is not a valid item key, so it can never be present.")
            }
        }
    }
}
