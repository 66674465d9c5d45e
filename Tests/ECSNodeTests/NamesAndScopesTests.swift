import Admin
import Testing

@testable import ECSNode

@Suite("Names, keys and scopes")
struct NamesAndScopesTests {
    @Test("names follow ^[a-z0-9][a-z0-9-]{0,62}$")
    func names() {
        #expect(Names.isValidName("acme"))
        #expect(Names.isValidName("a-1"))
        #expect(Names.isValidName("0"))
        #expect(Names.isValidName(String(repeating: "a", count: 63)))
        #expect(!Names.isValidName(String(repeating: "a", count: 64)))
        #expect(!Names.isValidName(""))
        #expect(!Names.isValidName("-a"))
        #expect(!Names.isValidName("Acme"))
        #expect(!Names.isValidName("a_b"))
        #expect(!Names.isValidName("é"))
    }

    @Test("keys follow ^[A-Za-z0-9][A-Za-z0-9._/-]{0,255}$")
    func keys() {
        #expect(Names.isValidKey("retry.max"))
        #expect(Names.isValidKey("db/pool/Size_2-x"))
        #expect(Names.isValidKey(String(repeating: "k", count: 256)))
        #expect(!Names.isValidKey(String(repeating: "k", count: 257)))
        #expect(!Names.isValidKey(""))
        #expect(!Names.isValidKey("/lead"))
        #expect(!Names.isValidKey(".hidden"))
        #expect(!Names.isValidKey("a b"))
        #expect(!Names.isValidKey("a*"))
    }

    @Test("scopes parse from and print to the API's text form")
    func scopes() {
        let texts = ["global", "edition:pro", "tenant", "env:prod", "app:prod/web"]
        for text in texts {
            #expect(Scope(parsing: text)?.description == text)
        }
        #expect(Scope(parsing: "app:prod/web") == .app(env: "prod", app: "web"))
        for bad in [
            "", "env:", "env:Prod", "app:prod", "app:prod/", "app:/web", "app:a/b/c", "edition", "tenant:x", "other",
        ] {
            #expect(Scope(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("resolution reads the layers global < edition < tenant < env < app")
    func precedence() {
        let query = ConfigQuery(tenant: "acme", env: "prod", app: "web", edition: "pro")
        let layers = ConfigResolver.layers(for: query)
        #expect(layers.map(\.0) == [.platform, .platform, .tenant("acme"), .tenant("acme"), .tenant("acme")])
        #expect(layers.map(\.1) == [.global, .edition("pro"), .tenant, .env("prod"), .app(env: "prod", app: "web")])
        let plain = ConfigResolver.layers(for: ConfigQuery(tenant: "acme", env: "prod"))
        #expect(plain.map(\.1) == [.global, .tenant, .env("prod")])
    }

    @Test("platform scopes belong to the platform namespace, the rest to tenants")
    func namespaces() {
        #expect(Namespace.platform.admits(.global))
        #expect(Namespace.platform.admits(.edition("pro")))
        #expect(!Namespace.platform.admits(.tenant))
        #expect(Namespace.tenant("acme").admits(.env("prod")))
        #expect(!Namespace.tenant("acme").admits(.global))
    }

    @Test("key filters: exact keys, prefixes ending in *, nothing else")
    func keyFilters() {
        #expect(KeyFilter(parsing: "db/*") == KeyFilter(patterns: [.prefix("db/")]))
        #expect(KeyFilter(parsing: "*") == KeyFilter(patterns: [.prefix("")]))
        #expect(KeyFilter(parsing: "retry.max,db/*") == KeyFilter(patterns: [.exact("retry.max"), .prefix("db/")]))
        #expect(KeyFilter(parsing: "a*b") == nil)
        #expect(KeyFilter(parsing: "") == nil)
        #expect(KeyFilter(parsing: "a,,b") == nil)
    }
}
