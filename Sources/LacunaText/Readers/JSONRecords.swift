/// How JSON objects become records.
enum JSONMapping: Sendable {
    /// Lacuna's record schema, or an OpenAlex work when the object looks like one.
    case auto
    /// Always an OpenAlex work.
    case openAlex

    /// The records one top-level JSON value holds: an object is one record, unless it is an
    /// OpenAlex results page (`{"results": [...]}`), whose works are the records.
    func records(from value: JSONValue, location: SourceLocation) -> [Result<PaperRecord, RecordParseError>] {
        switch value {
        case .object(let o):
            if case .array(let results)? = o["results"], o["title"] == nil {
                return results.map { record(from: $0, location: location) }
            }
            return [record(from: value, location: location)]
        case .array(let items):
            return items.map { record(from: $0, location: location) }
        default:
            return [.failure(.syntax(location, expected: "a JSON object (one record)", found: value.kindName))]
        }
    }

    /// One record from one JSON value.
    func record(from value: JSONValue, location: SourceLocation) -> Result<PaperRecord, RecordParseError> {
        guard case .object(let o) = value else {
            return .failure(.syntax(location, expected: "a JSON object (one record)", found: value.kindName))
        }
        do {
            if self == .openAlex || PaperRecord.looksLikeOpenAlexWork(o) {
                return .success(try PaperRecord(openAlexWork: o, location: location))
            }
            return .success(try PaperRecord(json: o, location: location))
        } catch {
            return .failure(error)
        }
    }
}

/// A JSON document: an array of records, one record, an OpenAlex results page, or several
/// such values one after another (which covers JSON Lines read as a whole).
///
/// Records are located at the line where their value starts. A JSON syntax error ends the
/// document (there is no safe place to resume), so it is thrown even with `skipInvalid`.
enum JSONDocumentParser {
    static func parse(_ text: [UInt8], file: String, mapping: JSONMapping) throws(RecordParseError) -> [Result<PaperRecord, RecordParseError>] {
        let index = LineIndex(text, file: file)
        var results: [Result<PaperRecord, RecordParseError>] = []
        let outcome: Result<Void, JSONParser.Failure> = text.withUnsafeBufferPointer { p in
            var parser = JSONParser(p, range: 0..<p.count)
            do throws(JSONParser.Failure) {
                while !parser.atEnd() {
                    let start = parser.offsetOfNextValue()
                    switch p[start] {
                    case UInt8(ascii: "["):
                        try parseArray(&parser, p: p, depth: 1, index: index, mapping: mapping, into: &results)
                    case UInt8(ascii: "{"):
                        try parseTopObject(&parser, p: p, index: index, mapping: mapping, into: &results)
                    default:
                        let v = try parser.parseValue(depth: 0)
                        results.append(.failure(.syntax(index.location(start), expected: "a JSON object or array of records", found: v.kindName)))
                    }
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let f) = outcome { throw f.error(index) }
        return results
    }

    /// An array of records, each located at its own first line.
    private static func parseArray(_ parser: inout JSONParser, p: UnsafeBufferPointer<UInt8>, depth: Int, index: LineIndex,
                                   mapping: JSONMapping, into results: inout [Result<PaperRecord, RecordParseError>]) throws(JSONParser.Failure) {
        _ = parser.consume(UInt8(ascii: "["))
        if parser.consume(UInt8(ascii: "]")) { return }
        while true {
            let start = parser.offsetOfNextValue()
            let v = try parser.parseValue(depth: depth)
            results.append(mapping.record(from: v, location: index.location(start, column: false)))
            if parser.consume(UInt8(ascii: ",")) { continue }
            if parser.consume(UInt8(ascii: "]")) { return }
            throw JSONParser.Failure(offset: parser.offsetOfNextValue(), expected: "',' or ']'")
        }
    }

    /// One record, or an OpenAlex page whose `results` array is read element by element.
    private static func parseTopObject(_ parser: inout JSONParser, p: UnsafeBufferPointer<UInt8>, index: LineIndex,
                                       mapping: JSONMapping, into results: inout [Result<PaperRecord, RecordParseError>]) throws(JSONParser.Failure) {
        let start = parser.offsetOfNextValue()
        // Look for a top-level "results" key holding an array, without building the page twice.
        var probe = parser
        _ = probe.consume(UInt8(ascii: "{"))
        var resultsOffset: Int?
        var hasTitle = false
        if !probe.consume(UInt8(ascii: "}")) {
            while true {
                _ = probe.offsetOfNextValue()
                guard probe.offsetOfNextValue() < p.count, p[probe.offsetOfNextValue()] == UInt8(ascii: "\"") else {
                    throw JSONParser.Failure(offset: probe.offsetOfNextValue(), expected: "a string key")
                }
                let key = try probe.parseString()
                guard probe.consume(UInt8(ascii: ":")) else { throw JSONParser.Failure(offset: probe.offsetOfNextValue(), expected: "':'") }
                let valueStart = probe.offsetOfNextValue()
                if key == "title" { hasTitle = true }
                if key == "results", valueStart < p.count, p[valueStart] == UInt8(ascii: "[") { resultsOffset = valueStart }
                _ = try probe.parseValue(depth: 1)
                if probe.consume(UInt8(ascii: ",")) { continue }
                if probe.consume(UInt8(ascii: "}")) { break }
                throw JSONParser.Failure(offset: probe.offsetOfNextValue(), expected: "',' or '}'")
            }
        }
        if let resultsOffset, !hasTitle {
            var inner = parser
            inner.seek(resultsOffset)
            try parseArray(&inner, p: p, depth: 2, index: index, mapping: mapping, into: &results)
        } else {
            let v = try parser.parseValue(depth: 0)
            results.append(mapping.record(from: v, location: index.location(start, column: false)))
        }
        parser = probe
    }
}
