extension PaperRecord {
    /// A record from an OpenAlex work object (the `/works` API or a snapshot line).
    ///
    /// - `id`: the short OpenAlex id (`W2741809807` from `https://openalex.org/W2741809807`);
    /// - `title`: `title`, else `display_name`;
    /// - `abstract`: rebuilt from `abstract_inverted_index` (each word placed at each of its
    ///   positions, joined by single spaces); empty when null;
    /// - `authors`: `authorships[].author.display_name`, normalised to "Family, Given";
    /// - `year`: `publication_year`; `venue`: `primary_location.source.display_name`;
    /// - `doi`: without the `https://doi.org/` prefix; `keywords`: `keywords[].display_name`.
    /// Other top-level fields (and `authorships`, `primary_location`) are kept in ``extra``;
    /// those named like a schema key keep their detail as `openalex_<name>` (`openalex_keywords`);
    /// the raw `abstract_inverted_index` is not kept, since `abstract` replaces it.
    /// - Throws: ``RecordParseError`` when the work has no title or a field has the wrong type.
    public init(openAlexWork object: [String: JSONValue], location: SourceLocation) throws(RecordParseError) {
        func string(_ v: JSONValue?, _ field: String) throws(RecordParseError) -> String? {
            switch v {
            case nil, .null?: return nil
            case .string(let s)?: return s
            case let v?: throw .invalidField(location, field: field, expected: "a string", found: v.kindName)
            }
        }
        var title = try string(object["title"], "title")
        if title?.allSatisfy(\.isWhitespace) ?? true { title = try string(object["display_name"], "display_name") }
        guard let title, !title.allSatisfy(\.isWhitespace) else { throw .missingField(location, field: "title") }

        var abstract = ""
        switch object["abstract_inverted_index"] {
        case nil, .null?: break
        case .object(let index)?:
            var placed: [(Int, String)] = []
            for (word, positions) in index {
                guard case .array(let ps) = positions else {
                    throw .invalidField(location, field: "abstract_inverted_index", expected: "arrays of positions", found: positions.kindName)
                }
                for p in ps {
                    guard case .number(let d) = p, d >= 0, d == d.rounded(), d < 1e7 else {
                        throw .invalidField(location, field: "abstract_inverted_index", expected: "integer positions", found: p.description)
                    }
                    placed.append((Int(d), word))
                }
            }
            placed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            abstract = placed.map(\.1).joined(separator: " ")
        case let v?:
            throw .invalidField(location, field: "abstract_inverted_index", expected: "an object", found: v.kindName)
        }

        var authors: [String] = []
        if case .array(let ships)? = object["authorships"] {
            for ship in ships {
                if case .object(let s) = ship, case .object(let a)? = s["author"],
                   case .string(let name)? = a["display_name"], !name.isEmpty {
                    authors.append(AuthorName.normalized(name))
                }
            }
        }
        var year: Int?
        switch object["publication_year"] {
        case nil, .null?: break
        case .number(let d)? where d == d.rounded() && abs(d) < 1e5: year = Int(d)
        case let v?: throw .invalidField(location, field: "publication_year", expected: "an integer", found: v.description)
        }
        var venue: String?
        if case .object(let loc)? = object["primary_location"], case .object(let src)? = loc["source"],
           case .string(let name)? = src["display_name"] {
            venue = name
        }
        let doi = try string(object["doi"], "doi").flatMap(FieldValues.doi)
        var keywords: [String] = []
        if case .array(let ks)? = object["keywords"] {
            for k in ks {
                if case .object(let o) = k, case .string(let name)? = o["display_name"] { keywords.append(name) }
                else if case .string(let s) = k { keywords.append(s) }
            }
        }
        var id = try string(object["id"], "id") ?? ""
        if let slash = id.lastIndex(of: "/"), id.hasPrefix("http") { id = String(id[id.index(after: slash)...]) }
        if id.isEmpty { id = FieldValues.derivedID(title: title, year: year, doi: doi) }
        var grade: Int?
        if case .number(let g)? = object["grade"] {
            guard g == g.rounded(), (0...2).contains(g) else {
                throw .invalidField(location, field: "grade", expected: "0, 1 or 2", found: JSONValue.number(g).description)
            }
            grade = Int(g)
        }
        var extra: [String: JSONValue] = [:]
        let mapped: Set<String> = ["id", "title", "display_name", "abstract_inverted_index", "publication_year", "doi", "strand", "grade"]
        for (k, v) in object where !mapped.contains(k) {
            // OpenAlex fields that share a name with the schema's keep their detail under another name.
            extra[PaperRecord.schemaKeySet.contains(k) ? "openalex_" + k : k] = v
        }
        if case .string(let full)? = object["id"], full != id { extra["openalex_id"] = .string(full) }
        self.init(id: id, title: title, abstract: abstract, authors: authors, year: year, venue: venue, doi: doi,
                  keywords: keywords, strand: try string(object["strand"], "strand"), grade: grade, extra: extra)
    }

    /// Whether a JSON object looks like an OpenAlex work rather than a record in Lacuna's schema:
    /// it has none of the schema's own keys `abstract`, `authors`, `year`, `venue` (which works
    /// never have, and which `import` always writes), and its id is an OpenAlex URL or it has an
    /// `abstract_inverted_index`.
    static func looksLikeOpenAlexWork(_ object: [String: JSONValue]) -> Bool {
        if object["abstract"] != nil || object["authors"] != nil || object["year"] != nil || object["venue"] != nil { return false }
        if case .string(let id)? = object["id"], id.hasPrefix("https://openalex.org/") { return true }
        return object["abstract_inverted_index"] != nil
    }
}
