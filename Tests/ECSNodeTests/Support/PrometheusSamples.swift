/// The samples of a page in Prometheus's text exposition format, for asserting on `/metrics`.
struct PrometheusSamples {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    let samples: [Sample]

    /// Parses every sample line (`name{label="value",...} value`); comments and blank lines are
    /// skipped, and so is a line that does not parse (the assertions on sums then fail).
    init(_ text: String) {
        samples = text.split(separator: "\n").compactMap { line in
            line.hasPrefix("#") ? nil : Self.sample(Substring(line))
        }
    }

    /// The sum of `name`'s samples whose labels include `labels` (0 when there is none).
    func sum(_ name: String, _ labels: [String: String] = [:]) -> Double {
        samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }.reduce(0) { $0 + $1.value }
    }

    /// Whether the page has a sample of `name`.
    func has(_ name: String) -> Bool {
        samples.contains { $0.name == name }
    }

    private static func sample(_ line: Substring) -> Sample? {
        guard let nameEnd = line.firstIndex(where: { $0 == "{" || $0 == " " }) else { return nil }
        var labels: [String: String] = [:]
        var rest = line[nameEnd...]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                guard let equals = rest.firstIndex(of: "="), rest[rest.index(after: equals)] == "\"" else { return nil }
                let key = String(rest[..<equals])
                rest = rest[rest.index(equals, offsetBy: 2)...]
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\", let escaped = rest.first {
                        value.append(escaped == "n" ? "\n" : escaped)
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                guard !rest.isEmpty else { return nil }
                rest = rest.dropFirst()
                if rest.first == "," { rest = rest.dropFirst() }
                labels[key] = value
                guard !rest.isEmpty else { return nil }
            }
            rest = rest.dropFirst()
        }
        guard
            let value = Double(rest.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "+Inf", with: "inf"))
        else { return nil }
        return Sample(name: String(line[..<nameEnd]), labels: labels, value: value)
    }
}
