import Testing

@testable import ECSNode

@Suite("Schema cache")
struct SchemaCacheTests {
    private static func schema(_ text: String) throws -> ConfigSchema {
        try ConfigSchema(document: Fixture.json(text))
    }

    @Test("the same stored bytes compile once; other bytes compile again")
    func compilesOnce() throws {
        let cache = SchemaCache(weightLimit: 1 << 20)
        var compiled = 0
        func lookUp(_ text: String) throws -> ConfigSchema {
            try cache.schema(storedAs: Array(text.utf8)) {
                compiled += 1
                return try Self.schema(text)
            }
        }
        let first = try lookUp(#"{"type":"object"}"#)
        #expect(try lookUp(#"{"type":"object"}"#) == first)
        #expect(compiled == 1)
        _ = try lookUp(#"{"required":["a"]}"#)
        #expect(compiled == 2)
        #expect(cache.count == 2)
    }

    @Test("a compile that fails is not cached")
    func failuresAreNotCached() throws {
        let cache = SchemaCache(weightLimit: 1 << 20)
        let bytes = Array(#"{"type":"strin"}"#.utf8)
        for _ in 0..<2 {
            #expect(throws: SchemaDocumentError.self) {
                try cache.schema(storedAs: bytes) { () throws(SchemaDocumentError) in
                    try ConfigSchema(document: Fixture.json(#"{"type":"strin"}"#))
                }
            }
        }
        #expect(cache.count == 0)
    }

    @Test("over its weight, the cache drops the least recently used schemas first")
    func evictsLeastRecentlyUsed() throws {
        let texts = [#"{"required":["a"]}"#, #"{"required":["b"]}"#, #"{"required":["c"]}"#]
        // Room for two of them (18 bytes each, no pattern instructions).
        let cache = SchemaCache(weightLimit: 40)
        var compiles: [String] = []
        func lookUp(_ text: String) throws {
            _ = try cache.schema(storedAs: Array(text.utf8)) {
                compiles.append(text)
                return try Self.schema(text)
            }
        }
        try lookUp(texts[0])
        try lookUp(texts[1])
        try lookUp(texts[0])
        try lookUp(texts[2])
        #expect(cache.count == 2)
        try lookUp(texts[0])
        try lookUp(texts[1])
        #expect(compiles == [texts[0], texts[1], texts[2], texts[1]], "b was the least recently used")
    }
}
