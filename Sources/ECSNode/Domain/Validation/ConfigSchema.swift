/// A set's JSON Schema, checked and compiled once when it is stored.
///
/// `init` refuses any schema ECS could not enforce as written: an unknown keyword (a typo would
/// silently check nothing), a keyword with a value of the wrong type, a regex that does not
/// compile, a top level that does not describe an object of key → value, or a document beyond
/// the limits of `SchemaCompiler` (depth, size, pattern length). It lists every problem at once.
///
/// Two schemas are equal when their documents are; the compiled form follows from the document.
struct ConfigSchema: Equatable, Sendable {
    /// The schema as given, e.g. to store and to return from `GET …/schema`.
    let document: JSONValue
    /// The top-level keywords, compiled.
    let root: SchemaKeywords
    /// The instructions of all its patterns: most of what the compiled form weighs in memory.
    let patternInstructionCount: Int

    init(document: JSONValue) throws(SchemaDocumentError) {
        var compiler = SchemaCompiler()
        let root = compiler.compileSetSchema(document)
        let violations = compiler.violations
        guard violations.isEmpty else { throw SchemaDocumentError(violations: violations) }
        self.document = document
        self.root = root
        self.patternInstructionCount = compiler.patternInstructionCount
    }

    static func == (lhs: ConfigSchema, rhs: ConfigSchema) -> Bool {
        lhs.document == rhs.document
    }
}

/// Why a schema document was refused: every problem, code `schema.document`, each with a JSON
/// pointer into the document as its path (`#/properties/retry.max/minimum`).
struct SchemaDocumentError: Error, Equatable, Sendable {
    var violations: [Violation]
}
