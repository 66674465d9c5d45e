/// The key-name rule of the secret guard: a key or member whose name says it holds a credential
/// (`db.password`, `smtp/api-key`, `stripe_secret_key`) may only hold a `@secret:` reference.
///
/// The name's last segment after `.` or `/` (the hierarchy separators of item keys) is lowercased
/// and split into words on `_` and `-`; it names a credential when its last word, or its last two
/// words joined, is one of `names`. So `DB_PASSWORD`, `client-secret`, `apiKey` and
/// `aws_secret_access_key` do, while `password_min_length`, `password.policy`, `token.ttl` and
/// `secret_name` do not. camelCase is not split: `dbPassword` is not caught.
enum CredentialName {
    static let names: Set<String> = [
        "password", "passwd", "secret", "apikey", "privatekey", "clientsecret", "secretkey", "accesskey",
    ]

    static func matches(_ name: String) -> Bool {
        let segment = name.split(whereSeparator: { $0 == "." || $0 == "/" }).last ?? ""
        let words = segment.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" })
        guard let last = words.last else { return false }
        if names.contains(String(last)) { return true }
        return words.count >= 2 && names.contains(String(words[words.count - 2] + last))
    }
}
