import Foundation

/// Renders rows of strings as an aligned text table, CSV (RFC 4180) or a Markdown table.
struct TableRenderer {
    var headers: [String]
    var rows: [[String]]

    /// Plain text with aligned columns (by Unicode scalar count) and a rule under the header.
    func text(maxColumnWidth: Int = 60) -> String {
        let clipped = rows.map { $0.map { clip($0, maxColumnWidth) } }
        var widths = headers.map { $0.unicodeScalars.count }
        for row in clipped { for (j, cell) in row.enumerated() where j < widths.count { widths[j] = max(widths[j], cell.unicodeScalars.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { j, c in j == cells.count - 1 ? c : c + String(repeating: " ", count: max(0, widths[j] - c.unicodeScalars.count)) }
                .joined(separator: "  ")
        }
        var out = line(headers) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in clipped { out += line(row) + "\n" }
        return out
    }

    /// CSV with a header row; fields quoted when they contain a comma, quote or newline.
    func csv() -> String {
        ([headers] + rows).map { $0.map(TableRenderer.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A GitHub-flavoured Markdown table; pipes escaped.
    func markdown() -> String {
        func cells(_ r: [String]) -> String {
            "| " + r.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ") + " |"
        }
        return ([cells(headers), "|" + headers.map { _ in " --- |" }.joined()] + rows.map(cells)).joined(separator: "\n") + "\n"
    }

    static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    private func clip(_ s: String, _ n: Int) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ")
        return flat.unicodeScalars.count <= n ? flat : String(String.UnicodeScalarView(flat.unicodeScalars.prefix(n - 1))) + "…"
    }
}
