import Foundation

/// Reads Web of Science tab-delimited exports ("Tab-delimited file"): a header of two-letter
/// field tags (`PT AU AF TI SO DE ID AB PY DI UT …`), one record per line, fields separated by
/// tabs and never quoted (quotes are literal text). UTF-8 BOM and CRLF are accepted.
///
/// Mapping: `TI` title, `AB` abstract, `AF` (full names) else `AU` authors split on `;`,
/// `PY` year, `SO` venue, `DI` DOI, `DE` keywords (`;`), `UT` id (e.g. `WOS:000123…`), else
/// derived; other non-empty fields go to `extra` under their tag (`ID` is Keywords Plus).
enum WoSTabParser {
    static func parse(_ text: [UInt8], file: String) throws(RecordParseError) -> [Result<PaperRecord, RecordParseError>] {
        var lines: [(fields: [String], line: Int)] = []
        for (number, line) in TextLines(text) where !line.isEmpty {
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            lines.append((fields, number))
        }
        guard let header = lines.first else { return [] }
        let tags = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard tags.first == "PT" || tags.contains("TI") else {
            return [.failure(.syntax(SourceLocation(file: file, line: header.line, column: 1),
                                     expected: "a Web of Science header of field tags ('PT', 'AU', 'TI', …)", found: quoted(Array((tags.first ?? "").utf8))))]
        }
        return lines.dropFirst().map { row -> Result<PaperRecord, RecordParseError> in
            let location = SourceLocation(file: file, line: row.line)
            var fields = row.fields
            while fields.count > tags.count, fields.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { fields.removeLast() }
            guard fields.count <= tags.count else {
                return .failure(.syntax(location, expected: "at most \(tags.count) tab-separated fields as in the header", found: "\(fields.count)"))
            }
            var values: [String: String] = [:]
            for (i, f) in fields.enumerated() {
                let v = f.trimmingCharacters(in: .whitespaces)
                if !v.isEmpty, !tags[i].isEmpty { values[tags[i]] = v }
            }
            return Result { () throws(RecordParseError) in try WoSFields.record(values, multi: [:], location: location) }
        }
    }
}

/// The Web of Science field mapping shared by the tab-delimited and tagged readers.
enum WoSFields {
    /// `values`: one string per tag (multi-valued tags joined by "; "); `multi`: the separate
    /// values of multi-line tags in tagged files (AU, AF, …), when known.
    static func record(_ values: [String: String], multi: [String: [String]], location: SourceLocation) throws(RecordParseError) -> PaperRecord {
        guard let title = values["TI"].map(FieldValues.collapseSpace), !title.isEmpty else { throw .missingField(location, field: "title (TI)") }
        let year = try values["PY"].flatMap { v throws(RecordParseError) in try FieldValues.year(v, field: "PY", at: location) }
        let doi = values["DI"].flatMap(FieldValues.doi)
        let authorTag = values["AF"] != nil ? "AF" : "AU"
        let authors = (multi[authorTag] ?? values[authorTag].map { FieldValues.list($0) } ?? []).map(AuthorName.normalized)
        let mapped: Set<String> = ["TI", "PY", "DI", "AB", "SO", "DE", "UT", authorTag]
        var extra: [String: JSONValue] = [:]
        for (tag, v) in values where !mapped.contains(tag) {
            if let m = multi[tag], m.count > 1 { extra[tag] = .array(m.map(JSONValue.string)) } else { extra[tag] = .string(v) }
        }
        let id = values["UT"] ?? FieldValues.derivedID(title: title, year: year, doi: doi)
        return PaperRecord(id: id, title: title, abstract: values["AB"].map(FieldValues.collapseSpace) ?? "", authors: authors,
                           year: year, venue: values["SO"], doi: doi, keywords: values["DE"].map { FieldValues.list($0) } ?? [],
                           extra: extra)
    }
}
