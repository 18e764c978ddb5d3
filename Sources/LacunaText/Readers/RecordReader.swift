/// One step of a format parser.
enum ParseStep {
    /// A record.
    case record(PaperRecord)
    /// A bad record the parser could step over (skipped with `skipInvalid`, else thrown).
    case invalid(RecordParseError)
    /// No more records.
    case end
}

/// A format parser: yields records one at a time; throws for errors it cannot step over.
protocol RecordParsing: AnyObject {
    func nextStep() throws(RecordParseError) -> ParseStep
}

/// Records parsed ahead of time (formats read as a whole document).
final class ParsedRecords: RecordParsing {
    private var results: [Result<PaperRecord, RecordParseError>]
    private var index = 0
    init(_ results: [Result<PaperRecord, RecordParseError>]) { self.results = results }
    func nextStep() throws(RecordParseError) -> ParseStep {
        guard index < results.count else { return .end }
        defer { index += 1 }
        switch results[index] {
        case .success(let r): return .record(r)
        case .failure(let e): return .invalid(e)
        }
    }
}

/// Reads paper records from a file or standard input in any supported format, one at a time.
///
/// What happens to the bytes: gzip is recognised by its magic number and inflated as a stream
/// (a `.gz` name alone is not required); the text encoding is checked (UTF-8; UTF-16 with a
/// byte-order mark and Latin-1 are converted, with a note on stderr; see ``InputFormat``);
/// the format comes from `format`, else the file extension, else the content.
///
/// JSON Lines stream with bounded memory (about two 8 MiB chunks plus their records) and are
/// parsed in parallel; the other formats are read whole and parsed before the first record
/// is returned.
///
/// ```swift
/// var reader = try RecordReader(path: "refs.bib")
/// while let record = try reader.next() { print(record.title) }
/// ```
///
/// Errors name the file, the line (and column) and what was expected. A bad record (missing
/// title, wrong field type, …) throws from ``next()``, or with `skipInvalid` is stepped over
/// and collected in ``skipped``. Errors that leave no safe place to resume (invalid UTF-8,
/// corrupt gzip, an unterminated quote or brace that swallowed the rest of the file, a JSON
/// syntax error in a `.json` document) always throw.
public struct RecordReader {
    private let parser: any RecordParsing
    private let skipInvalid: Bool
    /// Bad records stepped over (only with `skipInvalid`).
    public private(set) var skipped: [RecordParseError] = []
    /// The format being read (given, or detected from the name and content).
    public let detectedFormat: InputFormat
    /// The file name used in messages (`<stdin>` for "-").
    public let file: String

    /// Opens `path` ("-" for standard input).
    /// - Parameters:
    ///   - format: forces the format instead of detecting it.
    ///   - skipInvalid: step over bad records instead of throwing.
    /// - Throws: ``RecordParseError`` when the file cannot be read, its format cannot be told,
    ///   or (for whole-document formats) it is malformed beyond a single record.
    public init(path: String, format: InputFormat? = nil, skipInvalid: Bool = false) throws(RecordParseError) {
        let source = try FileDescriptorSource(path: path)
        try self.init(source: source, file: source.file, extensionPath: path == "-" ? nil : path,
                      format: format, skipInvalid: skipInvalid, quietNotes: false)
    }

    /// Reads records from bytes in memory (tests, fuzzing); `name` is used in messages and,
    /// like a path, for its extension.
    public init(bytes: [UInt8], name: String = "<memory>", format: InputFormat? = nil, skipInvalid: Bool = false,
                quietNotes: Bool = false) throws(RecordParseError) {
        try self.init(source: MemorySource(bytes), file: name, extensionPath: name, format: format,
                      skipInvalid: skipInvalid, quietNotes: quietNotes)
    }

    private init(source raw: ByteSource, file: String, extensionPath: String?, format: InputFormat?,
                 skipInvalid: Bool, quietNotes: Bool) throws(RecordParseError) {
        self.file = file
        self.skipInvalid = skipInvalid
        var magic: [UInt8] = []
        _ = try raw.readFully(into: &magic, count: 2)
        var source: ByteSource = PrefixedSource(prefix: magic, rest: raw)
        if magic == [0x1F, 0x8B] { source = try GzipSource(upstream: source, file: file) }
        let decoder = TextDecoder(source: source, file: file, quietNotes: quietNotes)
        let head = Array((try decoder.peek() ?? []).prefix(1 << 16))
        let sniffed = InputFormat.sniff(head)
        var chosen: InputFormat
        if let format {
            chosen = format
        } else if let byName = extensionPath.flatMap(InputFormat.init(fileExtensionOf:)) {
            chosen = byName
            // JSON flavours: trust the content for the layout and for OpenAlex.
            if byName == .json || byName == .jsonl, let sniffed, sniffed == .json || sniffed == .jsonl || sniffed == .openalex {
                chosen = sniffed
            }
        } else if let sniffed {
            chosen = sniffed
        } else if head.allSatisfy(isASCIISpace) {
            chosen = .jsonl  // empty input: no records, whatever the format
        } else {
            throw .unknownFormat(file: file, reason: "no known extension, and the content looks like none of jsonl, json, bibtex, ris, csv, wos-tab, wos, openalex")
        }
        detectedFormat = chosen
        switch chosen {
        case .jsonl:
            parser = JSONLinesParser(decoder: decoder, file: file, mapping: .auto)
        case .openalex:
            // Forced: every object is a work. Detected: objects are told apart one by one, so a
            // file mixing works and records (or `import`'s own output) reads correctly.
            let mapping: JSONMapping = format == .openalex ? .openAlex : .auto
            var i = 0
            while i < head.count, isASCIISpace(head[i]) { i += 1 }
            if i < head.count, head[i] == UInt8(ascii: "{"), InputFormat.firstLineIsCompleteJSON(head, from: i) {
                parser = JSONLinesParser(decoder: decoder, file: file, mapping: mapping)
            } else {
                parser = ParsedRecords(try JSONDocumentParser.parse(try decoder.readAll(), file: file, mapping: mapping))
            }
        case .json:
            parser = ParsedRecords(try JSONDocumentParser.parse(try decoder.readAll(), file: file, mapping: .auto))
        case .bibtex:
            parser = ParsedRecords(try BibTeXParser.parse(try decoder.readAll(), file: file))
        case .ris:
            parser = ParsedRecords(try RISParser.parse(try decoder.readAll(), file: file))
        case .csv:
            parser = ParsedRecords(try CSVRecordParser.parse(try decoder.readAll(), file: file))
        case .wosTab:
            parser = ParsedRecords(try WoSTabParser.parse(try decoder.readAll(), file: file))
        case .wos:
            parser = ParsedRecords(try WoSTaggedParser.parse(try decoder.readAll(), file: file))
        }
    }

    /// The next record, or nil at the end of the input.
    /// - Throws: ``RecordParseError`` for a bad record (unless `skipInvalid`) or unreadable input.
    public mutating func next() throws(RecordParseError) -> PaperRecord? {
        while true {
            switch try parser.nextStep() {
            case .record(let r): return r
            case .end: return nil
            case .invalid(let e):
                guard skipInvalid else { throw e }
                skipped.append(e)
            }
        }
    }
}

/// Reads every record of every file, in order.
///
/// With `skipInvalid`, bad records are stepped over and each is noted on stderr together
/// with a count per file; without it, the first one throws.
/// - Complexity: O(total input); holds all records in memory (use ``RecordReader`` to stream).
public func readRecords(paths: [String], format: InputFormat? = nil, skipInvalid: Bool = false) throws(RecordParseError) -> [PaperRecord] {
    var all: [PaperRecord] = []
    try forEachRecord(paths: paths, format: format, skipInvalid: skipInvalid) { all.append($0) }
    return all
}

/// Streams every record of `paths` to `body`, one at a time, without holding them all; with
/// `skipInvalid`, skipped records are reported on stderr per file.
/// - Throws: the first ``RecordParseError`` (unless skipped).
public func forEachRecord(paths: [String], format: InputFormat? = nil, skipInvalid: Bool = false,
                          _ body: (PaperRecord) -> Void) throws(RecordParseError) {
    for path in paths {
        var reader = try RecordReader(path: path, format: format, skipInvalid: skipInvalid)
        while let r = try reader.next() { body(r) }
        if !reader.skipped.isEmpty {
            printNote("\(reader.file): skipped \(reader.skipped.count) invalid record\(reader.skipped.count == 1 ? "" : "s")")
            for e in reader.skipped { printNote("  \(e)") }
        }
    }
}
