import Foundation

/// Reads RIS (`.ris`): records from `TY  - ` to `ER  - `, one `XX  - value` tag per line.
///
/// Lines that are not tag lines continue the previous tag's value (joined with a space).
/// CRLF and a missing space after the final `-` are accepted. Mapping: `TI`/`T1` title,
/// `AB`/`N2` abstract, `AU`/`A1` authors ("Family, Given"), `PY`/`Y1`/`DA` year (first four
/// digits), `JO`/`JF`/`T2` venue (first present, in that order), `DO` DOI, `KW` keywords,
/// `ID` id; every other tag goes to `extra` under its tag name (a list when repeated), with
/// `TY` as `entry_type`.
///
/// Errors: a tag line outside a record, a record without `ER` at the end of the file,
/// a record without title — each reported at its line, and reading resumes at the next `TY`.
enum RISParser {
    static func parse(_ text: [UInt8], file: String) throws(RecordParseError) -> [Result<PaperRecord, RecordParseError>] {
        var results: [Result<PaperRecord, RecordParseError>] = []
        var fields: [(tag: String, value: String)] = []
        var recordLine = 0
        var inRecord = false
        var skippingToTY = false
        for (lineNumber, line) in TextLines(text) {
            guard let (tag, value) = tagLine(line) else {
                let blank = line.allSatisfy(isASCIISpace)
                if inRecord, !blank, !fields.isEmpty {
                    let more = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                    fields[fields.count - 1].value += (fields[fields.count - 1].value.isEmpty ? "" : " ") + more
                } else if !inRecord, !blank, !skippingToTY, !(lineNumber == 1 && line.starts(with: [0xEF, 0xBB, 0xBF])) {
                    results.append(.failure(.syntax(SourceLocation(file: file, line: lineNumber, column: 1),
                                                    expected: "'TY  - ' to start a record", found: quoted(line, limit: 20))))
                    skippingToTY = true
                }
                continue
            }
            if tag == "TY" {
                if inRecord {
                    results.append(.failure(.unterminated(SourceLocation(file: file, line: recordLine), what: "RIS record (a new 'TY' at line \(lineNumber) before 'ER  - ')")))
                }
                inRecord = true
                skippingToTY = false
                recordLine = lineNumber
                fields = [("TY", value)]
                continue
            }
            guard inRecord else {
                if !skippingToTY {
                    results.append(.failure(.syntax(SourceLocation(file: file, line: lineNumber, column: 1),
                                                    expected: "'TY  - ' to start a record", found: "'\(tag)  - '")))
                    skippingToTY = true
                }
                continue
            }
            if tag == "ER" {
                inRecord = false
                results.append(Result { () throws(RecordParseError) in try record(fields, location: SourceLocation(file: file, line: recordLine)) })
                fields = []
                continue
            }
            fields.append((tag, value))
        }
        if inRecord {
            results.append(.failure(.unterminated(SourceLocation(file: file, line: recordLine), what: "RIS record (no 'ER  - ' before the end of the file)")))
        }
        return results
    }

    /// `XX  - value` (two upper-case letters or a letter and a digit, two spaces, a hyphen).
    static func tagLine(_ line: ArraySlice<UInt8>) -> (String, String)? {
        let b = Array(line)
        guard b.count >= 5, isUpperOrDigit(b[0]), isUpperOrDigit(b[1]), isASCIILetter(b[0]),
              b[2] == 0x20, b[3] == 0x20, b[4] == UInt8(ascii: "-") else { return nil }
        guard b.count == 5 || b[5] == 0x20 else { return nil }
        let tag = String(decoding: b[0..<2], as: UTF8.self)
        let value = b.count > 6 ? String(decoding: b[6...], as: UTF8.self).trimmingCharacters(in: .whitespaces) : ""
        return (tag, value)
    }

    private static func isUpperOrDigit(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || isASCIIDigit(c) }

    static func record(_ fields: [(tag: String, value: String)], location: SourceLocation) throws(RecordParseError) -> PaperRecord {
        func first(_ tags: [String]) -> String? {
            for t in tags { if let v = fields.first(where: { $0.tag == t && !$0.value.isEmpty })?.value { return v } }
            return nil
        }
        func all(_ tags: [String]) -> [String] {
            for t in tags {
                let vs = fields.filter { $0.tag == t && !$0.value.isEmpty }.map(\.value)
                if !vs.isEmpty { return vs }
            }
            return []
        }
        guard let title = first(["TI", "T1", "CT"]).map(FieldValues.collapseSpace) else {
            throw .missingField(location, field: "title (TI or T1)")
        }
        var year: Int?
        for t in ["PY", "Y1", "DA"] {
            if let v = first([t]) { year = try FieldValues.year(v, field: t, at: location); if year != nil { break } }
        }
        let doi = first(["DO"]).flatMap(FieldValues.doi)
        let keywords = fields.filter { $0.tag == "KW" }.flatMap { FieldValues.list($0.value) }
        let mapped: Set<String> = ["TI", "T1", "AB", "N2", "AU", "A1", "PY", "Y1", "DA", "DO", "KW", "ID", "TY"]
        let venueTag = ["JO", "JF", "T2"].first { first([$0]) != nil }
        var extra: [String: JSONValue] = [:]
        if let ty = first(["TY"]) { extra["entry_type"] = .string(ty) }
        var grouped: [String: [String]] = [:]
        for (tag, value) in fields where !mapped.contains(tag) && tag != venueTag && !value.isEmpty { grouped[tag, default: []].append(value) }
        for (tag, values) in grouped { extra[FieldValues.extraKey(tag)] = values.count == 1 ? .string(values[0]) : .array(values.map(JSONValue.string)) }
        let id = first(["ID"]) ?? FieldValues.derivedID(title: title, year: year, doi: doi)
        return PaperRecord(id: id, title: title, abstract: first(["AB", "N2"]).map(FieldValues.collapseSpace) ?? "",
                           authors: all(["AU", "A1"]).map(AuthorName.normalized), year: year,
                           venue: venueTag.flatMap { first([$0]) }, doi: doi, keywords: keywords, extra: extra)
    }
}
