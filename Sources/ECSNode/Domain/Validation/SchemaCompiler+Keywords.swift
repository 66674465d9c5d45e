/// Reading each keyword's value: the right JSON type, a sensible range, a regex that compiles.
extension SchemaCompiler {
    /// Compiles the keywords of one object schema at `pointer`, `depth` levels down.
    mutating func compileKeywords(
        _ members: [String: JSONValue], at pointer: JSONPointer, depth: Int
    )
        -> SchemaKeywords
    {
        var keywords = SchemaKeywords()
        for name in members.keys.sorted(by: { $0.utf8Precedes($1) }) {
            let value = members[name]!
            let at = pointer.appending(name)
            switch name {
            case "type": keywords.types = types(value, at: at)
            case "enum": keywords.enumValues = enumValues(value, at: at)
            case "const": keywords.constValue = value
            case "minimum": keywords.minimum = number(value, at: at, name: name)
            case "maximum": keywords.maximum = number(value, at: at, name: name)
            case "exclusiveMinimum": keywords.exclusiveMinimum = number(value, at: at, name: name)
            case "exclusiveMaximum": keywords.exclusiveMaximum = number(value, at: at, name: name)
            case "minLength": keywords.minLength = count(value, at: at, name: name)
            case "maxLength": keywords.maxLength = count(value, at: at, name: name)
            case "minItems": keywords.minItems = count(value, at: at, name: name)
            case "maxItems": keywords.maxItems = count(value, at: at, name: name)
            case "pattern": keywords.pattern = pattern(value, at: at)
            case "items": keywords.items = compileNode(value, at: at, depth: depth + 1)
            case "additionalProperties": keywords.additionalProperties = compileNode(value, at: at, depth: depth + 1)
            case "properties": keywords.properties = properties(value, at: at, depth: depth + 1)
            case "required": keywords.required = required(value, at: at)
            case "x-classification": keywords.isSecret = classification(value, at: at)
            case _ where SchemaVocabulary.annotations.contains(name): continue
            default:
                report(
                    at,
                    "\"\(name)\" is not a supported keyword. Supported: "
                        + SchemaVocabulary.assertions.joined(separator: ", ") + "; and the annotations "
                        + SchemaVocabulary.annotations.sorted().joined(separator: ", ") + ".")
            }
        }
        if keywords.isSecret { checkSecretSiblings(of: members, types: keywords.types, at: pointer) }
        return keywords
    }

    private mutating func types(_ value: JSONValue, at pointer: JSONPointer) -> [SchemaType]? {
        // A single name is reported at `type` itself, a list's entries at `type/<index>`.
        let names: [(name: JSONValue, at: JSONPointer)]
        switch value {
        case .string: names = [(value, pointer)]
        case .array(let elements) where !elements.isEmpty:
            names = elements.enumerated().map { ($0.element, pointer.appending($0.offset)) }
        default:
            report(pointer, "type must be a type name or a non-empty array of type names.")
            return nil
        }
        var types: [SchemaType] = []
        for (name, at) in names {
            guard case .string(let text) = name, let type = SchemaType(rawValue: text) else {
                let known = SchemaType.allCases.map(\.rawValue).joined(separator: ", ")
                report(at, "Each type must be one of: \(known).")
                continue
            }
            if types.contains(type) {
                report(at, "The type \"\(text)\" is listed twice.")
            } else {
                types.append(type)
            }
        }
        return types
    }

    private mutating func enumValues(_ value: JSONValue, at pointer: JSONPointer) -> [JSONValue]? {
        guard case .array(let elements) = value, !elements.isEmpty else {
            report(pointer, "enum must be a non-empty array of the allowed values.")
            return nil
        }
        return elements
    }

    private mutating func number(_ value: JSONValue, at pointer: JSONPointer, name: String) -> SchemaNumber? {
        guard let number = SchemaNumber(value) else {
            report(pointer, "\(name) must be a number.")
            return nil
        }
        return number
    }

    /// A length or a number of elements: a non-negative integer.
    private mutating func count(_ value: JSONValue, at pointer: JSONPointer, name: String) -> Int? {
        guard case .integer(let integer) = value, integer >= 0, let count = Int(exactly: integer) else {
            report(pointer, "\(name) must be a non-negative integer.")
            return nil
        }
        return count
    }

    private mutating func pattern(
        _ value: JSONValue, at pointer: JSONPointer
    ) -> (source: String, compiled: CompiledPattern)? {
        guard case .string(let source) = value else {
            report(pointer, "pattern must be a string holding a regular expression.")
            return nil
        }
        guard source.unicodeScalars.count <= Self.maximumPatternLength else {
            report(pointer, "pattern may be at most \(Self.maximumPatternLength) characters long.")
            return nil
        }
        let compiled: CompiledPattern
        do throws(PatternSyntaxError) {
            compiled = try CompiledPattern(source)
        } catch {
            report(pointer, "pattern is not a regular expression ECS can run: \(error.description).")
            return nil
        }
        patternInstructionCount += compiled.instructionCount
        guard patternInstructionCount <= Self.maximumPatternInstructions else {
            report(
                pointer,
                "The schema's patterns compile to more than \(Self.maximumPatternInstructions) instructions in "
                    + "all; this one takes \(compiled.instructionCount). Simplify the patterns (counted repetitions "
                    + "such as {1000} cost an instruction per repeat).")
            return nil
        }
        return (source, compiled)
    }

    private mutating func properties(_ value: JSONValue, at pointer: JSONPointer, depth: Int) -> [String: SchemaNode] {
        guard case .object(let members) = value else {
            report(pointer, "properties must be an object mapping each name to its schema.")
            return [:]
        }
        var properties: [String: SchemaNode] = [:]
        for name in members.keys.sorted(by: { $0.utf8Precedes($1) }) {
            properties[name] = compileNode(members[name]!, at: pointer.appending(name), depth: depth)
        }
        return properties
    }

    private mutating func required(_ value: JSONValue, at pointer: JSONPointer) -> [String] {
        guard case .array(let elements) = value else {
            report(pointer, "required must be an array of property names.")
            return []
        }
        var names: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let name) = element else {
                report(pointer.appending(index), "Each entry of required must be a string.")
                continue
            }
            if names.contains(name) {
                report(pointer.appending(index), "\"\(name)\" is listed twice in required.")
            } else {
                names.append(name)
            }
        }
        return names
    }

    private mutating func classification(_ value: JSONValue, at pointer: JSONPointer) -> Bool {
        guard value == .string(SchemaVocabulary.secretClassification) else {
            let secret = SchemaVocabulary.secretClassification
            report(pointer, "x-classification must be \"\(secret)\", the one classification ECS enforces.")
            return false
        }
        return true
    }

    /// A secret-classified value is stored as a `@secret:` reference, so constraints on the secret
    /// itself (its length, its pattern…) could never be checked here: refuse them rather than
    /// pretend. `type` may stay if it allows the reference, a string.
    private mutating func checkSecretSiblings(
        of members: [String: JSONValue], types: [SchemaType]?, at pointer: JSONPointer
    ) {
        for name in members.keys.sorted(by: { $0.utf8Precedes($1) })
        where SchemaVocabulary.assertions.contains(name) && name != "x-classification" && name != "type" {
            report(
                pointer.appending(name),
                "\"\(name)\" cannot be enforced on a secret-classified value: only its @secret: reference is stored.")
        }
        if let types, !types.contains(.string) {
            report(
                pointer.appending("type"),
                "A secret-classified value is stored as a @secret: reference, so its type must allow \"string\".")
        }
    }
}
