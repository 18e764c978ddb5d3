import ArgumentParser
import Foundation
import LacunaKernels
import LacunaText

/// `lacuna vectorize FILE...`: TF-IDF terms per record, fitted on the input itself.
struct VectorizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectorize",
        abstract: "TF-IDF terms per record (vocabulary and idf fitted on the input).",
        discussion: """
        Each record's text is its title and abstract (and keywords with --keywords). With \
        --format jsonl (the default in a pipe) every record becomes {"id": ..., "terms": {"term": weight, ...}}, \
        terms by weight, highest first (ties by term); table, csv and markdown show each id with its top terms. \
        Terms are the vocabulary's: stems with the default English stemmer ("burden share"); \
        table and markdown show them in their most frequent unstemmed form ("burden sharing"). \
        Defaults follow scikit-learn's TfidfVectorizer except for the analyzer; see --token-pattern \
        to tokenise exactly like scikit-learn.
        """)

    @Argument(help: "Input files in any supported format; '-' reads standard input.")
    var files: [String]

    @OptionGroup var vectorizer: VectorizerFlags

    @Option(name: .long, help: "Terms per record to show (default: all in json/jsonl, 10 in table/csv/markdown).")
    var top: Int?

    @OptionGroup var input: InputOptions

    @Flag(name: .long, help: "Print one JSON line of counts and timings instead of the terms (for benchmarks).")
    var stats = false

    @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
    var out: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one input file ('-' for standard input)") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1; got \(top)") }
    }

    func run() throws {
        let options = try vectorizer.options()
        let format = global.resolvedFormat(pipeDefault: .jsonl)
        let progress = global.progress
        do {
            let t0 = DispatchTime.now()
            let records = try readRecords(paths: files, format: input.inputFormat, skipInvalid: input.skipInvalid)
            let texts = records.map { $0.text(includeKeywords: options.includeKeywords) }
            let t1 = DispatchTime.now()
            progress.report("read \(records.count) records in \(Self.seconds(t0, t1)) s")
            let (model, matrix) = try TfidfVectorizer(options: options).fitTransform(texts)
            let t2 = DispatchTime.now()
            progress.report("vectorised \(records.count) records: \(model.terms.count) terms, \(matrix.nonZeroCount) non-zeros in \(Self.seconds(t1, t2)) s")
            try withOutput(to: out) { sink in
                if stats {
                    let line = "{\"documents\":\(records.count),\"terms\":\(model.terms.count),\"nnz\":\(matrix.nonZeroCount),"
                        + "\"read_seconds\":\(Self.seconds(t0, t1)),\"fit_transform_seconds\":\(Self.seconds(t1, t2))}\n"
                    try sink.write(line)
                    return
                }
                try write(records: records, model: model, matrix: matrix, format: format, sink: sink)
            }
        } catch let error as RecordParseError {
            printNote("error: \(error)")
            throw ExitCode.failure
        } catch let error as VectorizerError {
            if case .invalidParameter = error { throw ValidationError(error.description) }
            printNote("error: \(error)")
            throw ExitCode.failure
        } catch let error as OutputError {
            printNote("error: \(error)")
            throw ExitCode.failure
        }
    }

    static func seconds(_ a: DispatchTime, _ b: DispatchTime) -> Double {
        (Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e6).rounded() / 1e3
    }

    /// Row `i`'s (term, weight) pairs by weight descending, then term.
    /// Row `i`'s (term, weight) pairs by weight descending, then term; `labels` (e.g. surface
    /// forms) replace the terms in the result when given.
    static func rankedTerms(row i: Int, of matrix: CSRMatrix, terms: [String], limit: Int?,
                            labels: [String]? = nil) -> [(String, Float)] {
        let (cols, vals) = matrix.row(i)
        var pairs = zip(cols, vals).map { (Int($0), $1) }
        pairs.sort { $0.1 != $1.1 ? $0.1 > $1.1 : terms[$0.0].utf8.lexicographicallyPrecedes(terms[$1.0].utf8) }
        if let limit, pairs.count > limit { pairs.removeSubrange(limit...) }
        return pairs.map { ((labels ?? terms)[$0.0], $0.1) }
    }

    private func write(records: [PaperRecord], model: TfidfModel, matrix: CSRMatrix, format: OutputFormat,
                       sink: ByteSink) throws {
        switch format {
        case .jsonl, .json:
            var line: [UInt8] = []
            if format == .json { try sink.write("[") }
            for (i, record) in records.enumerated() {
                line.removeAll(keepingCapacity: true)
                if format == .json { line.append(contentsOf: (i == 0 ? "\n" : ",\n").utf8) }
                line.append(contentsOf: "{\"id\":".utf8)
                Self.appendJSONString(record.id, to: &line)
                line.append(contentsOf: ",\"terms\":{".utf8)
                for (k, (term, weight)) in Self.rankedTerms(row: i, of: matrix, terms: model.terms, limit: top).enumerated() {
                    if k > 0 { line.append(UInt8(ascii: ",")) }
                    Self.appendJSONString(term, to: &line)
                    line.append(UInt8(ascii: ":"))
                    line.append(contentsOf: "\(weight)".utf8)
                }
                line.append(contentsOf: "}}".utf8)
                if format == .jsonl { line.append(0x0A) }
                try sink.write(bytes: line)
            }
            if format == .json { try sink.write(records.isEmpty ? "]\n" : "\n]\n") }
        case .table, .csv, .markdown:
            let limit = top ?? 10
            let rows = records.enumerated().map { i, r -> [String] in
                // Tables for reading show each term's most frequent unstemmed form.
                let terms = Self.rankedTerms(row: i, of: matrix, terms: model.terms, limit: limit,
                                             labels: format == .csv ? nil : model.surfaceForms)
                let cell = format == .csv
                    ? terms.map { "\($0.0)=\($0.1)" }.joined(separator: "; ")
                    : terms.map { "\($0.0) (\(String(format: "%.2f", $0.1)))" }.joined(separator: ", ")
                return [r.id, cell]
            }
            let table = TableRenderer(headers: ["id", "top terms"], rows: rows)
            switch format {
            case .csv: try sink.write(table.csv())
            case .markdown: try sink.write(table.markdown())
            default: try sink.write(table.text(maxColumnWidth: 120))
            }
        }
    }

    /// Appends `s` as a JSON string (escaping `"`, `\` and control characters).
    static func appendJSONString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
