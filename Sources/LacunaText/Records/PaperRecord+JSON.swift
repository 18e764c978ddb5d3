import Foundation

extension PaperRecord {
    /// The record-schema keys, in the order ``jsonLine()`` writes them.
    public static let schemaKeys = ["id", "title", "abstract", "authors", "year", "venue", "doi", "keywords", "strand", "grade"]

    /// A record from a JSON object in the record schema.
    ///
    /// `title` is required (a missing, null or blank title is ``RecordParseError/missingField(_:field:)``).
    /// A missing `id` is derived (see ``derivedID(title:year:doi:)``). `abstract` may be missing
    /// or null. `authors` and `keywords` are arrays of strings (a single string is split on `;`).
    /// `year` and `grade` are integers (`year` may be a string holding a year; `grade` must be
    /// 0, 1 or 2). Numbers given as ids become strings. Every other key goes to ``extra``.
    /// - Throws: ``RecordParseError`` at `location` when the value is not an object or a field
    ///   has the wrong type.
    public init(json: JSONValue, location: SourceLocation) throws(RecordParseError) {
        guard case .object(let object) = json else {
            throw .syntax(location, expected: "a JSON object (one record)", found: json.kindName)
        }
        try self.init(json: object, location: location)
    }

    /// A record from the members of a JSON object; see ``init(json:location:)-(JSONValue,_)``.
    public init(json object: [String: JSONValue], location: SourceLocation) throws(RecordParseError) {
        var fields = SchemaFields()
        for (k, v) in object {
            if let slot = PaperRecord.schemaKeys.firstIndex(of: k) { fields[slot] = v } else { fields.extra[k] = v }
        }
        try self.init(fields: fields, location: location)
    }

    /// A record from the schema's slots of a parsed JSON object.
    init(fields: SchemaFields, location: SourceLocation) throws(RecordParseError) {
        func string(_ slot: Int) throws(RecordParseError) -> String? {
            switch fields[slot] {
            case nil, .null?: return nil
            case .string(let s)?: return s
            case .number(let d)? where slot == 0 && d == d.rounded() && abs(d) < 1e15: return String(Int64(d))
            case let v?: throw .invalidField(location, field: PaperRecord.schemaKeys[slot], expected: "a string", found: v.kindName)
            }
        }
        func strings(_ slot: Int) throws(RecordParseError) -> [String] {
            switch fields[slot] {
            case nil, .null?: return []
            case .string(let s)?: return FieldValues.list(s)
            case .array(let items)?:
                var out: [String] = []
                out.reserveCapacity(items.count)
                for item in items {
                    guard case .string(let s) = item else {
                        throw .invalidField(location, field: PaperRecord.schemaKeys[slot], expected: "an array of strings", found: "an array holding \(item.kindName)")
                    }
                    out.append(s)
                }
                return out
            case let v?: throw .invalidField(location, field: PaperRecord.schemaKeys[slot], expected: "an array of strings", found: v.kindName)
            }
        }
        func integer(_ slot: Int) throws(RecordParseError) -> Int? {
            switch fields[slot] {
            case nil, .null?: return nil
            case .number(let d)? where d == d.rounded() && abs(d) < 1e9: return Int(d)
            case .string(let s)? where slot == 4: return try FieldValues.year(s, field: "year", at: location)
            case let v?: throw .invalidField(location, field: PaperRecord.schemaKeys[slot], expected: "an integer", found: v.description)
            }
        }
        guard let title = try string(1), !title.allSatisfy(\.isWhitespace) else {
            throw .missingField(location, field: "title")
        }
        let year = try integer(4)
        let doi = try string(6).flatMap(FieldValues.doi)
        let grade = try integer(9)
        if let grade, !(0...2).contains(grade) {
            throw .invalidField(location, field: "grade", expected: "0, 1 or 2", found: String(grade))
        }
        var id = try string(0) ?? ""
        if id.isEmpty { id = FieldValues.derivedID(title: title, year: year, doi: doi) }
        self.init(id: id, title: title, abstract: try string(2) ?? "", authors: try strings(3),
                  year: year, venue: try string(5), doi: doi, keywords: try strings(7),
                  strand: try string(8), grade: grade, extra: fields.extra)
    }

    static let schemaKeySet = Set(schemaKeys)

    /// The id used when a source gives none: the DOI in lower case, else `h` + 16 hex digits
    /// of the 64-bit FNV-1a hash of the normalised title, `|` and the year (stable everywhere).
    public static func derivedID(title: String, year: Int?, doi: String?) -> String {
        FieldValues.derivedID(title: title, year: year, doi: doi)
    }

    /// The record as one line of JSON (no trailing newline) in the record schema: `id`, `title`,
    /// `abstract`, `authors`, `year`, `venue`, `doi`, `keywords`, `strand`, `grade` in that order
    /// (optional ones omitted when nil), then the extra fields sorted by key (an extra field
    /// named like a schema key is left out: the schema's value wins).
    /// Non-ASCII text is written as is; only `"`, `\` and control characters are escaped.
    /// - Complexity: O(size of the record).
    public func jsonLine() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(title.utf8.count + abstract.utf8.count + 256)
        writeJSON(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``jsonLine()``'s bytes to `out`.
    public func writeJSON(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        JSONWriter.key("id", &out); JSONWriter.string(id, &out)
        out.append(UInt8(ascii: ",")); JSONWriter.key("title", &out); JSONWriter.string(title, &out)
        out.append(UInt8(ascii: ",")); JSONWriter.key("abstract", &out); JSONWriter.string(abstract, &out)
        out.append(UInt8(ascii: ",")); JSONWriter.key("authors", &out); JSONWriter.strings(authors, &out)
        if let year { out.append(UInt8(ascii: ",")); JSONWriter.key("year", &out); out.append(contentsOf: String(year).utf8) }
        if let venue { out.append(UInt8(ascii: ",")); JSONWriter.key("venue", &out); JSONWriter.string(venue, &out) }
        if let doi { out.append(UInt8(ascii: ",")); JSONWriter.key("doi", &out); JSONWriter.string(doi, &out) }
        out.append(UInt8(ascii: ",")); JSONWriter.key("keywords", &out); JSONWriter.strings(keywords, &out)
        if let strand { out.append(UInt8(ascii: ",")); JSONWriter.key("strand", &out); JSONWriter.string(strand, &out) }
        if let grade { out.append(UInt8(ascii: ",")); JSONWriter.key("grade", &out); out.append(contentsOf: String(grade).utf8) }
        for k in extra.keys.sorted() where !PaperRecord.schemaKeySet.contains(k) {
            out.append(UInt8(ascii: ","))
            JSONWriter.key(k, &out)
            JSONWriter.value(extra[k]!, &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}

/// The members of a parsed record object: one slot per schema key (in ``PaperRecord/schemaKeys``
/// order) and the other members.
struct SchemaFields {
    var id, title, abstract, authors, year, venue, doi, keywords, strand, grade: JSONValue?
    var extra: [String: JSONValue] = [:]
    /// An OpenAlex-only key was seen (`abstract_inverted_index`, `authorships`).
    var looksOpenAlex = false

    subscript(slot: Int) -> JSONValue? {
        get {
            switch slot {
            case 0: return id
            case 1: return title
            case 2: return abstract
            case 3: return authors
            case 4: return year
            case 5: return venue
            case 6: return doi
            case 7: return keywords
            case 8: return strand
            default: return grade
            }
        }
        set {
            switch slot {
            case 0: id = newValue
            case 1: title = newValue
            case 2: abstract = newValue
            case 3: authors = newValue
            case 4: year = newValue
            case 5: venue = newValue
            case 6: doi = newValue
            case 7: keywords = newValue
            case 8: strand = newValue
            default: grade = newValue
            }
        }
    }

    /// All members as one dictionary.
    var object: [String: JSONValue] {
        var o = extra
        for slot in 0..<10 { if let v = self[slot] { o[PaperRecord.schemaKeys[slot]] = v } }
        return o
    }
}

extension JSONValue {
    /// "a string", "an array", … for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Compact JSON text of the value.
    var description: String {
        var out: [UInt8] = []
        JSONWriter.value(self, &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The value as plain text (strings as is, other values as JSON) for table-like outputs.
    public var plainText: String {
        if case .string(let s) = self { return s }
        return description
    }
}

/// Compact JSON writing over bytes.
enum JSONWriter {
    static func key(_ k: String, _ out: inout [UInt8]) {
        string(k, &out)
        out.append(UInt8(ascii: ":"))
    }

    static func strings(_ items: [String], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (n, s) in items.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            string(s, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            var runStart = 0
            for k in 0..<u.count {
                let b = u[k]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                if runStart < k { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<k])) }
                runStart = k + 1
                switch b {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
            }
            if runStart < u.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<u.count])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func value(_ v: JSONValue, _ out: inout [UInt8]) {
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let d):
            if d == d.rounded(), abs(d) < 1e15 { out.append(contentsOf: String(Int64(d)).utf8) }
            else { out.append(contentsOf: "\(d)".utf8) }
        case .string(let s): string(s, &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (n, x) in a.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                value(x, &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (n, k) in o.keys.sorted().enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                key(k, &out)
                value(o[k]!, &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
