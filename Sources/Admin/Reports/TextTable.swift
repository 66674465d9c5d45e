/// Rows of text in aligned columns, the way `kubectl get` prints: a header of upper-case titles,
/// two spaces between columns, numbers aligned right, no trailing spaces (so the output diffs and
/// greps cleanly).
public struct TextTable: Sendable, Equatable {
    public enum Alignment: Sendable {
        case left, right
    }

    public struct Column: Sendable, Equatable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    /// Each row has one cell per column.
    public var rows: [[String]]
    /// Whether the titles are printed as the first line.
    public var showsHeader: Bool

    public init(columns: [Column], rows: [[String]], showsHeader: Bool = true) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs \(columns.count) cells: \(rows)")
        self.columns = columns
        self.rows = rows
        self.showsHeader = showsHeader
    }

    /// Labelled values, one per line, without a header (`role    leader`).
    public static func fields(_ fields: KeyValuePairs<String, String>) -> TextTable {
        TextTable(
            columns: [Column("field"), Column("value")], rows: fields.map { [$0.key, $0.value] }, showsHeader: false)
    }

    /// The table as lines separated by `\n`, without a final newline.
    public var text: String {
        let lines = showsHeader ? [columns.map(\.title)] + rows : rows
        let widths = columns.indices.map { index in lines.map { $0[index].count }.max() ?? 0 }
        return lines.map { cells in
            let padded = cells.indices.map { index -> String in
                let padding = String(repeating: " ", count: widths[index] - cells[index].count)
                return columns[index].alignment == .left ? cells[index] + padding : padding + cells[index]
            }
            let line = padded.joined(separator: "  ")
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }.joined(separator: "\n")
    }
}
