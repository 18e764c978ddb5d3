import Foundation

/// Small normalisations shared by every reader.
enum FieldValues {
    /// A DOI without `https://doi.org/`, `http://dx.doi.org/` or `doi:` prefixes, trimmed;
    /// nil when empty.
    static func doi(_ raw: String) -> String? {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // Repeatedly, so the result is a fixed point ("https://doi.org/doi:10.1/x" → "10.1/x").
        var stripped = true
        while stripped {
            stripped = false
            let lower = s.lowercased()
            for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"] where lower.hasPrefix(prefix) {
                s = String(s.dropFirst(prefix.count)).trimmingCharacters(in: .whitespacesAndNewlines)
                stripped = true
                break
            }
        }
        return s.isEmpty ? nil : s
    }

    /// The year in a date-ish field: the first run of exactly four digits ("2011",
    /// "2011/05/03/", "May 2011", "{2011a}"). Empty text is nil; text without a year throws.
    static func year(_ raw: String, field: String, at location: SourceLocation) throws(RecordParseError) -> Int? {
        let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { return nil }
        let u = Array(t.utf8)
        var i = 0
        while i < u.count {
            if isASCIIDigit(u[i]) {
                var j = i
                while j < u.count, isASCIIDigit(u[j]) { j += 1 }
                if j - i == 4 { return Int(String(decoding: u[i..<j], as: UTF8.self)) }
                i = j
            } else {
                i += 1
            }
        }
        throw .invalidField(location, field: field, expected: "a four-digit year", found: quoted(Array(t.utf8), limit: 30))
    }

    /// Splits a list field ("a; b; c"), trimming items and dropping empty ones.
    static func list(_ raw: String, separators: Set<Character> = [";"]) -> [String] {
        raw.split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// Collapses runs of whitespace (including newlines) into one space and trims.
    static func collapseSpace(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for ch in s.unicodeScalars {
            if ch.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") ; pendingSpace = false }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A title for matching: lower case, diacritics removed, letters and digits only,
    /// single spaces. "The Origins of Alliances!" and "the origins of  alliances" match.
    static func normalizedTitle(_ title: String) -> String {
        let folded = title.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        var space = false
        for ch in folded.unicodeScalars {
            if ch.properties.isAlphabetic || ch.properties.numericType != nil {
                if space && !out.isEmpty { out.unicodeScalars.append(" ") }
                space = false
                out.unicodeScalars.append(ch)
            } else {
                space = true
            }
        }
        return out
    }

    /// The `extra` key for a source field: its own name, or `source_<name>` when that is one of
    /// the schema's keys (a BibTeX `venue` field, a second `abstract` column, …), so extras
    /// never shadow the schema.
    static func extraKey(_ name: String) -> String {
        PaperRecord.schemaKeySet.contains(name) ? "source_" + name : name
    }

    /// The id of a record whose source gives none.
    ///
    /// The DOI in lower case when there is one; otherwise `h` followed by 16 hexadecimal
    /// digits of the 64-bit FNV-1a hash of the UTF-8 of `normalizedTitle(title) + "|" + year`
    /// (year empty when unknown). The hash is stable across runs, platforms and versions.
    static func derivedID(title: String, year: Int?, doi: String?) -> String {
        if let doi, !doi.isEmpty { return doi.lowercased() }
        let key = normalizedTitle(title) + "|" + (year.map(String.init) ?? "")
        var h: UInt64 = 0xcbf29ce484222325
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        let hex = String(h, radix: 16)
        return "h" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
