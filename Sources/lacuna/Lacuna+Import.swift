import ArgumentParser
import LacunaText


/// `lacuna import FILE... [--dedupe]`: reads records in any supported format and writes
/// them normalised (record schema, JSON Lines by default in a pipe).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read paper records (JSON Lines, JSON, BibTeX, RIS, Scopus CSV, Web of Science, OpenAlex; gzip too) and write them normalised.",
        discussion: """
        Formats are detected from the extension (.jsonl .ndjson .json .bib .ris .csv .tsv .txt, \
        after stripping .gz) and the content; --input-format forces one. Records without an id get \
        one derived from the DOI, else a stable hash of title and year. Bad input stops with the file, \
        line and what was expected (exit 1); --skip-invalid skips bad records and lists them on stderr.
        """)

    @Argument(help: "Input files; '-' reads standard input.")
    var files: [String]

    @Flag(name: .long, help: "Drop duplicates (same DOI, else same normalised title and year); report them on stderr.")
    var dedupe = false

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Write to this file (atomically: complete or not at all) instead of standard output.")
    var out: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one input file ('-' for standard input)") }
    }

    func run() throws {
        let format = global.resolvedFormat(pipeDefault: .jsonl)
        var dedup = Deduplicator()
        var duplicates: [(file: String, kept: String, dropped: String, reason: String)] = []
        var skipped: [RecordParseError] = []
        var count = 0
        var buffered: [PaperRecord] = []
        do {
            try withOutput(to: out) { sink in
                if format == .json { try sink.write("[") }
                var line: [UInt8] = []
                for path in files {
                    var reader = try RecordReader(path: path, format: input.inputFormat, skipInvalid: input.skipInvalid)
                    global.progress.report("\(reader.file): reading as \(reader.detectedFormat.rawValue)")
                    while let record = try reader.next() {
                        if dedupe, let (kept, reason) = dedup.check(record) {
                            duplicates.append((reader.file, kept, record.id, reason))
                            continue
                        }
                        switch format {
                        case .jsonl, .json:
                            line.removeAll(keepingCapacity: true)
                            if format == .json { line.append(contentsOf: (count == 0 ? "\n" : ",\n").utf8) }
                            record.writeJSON(into: &line)
                            if format == .jsonl { line.append(0x0A) }
                            try sink.write(bytes: line)
                        case .table, .markdown, .csv:
                            buffered.append(record)
                        }
                        count += 1
                    }
                    skipped += reader.skipped
                }
                switch format {
                case .json: try sink.write(count == 0 ? "]\n" : "\n]\n")
                case .jsonl: break
                case .csv: try sink.write(ImportCommand.csvTable(buffered).csv())
                case .markdown: try sink.write(ImportCommand.summaryTable(buffered).markdown())
                case .table: try sink.write(ImportCommand.summaryTable(buffered).text())
                }
            }
        } catch let error as RecordParseError {
            printNote("error: \(error)")
            reportSkipped(skipped)
            throw ExitCode.failure
        } catch let error as OutputError {
            printNote("error: \(error)")
            throw ExitCode.failure
        }
        reportSkipped(skipped)
        for d in duplicates {
            printNote("\(d.file): duplicate '\(d.dropped)' dropped: \(d.reason) as '\(d.kept)'")
        }
        if dedupe { printNote("\(duplicates.count) duplicate\(duplicates.count == 1 ? "" : "s") dropped; \(count) record\(count == 1 ? "" : "s") written") }
        else { global.progress.report("\(count) records written") }
    }

    private func reportSkipped(_ skipped: [RecordParseError]) {
        guard !skipped.isEmpty else { return }
        printNote("skipped \(skipped.count) invalid record\(skipped.count == 1 ? "" : "s"):")
        for e in skipped { printNote("  \(e)") }
    }

    /// id / year / title / authors, for reading on a terminal.
    static func summaryTable(_ records: [PaperRecord]) -> TableRenderer {
        TableRenderer(headers: ["id", "year", "title", "authors"], rows: records.map { r in
            let authors = r.authors.isEmpty ? "" : r.authors[0] + (r.authors.count > 1 ? " et al." : "")
            return [r.id, r.year.map(String.init) ?? "", r.title, authors]
        })
    }

    /// Every field: the schema columns, then one column per extra field (JSON for non-strings).
    static func csvTable(_ records: [PaperRecord]) -> TableRenderer {
        let extraKeys = Set(records.flatMap(\.extra.keys)).subtracting(PaperRecord.schemaKeys).sorted()
        let rows: [[String]] = records.map { r in
            var row: [String] = [r.id, r.title, r.abstract, r.authors.joined(separator: "; ")]
            row.append(r.year.map(String.init) ?? "")
            row.append(r.venue ?? "")
            row.append(r.doi ?? "")
            row.append(r.keywords.joined(separator: "; "))
            row.append(r.strand ?? "")
            row.append(r.grade.map(String.init) ?? "")
            for k in extraKeys { row.append(r.extra[k]?.plainText ?? "") }
            return row
        }
        return TableRenderer(headers: PaperRecord.schemaKeys + extraKeys, rows: rows)
    }
}
