import ArgumentParser
import Foundation
import Lacuna
import LacunaText

/// `lacuna similar ID|FILE... [--model M] [--top K]`: the corpus works nearest to fitted works
/// or to new records, by cosine in LSA space.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "The corpus works nearest to a fitted work (by id) or to new records (files), by cosine in LSA space.",
        discussion: """
        Each argument is the id of a work the model was fitted on, else a file of records (any \
        format `lacuna import` reads; '-' for standard input) whose records are folded into the \
        model's space (records the model already holds use their stored embedding). A query that \
        is a fitted work is left out of its own neighbours. Search is exact (blocked GEMM with a \
        bounded heap per query); ties go to the earlier corpus work.
        """)

    @Argument(help: "Work ids of the model, or record files ('-' reads standard input).")
    var queries: [String]

    @Option(name: .long, help: "Model file (default: $LACUNA_MODEL, else Models/default.lacuna).")
    var model: String?

    @Option(name: .long, help: "Neighbours per query.")
    var top: Int = 10

    @Option(name: .customLong("input-format"), help: "Force the input format of query files: \(InputFormat.allCases.map(\.rawValue).joined(separator: "|")).")
    var inputFormat: InputFormat?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if queries.isEmpty { throw ValidationError("give at least one work id or record file") }
        if top < 1 { throw ValidationError("--top must be in 1...; got \(top).") }
    }

    /// One neighbour as printed.
    struct Neighbour: Encodable {
        var rank: Int
        var id: String
        var similarity: Float
        var strand: String?
    }

    /// One query with its neighbours.
    struct Result: Encodable {
        var query: String
        var fitted: Bool
        var neighbors: [Neighbour]
    }

    /// A flat (query, neighbour) row for jsonl and csv.
    struct FlatRow: Encodable {
        var query: String
        var rank: Int
        var id: String
        var similarity: Float
        var strand: String?
    }

    func run() throws {
        let lsa = try Self.loadModel(explicit: model)
        // Resolve every argument first, so a bad one fails before any output.
        var ids: [String] = []
        var fittedRows: [Int?] = []
        var queryRecords: [(position: Int, record: PaperRecord)] = []
        for q in queries {
            if q != "-", let row = lsa.row(ofID: q) {
                ids.append(q); fittedRows.append(row)
                continue
            }
            var isDirectory: ObjCBool = false
            guard q == "-" || (FileManager.default.fileExists(atPath: q, isDirectory: &isDirectory) && !isDirectory.boolValue) else {
                printNote("error: '\(q)' is neither the id of a work in the model (\(lsa.recordIDs.count) works) nor a readable file.")
                throw ExitCode.failure
            }
            for r in try Self.readInput([q], format: inputFormat, skipInvalid: false) {
                queryRecords.append((ids.count, r))
                ids.append(r.id); fittedRows.append(lsa.row(ofID: r.id))
            }
        }
        guard !ids.isEmpty else {
            printNote("error: no query records in \(queries.joined(separator: ", "))")
            throw ExitCode.failure
        }
        var points = DenseMatrix(rows: ids.count, columns: lsa.dimensions)
        let d = lsa.dimensions
        for (i, row) in fittedRows.enumerated() {
            if let row { for j in 0..<d { points[i, j] = lsa.embeddings[row, j] } }
        }
        let folded = lsa.embed(queryRecords.map(\.record))
        for (t, q) in queryRecords.enumerated() { for j in 0..<d { points[q.position, j] = folded[t, j] } }

        let index = CosineIndex(normalizedRows: lsa.embeddings)
        let found = index.search(points, k: min(top + 1, lsa.recordIDs.count))
        var strandOf: [String: String] = [:]
        for s in lsa.strands { for m in s.members where strandOf[m] == nil { strandOf[m] = s.id } }
        let results: [Result] = ids.indices.map { i in
            let own = fittedRows[i]
            let kept = found[i].filter { $0.index != own }.prefix(top)
            return Result(query: ids[i], fitted: own != nil, neighbors: kept.enumerated().map { r, n in
                let id = lsa.recordIDs[n.index]
                return Neighbour(rank: r + 1, id: id, similarity: n.score, strand: strandOf[id])
            })
        }
        let flat = results.flatMap { r in r.neighbors.map { FlatRow(query: r.query, rank: $0.rank, id: $0.id, similarity: $0.similarity, strand: $0.strand) } }
        let format = global.resolvedFormat(pipeDefault: .jsonl)
        try withOutput { out in
            switch format {
            case .json: try out.write(JSONOutput.pretty(results) + "\n")
            case .jsonl: for r in flat { try out.write(JSONOutput.line(r) + "\n") }
            case .table, .csv, .markdown:
                let t = TableRenderer(headers: ["query", "rank", "id", "similarity", "strand"], rows: flat.map {
                    [$0.query, "\($0.rank)", $0.id, String(format: "%.4f", $0.similarity), $0.strand ?? ""]
                })
                try out.write(format == .table ? t.text() : format == .csv ? t.csv() : t.markdown())
            }
        }
    }

    /// The model named by `--model`, `$LACUNA_MODEL` or the bundled one; errors go to stderr (exit 1).
    static func loadModel(explicit: String?) throws -> LSAModel {
        do {
            return try ModelFile.read(ModelLocator.modelPath(explicit: explicit))
        } catch {
            printNote("error: \(error)")
            throw ExitCode.failure
        }
    }

    /// Every record of `paths`; a reader error (with its file and line) goes to stderr (exit 1).
    static func readInput(_ paths: [String], format: InputFormat?, skipInvalid: Bool) throws -> [PaperRecord] {
        do {
            return try readRecords(paths: paths, format: format, skipInvalid: skipInvalid)
        } catch {
            printNote("error: \(error)")
            throw ExitCode.failure
        }
    }
}
