/// The shapes of plaintext credentials the secret guard recognizes inside any string.
///
/// Each detector pairs a regex with clues: lowercase ASCII fragments of which at least one occurs
/// (ignoring case) in anything the regex matches. Most config values contain none of them, so the
/// guard usually decides with a byte scan and never runs a regex; that matters because every
/// string of every value is scanned on each write, inside the replicated state machine.
///
/// Each pattern starts at a boundary (the start of the string or a character that cannot precede
/// the credential). Where one must end at a boundary too, it consumes it as `(?:$|[^…])`: the
/// same yes/no answer as a lookahead, which `CompiledPattern` does not run.
struct SecretDetector: Sendable {
    /// What the detector finds, as a noun phrase for messages.
    let kind: String
    let clues: [[UInt8]]
    let pattern: CompiledPattern

    /// `pattern` is a constant of this file: `try!` fails on the first use in any test run if it
    /// stops compiling.
    init(_ kind: String, clues: [String], pattern: String, options: CompiledPattern.Options = []) {
        self.kind = kind
        self.clues = clues.map { Array($0.utf8) }
        self.pattern = try! CompiledPattern(pattern, options: options)
    }

    /// The detectors in the order they are tried; the first match names the finding.
    static let all: [SecretDetector] = [
        SecretDetector(
            "private key block", clues: ["private key"],
            pattern: #"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"#),
        SecretDetector(
            "AWS access key id", clues: ["akia", "asia"],
            pattern: #"(?:^|[^A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?:$|[^A-Za-z0-9])"#),
        SecretDetector(
            "GitHub token", clues: ["gh", "github_pat_"],
            pattern: #"(?:^|[^A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"#),
        SecretDetector(
            "Slack token", clues: ["xox"],
            pattern: #"(?:^|[^A-Za-z0-9])xox[abeoprs]-[A-Za-z0-9-]{10,}"#),
        SecretDetector(
            "Google API key", clues: ["aiza"],
            pattern: #"(?:^|[^A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?:$|[^A-Za-z0-9_-])"#),
        SecretDetector(
            "Stripe live key", clues: ["_live_"],
            pattern: #"(?:^|[^A-Za-z0-9])[rs]k_live_[A-Za-z0-9]{10,}"#),
        SecretDetector(
            "JSON Web Token", clues: ["eyj"],
            pattern: #"(?:^|[^A-Za-z0-9_-])eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"#),
        SecretDetector(
            "URL with an embedded password", clues: ["@"],
            pattern: #"(?:^|[^A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#@:]*:[^\s/?#@]+@"#),
        SecretDetector(
            "Azure connection string key", clues: ["accountkey", "sharedaccesskey"],
            pattern: #"(?:^|[^A-Za-z0-9])(?:AccountKey|SharedAccessKey)[ \t]*=[ \t]*[^\s;]"#,
            options: .ignoresASCIICase),
        // `password=hunter2` anywhere (a query string, a DSN, a properties file), but not
        // `password=` alone nor `password_min_length=8`.
        SecretDetector(
            "credential assignment", clues: credentialClues,
            pattern: #"(?:^|[^A-Za-z0-9@])(?:"# + credentialNames + #")["']?[ \t]*=[ \t]*["']?[^\s&;,'"]"#,
            options: .ignoresASCIICase),
        // `password: hunter2` only as a structured entry (a YAML line, a quoted JSON name), so
        // that prose such as "Invalid token: please sign in" is not mistaken for one.
        SecretDetector(
            "credential entry", clues: credentialClues,
            pattern: #"(?:^[ \t]*|["'])(?:[A-Za-z0-9_.-]*[_.-])?(?:"# + credentialNames
                + #")["']?[ \t]*:[ \t]*["']?[^\s'",}]"#,
            options: [.ignoresASCIICase, .multiline]),
    ]

    /// Names that introduce a credential in `name=value` and `name: value` text.
    private static let credentialNames =
        "password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|secret[_-]?key|private[_-]?key"
    /// One of these occurs in each of `credentialNames`: far rarer in config values than `=` or `:`.
    private static let credentialClues = ["pass", "pwd", "secret", "token", "key"]

    /// The kind of the first detector that matches `text`, if any.
    static func kind(in text: String) -> String? {
        let folded = text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return all.first { detector in
            detector.clues.contains { folded.containsSequence($0) } && detector.pattern.occurs(in: text)
        }?.kind
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs contiguously. A plain loop: needles are a few bytes long, and this
    /// runs for every detector on every string, in debug builds too.
    fileprivate func containsSequence(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= count else { return false }
        var start = 0
        while start <= count - needle.count {
            if self[start] == first {
                var matched = 1
                while matched < needle.count, self[start + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}
