/// Checks one value against a compiled schema with JSON Schema 2020-12 semantics: every keyword
/// is checked on its own, and a keyword about another type (`minLength` on a number) passes.
///
/// Messages describe the constraint, never the value, so that a credential that fails a schema
/// is not echoed back in a 422 or a log line.
enum SchemaEvaluator {
    /// Every finding of `value` against `node`, which `keyword` applied (`properties`,
    /// `additionalProperties` or `items`: named when `node` is `false`). `pattern` keywords spend
    /// `budget`; a string left unchecked when it runs out is a `schema.pattern` finding.
    static func findings(
        for value: JSONValue, against node: SchemaNode, appliedBy keyword: String, budget: inout PatternBudget
    ) -> [Finding] {
        var findings: [Finding] = []
        check(value, against: node, at: .root, appliedBy: keyword, budget: &budget, into: &findings)
        return findings
    }

    private static func check(
        _ value: JSONValue, against node: SchemaNode, at pointer: JSONPointer, appliedBy keyword: String,
        budget: inout PatternBudget, into findings: inout [Finding]
    ) {
        switch node {
        case .boolean(true): return
        case .boolean(false):
            findings.append(Finding(pointer: pointer, code: "schema.\(keyword)", message: refusal(by: keyword)))
        case .keywords(let keywords):
            var found = KeywordFindings(pointer: pointer)
            found.check(value, against: keywords, budget: &budget)
            findings.append(contentsOf: found.findings)
            checkChildren(of: value, against: keywords, at: pointer, budget: &budget, into: &findings)
        }
    }

    /// Descends into arrays (`items`) and objects (`properties`, `additionalProperties`).
    private static func checkChildren(
        of value: JSONValue, against keywords: SchemaKeywords, at pointer: JSONPointer, budget: inout PatternBudget,
        into findings: inout [Finding]
    ) {
        switch value {
        case .array(let elements):
            guard let items = keywords.items else { return }
            for (index, element) in elements.enumerated() {
                check(
                    element, against: items, at: pointer.appending(index), appliedBy: "items", budget: &budget,
                    into: &findings)
            }
        case .object(let members):
            for name in members.keys.sorted(by: { $0.utf8Precedes($1) }) {
                let (node, keyword) = keywords.schema(forMember: name)
                check(
                    members[name]!, against: node, at: pointer.appending(name), appliedBy: keyword, budget: &budget,
                    into: &findings)
            }
        default:
            return
        }
    }

    private static func refusal(by keyword: String) -> String {
        switch keyword {
        case "additionalProperties":
            "This key is not declared in the schema's properties, and additionalProperties is false."
        case "items": "The schema allows no elements in this array (items is false)."
        default: "The schema refuses any value here (its schema is false)."
        }
    }
}

/// The findings of one value against the keywords of one schema, not counting its children.
private struct KeywordFindings {
    let pointer: JSONPointer
    private(set) var findings: [Finding] = []

    init(pointer: JSONPointer) {
        self.pointer = pointer
    }

    mutating func check(_ value: JSONValue, against keywords: SchemaKeywords, budget: inout PatternBudget) {
        if keywords.isSecret, !isReferenceOrNull(value) {
            findings.append(
                Finding(
                    pointer: pointer, code: "secret.classified",
                    message: "This value is classified secret: store it in a secret manager and write its "
                        + "@secret:<uri> reference here instead."))
            return
        }
        checkGeneric(value, against: keywords)
        switch value {
        case .integer, .double: checkNumber(SchemaNumber(value)!, against: keywords)
        case .string(let text): checkString(text, against: keywords, budget: &budget)
        case .array(let elements): checkArray(elements, against: keywords)
        case .object(let members): checkObject(members, against: keywords)
        case .null, .bool: return
        }
    }

    private func isReferenceOrNull(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .string(let text): SecretGuard.isSecretReference(text)
        default: false
        }
    }

    private mutating func checkGeneric(_ value: JSONValue, against keywords: SchemaKeywords) {
        if let types = keywords.types, !types.contains(where: { $0.admits(value) }) {
            let expected = types.map(\.rawValue).joined(separator: " or ")
            fail("type", "Expected type \(expected), found a value of type \(SchemaType.of(value).rawValue).")
        }
        if let allowed = keywords.enumValues, !allowed.contains(value) {
            fail("enum", "The value is not one of the \(allowed.count) values listed in enum.")
        }
        if let constant = keywords.constValue, value != constant {
            fail("const", "The value is not the one const requires.")
        }
    }

    private mutating func checkNumber(_ number: SchemaNumber, against keywords: SchemaKeywords) {
        if let minimum = keywords.minimum, number < minimum {
            fail("minimum", "The number must be at least \(minimum.text).")
        }
        if let maximum = keywords.maximum, number > maximum {
            fail("maximum", "The number must be at most \(maximum.text).")
        }
        if let bound = keywords.exclusiveMinimum, number <= bound {
            fail("exclusiveMinimum", "The number must be greater than \(bound.text).")
        }
        if let bound = keywords.exclusiveMaximum, number >= bound {
            fail("exclusiveMaximum", "The number must be less than \(bound.text).")
        }
    }

    /// Lengths count Unicode code points, as JSON Schema says: `"é"` (one scalar) is 1 long and
    /// `"👍🏽"` (an emoji and a skin-tone modifier) is 2, whatever their UTF-8 size.
    private mutating func checkString(_ text: String, against keywords: SchemaKeywords, budget: inout PatternBudget) {
        let length = text.unicodeScalars.count
        if let minimum = keywords.minLength, length < minimum {
            fail("minLength", "The string must be at least \(counted(minimum, "character")) long.")
        }
        if let maximum = keywords.maxLength, length > maximum {
            fail("maxLength", "The string must be at most \(counted(maximum, "character")) long.")
        }
        guard let pattern = keywords.pattern else { return }
        switch pattern.compiled.search(in: text, budget: &budget) {
        case .found: return
        case .notFound: fail("pattern", "The string must match the pattern: \(pattern.source)")
        case .budgetExhausted:
            fail(
                "pattern",
                "The string could not be checked against the pattern \(pattern.source): checking this change "
                    + "would take more than \(PatternBudget.perWrite) matching steps. Shorten the value or "
                    + "simplify the pattern.")
        }
    }

    private mutating func checkArray(_ elements: [JSONValue], against keywords: SchemaKeywords) {
        if let minimum = keywords.minItems, elements.count < minimum {
            fail("minItems", "The array must have at least \(counted(minimum, "element")).")
        }
        if let maximum = keywords.maxItems, elements.count > maximum {
            fail("maxItems", "The array must have at most \(counted(maximum, "element")).")
        }
    }

    private mutating func checkObject(_ members: [String: JSONValue], against keywords: SchemaKeywords) {
        for name in keywords.required where members[name] == nil {
            fail("required", "The member \"\(name)\" is required.")
        }
    }

    private mutating func fail(_ keyword: String, _ message: String) {
        findings.append(Finding(pointer: pointer, code: "schema.\(keyword)", message: message))
    }

    private func counted(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }
}
