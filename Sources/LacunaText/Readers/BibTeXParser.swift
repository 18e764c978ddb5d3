import Foundation

/// Reads BibTeX (`.bib`) into records.
///
/// Grammar handled: entries `@type{key, field = value, ...}` or with parentheses, of any
/// type; values in braces (nested), in quotes (braces inside counted, `\"` not a terminator),
/// bare numbers, `@string` macros (case-insensitive, plus the month macros `jan`…`dec`) and
/// `#` concatenation; `@comment{...}` and `@preamble{...}` skipped; text between entries
/// ignored, as BibTeX does. Field values are turned into Unicode with ``LaTeXText``.
///
/// Mapping: id = citation key; `title`, `abstract`; `author` split on " and " outside braces,
/// each normalised to "Family, Given" (``AuthorName``); `year`; venue = `journal`, else
/// `booktitle`, else `publisher`; `doi`; `keywords` split on `;` (or `,` when there is no `;`);
/// `strand` and `grade` when present; the entry type (`entry_type`) and every other field go
/// to `extra` (`url`, `file`, `eprint` verbatim, others decoded).
///
/// A bad entry (unterminated brace or quote, missing `=`, undefined macro, no title) is
/// reported at its location; reading resumes at the next `@` that starts a line.
enum BibTeXParser {
    static let months = ["jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
                         "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December"]

    struct Failure: Error { var error: RecordParseError }

    static func parse(_ text: [UInt8], file: String) throws(RecordParseError) -> [Result<PaperRecord, RecordParseError>] {
        var parser = Parser(text: text, index: LineIndex(text, file: file))
        return parser.run()
    }

    private struct Parser {
        let text: [UInt8]
        let index: LineIndex
        var pos = 0
        var macros: [String: String] = [:]

        init(text: [UInt8], index: LineIndex) {
            self.text = text
            self.index = index
            for (k, v) in BibTeXParser.months { macros[k] = v }
        }

        func fail(_ offset: Int, expected: String) -> Failure {
            Failure(error: .syntax(index.location(offset), expected: expected, found: index.snippet(at: offset)))
        }

        mutating func skipSpace() {
            while pos < text.count, isASCIISpace(text[pos]) { pos += 1 }
        }

        mutating func run() -> [Result<PaperRecord, RecordParseError>] {
            var results: [Result<PaperRecord, RecordParseError>] = []
            while true {
                while pos < text.count, text[pos] != UInt8(ascii: "@") { pos += 1 }
                guard pos < text.count else { break }
                let at = pos
                pos += 1
                skipSpace()
                let typeStart = pos
                while pos < text.count, isASCIILetter(text[pos]) || isASCIIDigit(text[pos]) || text[pos] == UInt8(ascii: "_") || text[pos] == UInt8(ascii: "-") { pos += 1 }
                let type = String(decoding: text[typeStart..<pos], as: UTF8.self).lowercased()
                if type.isEmpty { continue }  // a stray '@' in the text between entries
                do throws(Failure) {
                    if let r = try entry(type: type, at: at) { results.append(.success(r)) }
                } catch {
                    results.append(.failure(error.error))
                    resync(after: at)
                }
            }
            return results
        }

        /// Moves to the next '@' at the start of a line (after optional blanks) past `offset`.
        mutating func resync(after offset: Int) {
            var j = offset + 1
            var lineStart = false
            while j < text.count {
                let b = text[j]
                if b == 0x0A { lineStart = true } else if b == UInt8(ascii: "@") && lineStart { break }
                else if b != 0x20 && b != 0x09 && b != 0x0D { lineStart = false }
                j += 1
            }
            pos = j
        }

        mutating func entry(type: String, at: Int) throws(Failure) -> PaperRecord? {
            skipSpace()
            guard pos < text.count, text[pos] == UInt8(ascii: "{") || text[pos] == UInt8(ascii: "(") else {
                if type == "comment" { return nil }  // "@comment text" to the end of the line
                throw fail(pos, expected: "'{' or '(' after '@\(type)'")
            }
            let open = pos
            let close = text[pos] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
            pos += 1
            switch type {
            case "comment":
                pos = open
                if close == UInt8(ascii: "}") { _ = try braced(field: "@comment") } else {
                    while pos < text.count, text[pos] != close { pos += 1 }
                    pos += 1
                }
                return nil
            case "preamble":
                _ = try value(field: "@preamble")
                try expectClose(close, open: open, what: "@preamble")
                return nil
            case "string":
                skipSpace()
                let nameStart = pos
                let name = identifier()
                guard !name.isEmpty else { throw fail(nameStart, expected: "a macro name") }
                skipSpace()
                guard pos < text.count, text[pos] == UInt8(ascii: "=") else { throw fail(pos, expected: "'=' after @string name '\(name)'") }
                pos += 1
                let v = try value(field: name)
                macros[name.lowercased()] = v
                try expectClose(close, open: open, what: "@string")
                return nil
            default:
                return try record(type: type, at: at, open: open, close: close)
            }
        }

        mutating func expectClose(_ close: UInt8, open: Int, what: String) throws(Failure) {
            skipSpace()
            if pos < text.count, text[pos] == UInt8(ascii: ",") { pos += 1; skipSpace() }
            guard pos < text.count else {
                throw Failure(error: .unterminated(index.location(open), what: "\(what) (no closing '\(Character(Unicode.Scalar(close)))')"))
            }
            guard text[pos] == close else { throw fail(pos, expected: "'\(Character(Unicode.Scalar(close)))' to close \(what)") }
            pos += 1
        }

        mutating func identifier() -> String {
            let start = pos
            while pos < text.count {
                let b = text[pos]
                if isASCIILetter(b) || isASCIIDigit(b) || b >= 0x80 || "_-:./+'*!?<>[]&|".utf8.contains(b) { pos += 1 } else { break }
            }
            return String(decoding: text[start..<pos], as: UTF8.self)
        }

        mutating func record(type: String, at: Int, open: Int, close: UInt8) throws(Failure) -> PaperRecord {
            skipSpace()
            let keyStart = pos
            while pos < text.count, text[pos] != UInt8(ascii: ","), text[pos] != close, !isASCIISpace(text[pos]) { pos += 1 }
            let key = String(decoding: text[keyStart..<pos], as: UTF8.self)
            var fields: [(String, String, Int)] = []
            skipSpace()
            guard pos < text.count else { throw Failure(error: .unterminated(index.location(open), what: "entry '\(key)' (no closing '\(Character(Unicode.Scalar(close)))')")) }
            if text[pos] == UInt8(ascii: ",") {
                pos += 1
                while true {
                    skipSpace()
                    guard pos < text.count else { throw Failure(error: .unterminated(index.location(open), what: "entry '\(key)' (no closing '\(Character(Unicode.Scalar(close)))')")) }
                    if text[pos] == close { pos += 1; break }
                    let nameStart = pos
                    let name = identifier().lowercased()
                    guard !name.isEmpty else { throw fail(pos, expected: "a field name or '\(Character(Unicode.Scalar(close)))'") }
                    skipSpace()
                    guard pos < text.count, text[pos] == UInt8(ascii: "=") else { throw fail(pos, expected: "'=' after field name '\(name)'") }
                    pos += 1
                    skipSpace()
                    let valueStart = pos
                    let v = try value(field: name)
                    if !fields.contains(where: { $0.0 == name }) { fields.append((name, v, valueStart)) }
                    _ = nameStart
                    skipSpace()
                    guard pos < text.count else { throw Failure(error: .unterminated(index.location(open), what: "entry '\(key)' (no closing '\(Character(Unicode.Scalar(close)))')")) }
                    if text[pos] == UInt8(ascii: ",") { pos += 1; continue }
                    if text[pos] == close { pos += 1; break }
                    if text[pos] == UInt8(ascii: "@"), text[valueStart] == UInt8(ascii: "{") || text[valueStart] == UInt8(ascii: "\""),
                       BibTeXParser.containsFieldLine(v) {
                        // The value ran over the following fields: its own brace or quote never closed.
                        let what = text[valueStart] == UInt8(ascii: "{") ? "brace" : "quote"
                        throw Failure(error: .unterminated(index.location(valueStart), what: "\(what) in field '\(name)'"))
                    }
                    let hint = text[pos] == UInt8(ascii: "@") ? " (is a closing brace missing above?)" : ""
                    throw fail(pos, expected: "',' or '\(Character(Unicode.Scalar(close)))' after field '\(name)'\(hint)")
                }
            } else if text[pos] == close {
                pos += 1
            } else {
                throw fail(pos, expected: "',' after the citation key")
            }
            return try makeRecord(type: type, key: key, fields: fields, at: at)
        }

        /// A field value: parts joined by '#'. Returns the raw (LaTeX) text.
        mutating func value(field: String) throws(Failure) -> String {
            var parts = ""
            while true {
                skipSpace()
                guard pos < text.count else { throw fail(pos, expected: "a value for field '\(field)'") }
                let b = text[pos]
                if b == UInt8(ascii: "{") {
                    parts += try braced(field: field)
                } else if b == UInt8(ascii: "\"") {
                    parts += try quotedValue(field: field)
                } else if isASCIIDigit(b) {
                    let start = pos
                    while pos < text.count, isASCIIDigit(text[pos]) { pos += 1 }
                    parts += String(decoding: text[start..<pos], as: UTF8.self)
                } else if isASCIILetter(b) || b == UInt8(ascii: "_") {
                    let start = pos
                    let name = identifier()
                    guard let m = macros[name.lowercased()] else {
                        throw Failure(error: .undefinedMacro(index.location(start), name: name, field: field))
                    }
                    parts += m
                } else {
                    throw fail(pos, expected: "a value for field '\(field)' ('{…}', '\"…\"', a number or a macro)")
                }
                skipSpace()
                if pos < text.count, text[pos] == UInt8(ascii: "#") { pos += 1; continue }
                return parts
            }
        }

        /// The content of a balanced `{…}` group starting at `pos`.
        mutating func braced(field: String) throws(Failure) -> String {
            let open = pos
            var depth = 0
            while pos < text.count {
                let b = text[pos]
                if b == UInt8(ascii: "\\") { pos += 2; continue }
                if b == 0x0A && startsEntry(after: pos) { break }  // an entry inside a value: a brace is missing
                if b == UInt8(ascii: "{") { depth += 1 }
                else if b == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 {
                        pos += 1
                        return String(decoding: text[(open + 1)..<(pos - 1)], as: UTF8.self)
                    }
                }
                pos += 1
            }
            throw Failure(error: .unterminated(index.location(open), what: "brace in field '\(field)'"))
        }

        /// Whether the line after the newline at `offset` starts a new entry (`@type{` or `@type(`).
        func startsEntry(after offset: Int) -> Bool {
            var j = offset + 1
            while j < text.count, text[j] == 0x20 || text[j] == 0x09 { j += 1 }
            guard j < text.count, text[j] == UInt8(ascii: "@") else { return false }
            j += 1
            let start = j
            while j < text.count, isASCIILetter(text[j]) { j += 1 }
            guard j > start else { return false }
            while j < text.count, text[j] == 0x20 { j += 1 }
            return j < text.count && (text[j] == UInt8(ascii: "{") || text[j] == UInt8(ascii: "("))
        }

        /// The content of a `"…"` value starting at `pos` (braces inside counted).
        mutating func quotedValue(field: String) throws(Failure) -> String {
            let open = pos
            pos += 1
            var depth = 0
            while pos < text.count {
                let b = text[pos]
                if b == UInt8(ascii: "\\") { pos += 2; continue }
                if b == UInt8(ascii: "{") { depth += 1 }
                else if b == UInt8(ascii: "}") { depth = max(0, depth - 1) }
                else if b == UInt8(ascii: "\"") && depth == 0 {
                    pos += 1
                    return String(decoding: text[(open + 1)..<(pos - 1)], as: UTF8.self)
                }
                pos += 1
            }
            throw Failure(error: .unterminated(index.location(open), what: "quote in field '\(field)'"))
        }

        func makeRecord(type: String, key: String, fields: [(String, String, Int)], at: Int) throws(Failure) -> PaperRecord {
            let location = index.location(at)
            var raw: [String: (String, Int)] = [:]
            for (n, v, o) in fields { raw[n] = (v, o) }
            func text(_ name: String) -> String? {
                guard let (v, _) = raw[name] else { return nil }
                let t = LaTeXText.decode(v)
                return t.isEmpty ? nil : t
            }
            guard let title = text("title") else { throw Failure(error: .missingField(location, field: "title")) }
            var year: Int?
            if let (y, o) = raw["year"] {
                do { year = try FieldValues.year(LaTeXText.decode(y), field: "year", at: index.location(o)) }
                catch { throw Failure(error: error) }
            }
            var grade: Int?
            if let g = text("grade") {
                guard let n = Int(g), (0...2).contains(n) else {
                    throw Failure(error: .invalidField(index.location(raw["grade"]!.1), field: "grade", expected: "0, 1 or 2", found: "'\(g)'"))
                }
                grade = n
            }
            let doi = raw["doi"].flatMap { FieldValues.doi($0.0) }
            var keywords: [String] = []
            if let k = text("keywords") ?? text("keyword") {
                keywords = FieldValues.list(k, separators: k.contains(";") ? [";"] : [","])
            }
            let authors = raw["author"].map { BibTeXParser.splitAuthors($0.0) } ?? []
            var extra: [String: JSONValue] = ["entry_type": .string(type)]
            let mapped: Set<String> = ["title", "abstract", "author", "year", "doi", "keywords", "keyword", "strand", "grade"]
            let verbatim: Set<String> = ["url", "file", "eprint", "pdf", "howpublished"]
            let venueField = ["journal", "booktitle", "publisher"].first { text($0) != nil }
            for (name, v, _) in fields where !mapped.contains(name) && name != venueField {
                extra[FieldValues.extraKey(name)] = .string(verbatim.contains(name) ? FieldValues.collapseSpace(v) : LaTeXText.decode(v))
            }
            let id = key.isEmpty ? FieldValues.derivedID(title: title, year: year, doi: doi) : key
            return PaperRecord(id: id, title: title, abstract: text("abstract") ?? "", authors: authors, year: year,
                               venue: venueField.flatMap(text), doi: doi, keywords: keywords, strand: text("strand"),
                               grade: grade, extra: extra)
        }
    }

    /// Whether a raw value holds a line that looks like another field (`name = ...`), the sign
    /// that an unclosed brace swallowed the fields after it.
    static func containsFieldLine(_ raw: String) -> Bool {
        for line in raw.split(separator: "\n").dropFirst() {
            let t = line.drop { $0 == " " || $0 == "\t" }
            let name = t.prefix { $0.isLetter || $0 == "_" || $0 == "-" }
            if !name.isEmpty, t.dropFirst(name.count).drop(while: { $0 == " " }).first == "=" { return true }
        }
        return false
    }

    /// Splits a raw `author` field on " and " outside braces, decodes each name and
    /// normalises it to "Family, Given". "others" (et al.) is dropped.
    static func splitAuthors(_ raw: String) -> [String] {
        let b = Array(raw.utf8)
        var names: [String] = []
        var depth = 0
        var start = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "{") { depth += 1 } else if c == UInt8(ascii: "}") { depth = max(0, depth - 1) }
            else if depth == 0, isASCIISpace(c), i + 4 < b.count, b[i + 1] | 0x20 == UInt8(ascii: "a"), b[i + 2] | 0x20 == UInt8(ascii: "n"),
                    b[i + 3] | 0x20 == UInt8(ascii: "d"), isASCIISpace(b[i + 4]) {
                names.append(String(decoding: b[start..<i], as: UTF8.self))
                i += 5
                start = i
                continue
            }
            i += 1
        }
        names.append(String(decoding: b[start..<b.count], as: UTF8.self))
        return names.compactMap { rawName in
            let trimmed = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.lowercased() == "others" { return nil }
            // A fully braced name is a corporate author: keep it whole.
            if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") && !trimmed.dropFirst().contains("{") {
                return LaTeXText.decode(trimmed)
            }
            return AuthorName.normalized(LaTeXText.decode(trimmed))
        }
    }
}
