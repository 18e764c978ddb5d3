/// The input formats the readers understand.
///
/// `json` is a JSON document (an array of records, one record, or an OpenAlex
/// `{"results": [...]}` page); `jsonl` is one JSON record per line; `openalex` maps
/// OpenAlex works in any of those layouts; `wosTab` and `wos` are Web of Science
/// tab-delimited and plain-text (tagged) exports.
public enum InputFormat: String, CaseIterable, Sendable {
    case jsonl, json, bibtex, ris, csv, wosTab = "wos-tab", wos, openalex

    /// The format a file name suggests (a trailing `.gz` is ignored), if any.
    ///
    /// `.txt` files are not mapped here: WoS tagged and RIS both use it, so content decides.
    public init?(fileExtensionOf path: String) {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return nil }
        switch name[name.index(after: dot)...] {
        case "jsonl", "ndjson": self = .jsonl
        case "json": self = .json
        case "bib", "bibtex": self = .bibtex
        case "ris": self = .ris
        case "csv": self = .csv
        case "tsv": self = .wosTab
        case "wos": self = .wos
        default: return nil
        }
    }

    /// Guesses the format from the first bytes of decoded (UTF-8, BOM removed) content.
    ///
    /// Rules, in order: `@type{` near the start → BibTeX; `[` → JSON; `{` → JSON Lines when
    /// the first line holds a whole JSON value, else JSON; `TY  - ` → RIS; `FN `/`VR `/`PT `
    /// tags → WoS tagged; a `PT<TAB>` header → WoS tab-delimited; a first line with commas → CSV.
    /// JSON content that looks like OpenAlex works (`"id": "https://openalex.org/W…"` or an
    /// `abstract_inverted_index`) becomes ``openalex``.
    public static func sniff(_ head: [UInt8]) -> InputFormat? {
        var i = 0
        while i < head.count, head[i] == 0x20 || head[i] == 0x09 || head[i] == 0x0A || head[i] == 0x0D { i += 1 }
        guard i < head.count else { return nil }
        let rest = head[i...]
        func starts(_ s: String) -> Bool { rest.starts(with: Array(s.utf8)) }
        let first = head[i]
        if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") {
            let looksOpenAlex = contains(head, "\"id\":\"https://openalex.org/W") || contains(head, "\"id\": \"https://openalex.org/W")
                || contains(head, "\"abstract_inverted_index\"")
            if looksOpenAlex { return .openalex }
            if first == UInt8(ascii: "[") { return .json }
            return firstLineIsCompleteJSON(head, from: i) ? .jsonl : .json
        }
        if starts("TY  -") { return .ris }
        if starts("FN ") || starts("VR ") || (starts("PT ") && !starts("PT\t")) { return .wos }
        if starts("PT\t") { return .wosTab }
        if looksBibTeX(head) { return .bibtex }
        let firstLine = rest.prefix { $0 != 0x0A }
        if firstLine.contains(UInt8(ascii: ",")) { return .csv }
        return nil
    }

    static func contains(_ hay: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard hay.count >= n.count else { return false }
        var i = 0
        while i <= hay.count - n.count {
            if hay[i] == n[0] {
                var j = 1
                while j < n.count && hay[i + j] == n[j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }

    /// `@` at the start of a line followed by letters and `{` or `(`.
    static func looksBibTeX(_ head: [UInt8]) -> Bool {
        var i = 0
        while i < head.count {
            if head[i] == UInt8(ascii: "@") && (i == 0 || head[i - 1] == 0x0A || head[i - 1] == 0x20) {
                var j = i + 1
                while j < head.count, isASCIILetter(head[j]) { j += 1 }
                while j < head.count, head[j] == 0x20 { j += 1 }
                if j > i + 1, j < head.count, head[j] == UInt8(ascii: "{") || head[j] == UInt8(ascii: "(") { return true }
            }
            i += 1
        }
        return false
    }

    static func firstLineIsCompleteJSON(_ head: [UInt8], from start: Int) -> Bool {
        var end = start
        while end < head.count, head[end] != 0x0A { end += 1 }
        if end == head.count { return false }  // no newline within the sniffed head
        return head.withUnsafeBufferPointer { p in
            var parser = JSONParser(p, range: start..<end)
            return (try? parser.parseDocument()) != nil
        }
    }
}

@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
@inline(__always) func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
