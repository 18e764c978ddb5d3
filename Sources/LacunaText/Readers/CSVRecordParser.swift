import Foundation

/// Reads CSV files with a header row: Scopus exports or plain `title,abstract,...` tables.
///
/// Columns are matched by header name, case-insensitively:
/// `id`; `title` / `article title`; `abstract`; authors from `author full names` (Scopus,
/// "Family, Given (id); …"), else `authors`/`author` (split on `;`, or Scopus's older
/// "Walt S.M., Snyder G.H." style on `,`); `year`/`publication year`; venue from `venue`,
/// `source title`, `journal`; `doi`; keywords from `keywords`/`author keywords` (split on
/// `;`); `strand`; `grade`. The id is `id`, else Scopus's `EID`, else derived. Scopus's
/// "[No abstract available]" is an empty abstract. Every other non-empty column goes to
/// `extra` under its header. A row with more fields than the header is an error at its line.
enum CSVRecordParser {
    static func parse(_ text: [UInt8], file: String) throws(RecordParseError) -> [Result<PaperRecord, RecordParseError>] {
        let rows = try CSVParser().rows(text, file: file)
        guard let header = rows.first else { return [] }
        return map(rows: rows.dropFirst(), header: header.fields, file: file)
    }

    static func map(rows: ArraySlice<CSVParser.Row>, header: [String], file: String) -> [Result<PaperRecord, RecordParseError>] {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ candidates: [String]) -> Int? {
            for c in candidates { if let i = names.firstIndex(of: c) { return i } }
            return nil
        }
        let idCol = column(["id"]), eidCol = column(["eid"])
        let titleCol = column(["title", "article title", "document title"])
        let abstractCol = column(["abstract"])
        let fullNamesCol = column(["author full names"])
        let authorsCol = column(["authors", "author"])
        let yearCol = column(["year", "publication year"])
        let venueCol = column(["venue", "source title", "journal"])
        let doiCol = column(["doi"])
        let keywordsCol = column(["keywords", "author keywords"])
        let strandCol = column(["strand"]), gradeCol = column(["grade"])
        let authorCol = fullNamesCol ?? authorsCol
        let used = Set([idCol, titleCol, abstractCol, authorCol, yearCol, venueCol, doiCol, keywordsCol, strandCol, gradeCol].compactMap { $0 })

        return rows.compactMap { row -> Result<PaperRecord, RecordParseError>? in
            let location = SourceLocation(file: file, line: row.line)
            var fields = row.fields
            if fields.allSatisfy({ $0.isEmpty }) { return nil }
            while fields.count > header.count, fields.last?.isEmpty == true { fields.removeLast() }
            guard fields.count <= header.count else {
                return .failure(.syntax(location, expected: "\(header.count) fields as in the header", found: "\(fields.count)"))
            }
            func value(_ c: Int?) -> String? {
                guard let c, c < fields.count else { return nil }
                let v = fields[c].trimmingCharacters(in: .whitespacesAndNewlines)
                return v.isEmpty ? nil : v
            }
            return Result { () throws(RecordParseError) -> PaperRecord in
                guard let title = value(titleCol).map(FieldValues.collapseSpace) else { throw .missingField(location, field: "title") }
                let year = try value(yearCol).flatMap { v throws(RecordParseError) in try FieldValues.year(v, field: header[yearCol!], at: location) }
                var grade: Int?
                if let g = value(gradeCol) {
                    guard let n = Int(g), (0...2).contains(n) else {
                        throw .invalidField(location, field: "grade", expected: "0, 1 or 2", found: "'\(g)'")
                    }
                    grade = n
                }
                let doi = value(doiCol).flatMap(FieldValues.doi)
                var abstract = value(abstractCol).map(FieldValues.collapseSpace) ?? ""
                if abstract == "[No abstract available]" { abstract = "" }
                var authors: [String] = []
                if let a = value(authorCol) {
                    if authorCol == fullNamesCol {
                        authors = FieldValues.list(a).map { name in
                            // "Walt, Stephen M. (7003592476)" → "Walt, Stephen M."
                            var n = name
                            if n.hasSuffix(")"), let open = n.lastIndex(of: "(") { n = String(n[..<open]) }
                            return AuthorName.normalized(n)
                        }
                    } else if a.contains(";") {
                        authors = FieldValues.list(a).map(AuthorName.normalized)
                    } else {
                        authors = FieldValues.list(a, separators: [","]).map(AuthorName.normalized)
                    }
                    if a == "[No author name available]" { authors = [] }
                }
                var extra: [String: JSONValue] = [:]
                for (c, name) in header.enumerated() where !used.contains(c) && c < fields.count && !fields[c].isEmpty {
                    extra[FieldValues.extraKey(name.trimmingCharacters(in: .whitespaces))] = .string(fields[c])
                }
                let id = value(idCol) ?? value(eidCol) ?? FieldValues.derivedID(title: title, year: year, doi: doi)
                return PaperRecord(id: id, title: title, abstract: abstract, authors: authors, year: year,
                                   venue: value(venueCol), doi: doi, keywords: value(keywordsCol).map { FieldValues.list($0) } ?? [],
                                   strand: value(strandCol), grade: grade, extra: extra)
            }
        }
    }
}
