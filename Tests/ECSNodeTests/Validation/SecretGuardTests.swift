import Testing

@testable import ECSNode

/// The plaintext-credential guard: what it catches, what it must not, and what it says.
@Suite("Secret guard")
struct SecretGuardTests {
    /// The violations of `text` stored under a neutral key.
    func violations(_ text: String, key: String = "note") -> [Violation] {
        SecretGuard.violations(key: key, value: .string(text), path: "tenant/\(key)")
    }

    /// One credential of each shape the guard knows, with the kind it must be reported as.
    static let credentials: [(String, String)] = [
        ("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg…\n-----END PRIVATE KEY-----", "private key block"),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA…", "private key block"),
        ("-----BEGIN EC PRIVATE KEY-----", "private key block"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk…", "private key block"),
        ("-----BEGIN ENCRYPTED PRIVATE KEY-----", "private key block"),
        ("AKIAIOSFODNN7EXAMPLE", "AWS access key id"),
        ("aws_access_key_id = ASIAY34FZKBOKMUTVV7A", "AWS access key id"),
        ("ghp_" + String(repeating: "a1B2", count: 9), "GitHub token"),
        ("token gho_" + String(repeating: "Z9y8", count: 9), "GitHub token"),
        ("ghu_" + String(repeating: "x", count: 36), "GitHub token"),
        ("ghs_" + String(repeating: "x", count: 36), "GitHub token"),
        ("ghr_" + String(repeating: "x", count: 36), "GitHub token"),
        ("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "GitHub token"),
        ("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "Slack token"),
        ("xoxp-123456789012-123456789012", "Slack token"),
        ("AIza" + "SyA1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tU_v", "Google API key"),
        ("sk_live_" + "51H8xYzAbCdEfGhIjKl", "Stripe live key"),
        (
            "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
                + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "JSON Web Token"
        ),
        ("postgres://app:hunter2@db.internal:5432/payments", "URL with an embedded password"),
        ("redis://:s3cr3t@cache:6379/0", "URL with an embedded password"),
        ("password=hunter2", "credential assignment"),
        ("host=db user=app passwd=hunter2", "credential assignment"),
        ("https://api.example.com/v1?api_key=abc123&x=1", "credential assignment"),
        ("PWD = 'correct horse'", "credential assignment"),
        ("client_secret=abc", "credential assignment"),
        ("apikey=abc", "credential assignment"),
        ("TOKEN=abc", "credential assignment"),
        ("password: hunter2", "credential entry"),
        ("db:\n  host: x\n  db_password: hunter2\n", "credential entry"),
        (#"{"secret": "s3cr3t"}"#, "credential entry"),
        (
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=bXlrZXk=;EndpointSuffix=core.windows.net",
            "Azure connection string key"
        ),
        (
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=c2VjcmV0",
            "Azure connection string key"
        ),
    ]

    @Test("every known credential shape is refused, as secret.plaintext, named by its kind")
    func credentialsAreRefused() {
        for (text, kind) in Self.credentials {
            let found = violations(text)
            #expect(found.map(\.code) == ["secret.plaintext"], "\(kind): \(text)")
            #expect(found.first?.message.contains("plaintext \(kind).") == true, "\(kind): \(text)")
        }
    }

    @Test("messages never repeat the refused value")
    func noEcho() {
        for (text, _) in Self.credentials {
            for violation in violations(text) {
                #expect(!violation.message.contains(text))
                for word in text.split(whereSeparator: { " =:;\n".contains($0) }) where word.count >= 6 {
                    #expect(!violation.message.contains(word), "\(word)")
                }
            }
        }
    }

    @Test(
        "ordinary values are not mistaken for credentials",
        arguments: [
            "Enter your password", "password=", "password= ", "password=\"\"", "", "https://example.com/a?b=c#frag",
            "https://user@host", "https://host:8443/path", "Invalid token: please sign in again",
            "password_min_length=8", "Reset your password: see the help page", "-----BEGIN PUBLIC KEY-----",
            "-----BEGIN CERTIFICATE-----", "AKIA-not-a-key", "akiaiosfodnn7example", "XAKIAIOSFODNN7EXAMPLE1",
            "ghp_short", "sk_test_abcdefghijklmnop", "eyJustAWord", "the token.ttl is 300",
            "mailto:someone@example.com", "@secret:vault://kv/db", "use @secret:vault/kv/db here",
            "SharedAccessKeyName=RootManageSharedAccessKey",
        ])
    func falsePositives(text: String) {
        #expect(violations(text) == [], "\(text)")
    }

    @Test("keys and members whose last segment names a credential only take references")
    func credentialNames() {
        for key in [
            "password", "db.password", "smtp/passwd", "DB_PASSWORD", "payments.secret", "stripe/api-key", "apiKey",
            "api_key", "tls.private_key", "privateKey", "oauth.client-secret", "client_secret", "aws.secret_key",
            "aws.secretKey", "aws_secret_access_key", "s3.access-key",
        ] {
            #expect(violations("hunter2", key: key).map(\.code) == ["secret.plaintext"], "\(key)")
            #expect(violations("@secret:vault://kv/x", key: key) == [], "\(key)")
            #expect(violations("", key: key) == [], "\(key)")
            #expect(SecretGuard.violations(key: key, value: 8, path: "tenant/\(key)") == [], "\(key)")
        }
        for key in [
            "password_min_length", "password.policy", "token.ttl", "token", "secret_name", "keys.public_key",
            "password.hint", "dbPassword", "secretary", "access",
        ] {
            #expect(violations("hunter2", key: key) == [], "\(key)")
        }
        let message = violations("hunter2", key: "db.password").first?.message
        let expected = #""db.password" names a credential, so its value must be a @secret:<uri> reference, "#
        #expect(message == expected + "not the secret itself.")
    }

    @Test("strings nested anywhere are scanned, with the member name for the key-name rule")
    func nested() {
        let value = Fixture.json(
            #"""
            {"hosts":["ok","postgres://u:p@h/db"],"auth":{"password":"hunter2","user":"app","ttl":30},
             "matrix":[[{"x":"AKIAIOSFODNN7EXAMPLE"}]],"passwords":["@secret:v://a"]}
            """#)
        let found = SecretGuard.violations(key: "svc", value: value, path: "env:prod/svc")
        #expect(
            found.map(\.path) == ["env:prod/svc#/auth/password", "env:prod/svc#/hosts/1", "env:prod/svc#/matrix/0/0/x"])
        #expect(found.allSatisfy { $0.code == "secret.plaintext" })
        let inArray = SecretGuard.violations(key: "password", value: ["a", "@secret:v://b"], path: "tenant/password")
        #expect(inArray.map(\.path) == ["tenant/password#/0"])
    }

    @Test("non-string values are never credentials")
    func nonStrings() {
        for value: JSONValue in [.null, true, 42, 4.5, [], [:]] {
            #expect(SecretGuard.violations(key: "password", value: value, path: "tenant/password") == [])
        }
    }

    @Test("a reference is @secret:<uri> with a non-empty URI and no whitespace")
    func references() {
        #expect(SecretGuard.isSecretReference("@secret:vault://kv/payments#db"))
        #expect(SecretGuard.isSecretReference("@secret:aws-sm://prod/db?version=2"))
        #expect(SecretGuard.isSecretReference("@secret:x"))
        #expect(!SecretGuard.isSecretReference("@secret:"))
        #expect(!SecretGuard.isSecretReference("@secret: vault://kv"))
        #expect(!SecretGuard.isSecretReference("@secret:vault://kv\n"))
        #expect(!SecretGuard.isSecretReference("@secret:a\u{00A0}b"))
        #expect(!SecretGuard.isSecretReference("@SECRET:vault://kv"))
        #expect(!SecretGuard.isSecretReference(" @secret:vault://kv"))
        #expect(!SecretGuard.isSecretReference("secret:vault://kv"))
        // A reference is exempt even when its URI would otherwise look like a credential.
        #expect(
            SecretGuard.violations(key: "db.url", value: "@secret:postgres://u:p@h/db", path: "tenant/db.url") == [])
    }

    @Test("the guard's own patterns stay fast on long hostile strings")
    func linearPatterns() {
        // Each string holds its detector's clue, so the regex does run.
        let hostile = [
            String(repeating: "a", count: 20_000) + "://@",
            String(repeating: "password", count: 2_000) + "=",
            "\"" + String(repeating: "a_", count: 10_000) + "key:",
            String(repeating: "eyJ", count: 5_000) + ".",
            String(repeating: "xox", count: 5_000) + "b-",
        ]
        let clock = ContinuousClock()
        for text in hostile {
            let elapsed = clock.measure { _ = SecretGuard.violations(key: "k", value: .string(text), path: "k") }
            #expect(elapsed < .seconds(2), "\(text.prefix(12))… took \(elapsed)")
        }
    }
}
