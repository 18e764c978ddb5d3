import ArgumentParser
import Foundation
import Lacuna
import LacunaText

/// `lacuna fit FILE... --out MODEL`: TF-IDF, randomized truncated SVD, strand centroids; writes the model.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit an LSA model (TF-IDF, then randomized truncated SVD) on paper records and write it.",
        discussion: """
        Records are vectorised from title and abstract (see the vectoriser options), the TF-IDF \
        matrix is reduced by a randomized truncated SVD (Halko et al. 2011; --power-iterations \
        passes of subspace iteration, svd_flip sign rule), and every record is folded in to a unit \
        embedding. Records with a `strand` label define the strands (centroid and cohesion); \
        --strands names them. The numerical choices (terms kept, factors kept and the energy they \
        discard) are printed on stderr. The model is written atomically: the file is either the \
        complete new model or left as it was. The same input, options and --seed give a \
        byte-identical model.
        """)

    @Argument(help: "Record files (any format `lacuna import` reads); '-' reads standard input.")
    var files: [String]

    @Option(name: .long, help: "Model file to write.")
    var out: String

    @Option(name: .long, help: "Latent dimensions k (default 3·√n clamped to 10...200, below min(n, terms)).")
    var dims: Int?

    @Option(name: .long, help: "Seed of the random sketch.")
    var seed: UInt64 = 0

    @Option(name: .customLong("power-iterations"), help: "Power iterations of the randomized SVD (scikit-learn's TruncatedSVD uses 5; more is more accurate on a flat spectrum).")
    var powerIterations: Int = 7

    @Option(name: .long, help: "Strand definitions: JSON Lines of {\"id\", \"name\", ...} (e.g. Corpus/strands.jsonl).")
    var strands: String?

    @OptionGroup var input: InputOptions

    @OptionGroup var vectorizer: VectorizerFlags

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one input file ('-' for standard input)") }
        if let dims, dims < 1 { throw ValidationError("--dims must be in 1...; got \(dims).") }
        if powerIterations < 0 { throw ValidationError("--power-iterations must be in 0...; got \(powerIterations).") }
    }

    /// What `fit` prints on standard output.
    struct Summary: Encodable {
        var model: String
        var documents: Int
        var vocabulary_size: Int
        var dims: Int
        var energy_discarded: Double
        var strands: [String]
        var seed: UInt64
    }

    func run() throws {
        let progress = global.progress
        // Bad flags fail before any input is read.
        let includeKeywords = try vectorizer.options().includeKeywords
        var names: [String: String] = [:]
        if let strands {
            do {
                for d in try StrandDefinition.read(path: strands) { names[d.id] = d.name }
            } catch {
                printNote("error: \(error)")
                throw ExitCode.failure
            }
        }
        // Stream the records, keeping only what the fit needs (text, id, strand label), so the
        // records' other fields are never all held at once.
        var texts: [String] = [], ids: [String] = [], labels: [String?] = []
        do {
            try forEachRecord(paths: files, format: input.inputFormat, skipInvalid: input.skipInvalid) { r in
                texts.append(r.text(includeKeywords: includeKeywords)); ids.append(r.id); labels.append(r.strand)
            }
        } catch {
            printNote("error: \(error)")
            throw ExitCode.failure
        }
        progress.report("read \(ids.count) records")
        let options = try vectorizer.options(lsaDocumentCount: ids.count)
        let fitter = LSAFitter(vectorizer: options,
                               lsa: LSAOptions(dimensions: dims, seed: seed, powerIterations: .count(powerIterations)),
                               strandNames: names)
        let model: LSAModel
        do {
            model = try fitter.fit(texts: consume texts, ids: ids, strands: labels) { line in
                if !global.quiet { printNote(line) }
            }
        } catch {
            throw Self.commandError(error)
        }
        let unnamed = model.strands.filter { $0.name == nil }.map(\.id)
        if strands != nil && !unnamed.isEmpty {
            printNote("warning: \(strands!) names no strand \(unnamed.joined(separator: ", ")) (labelled in the records)")
        }
        progress.report("writing \(out)")
        do {
            try ModelFile.write(model, to: out)
        } catch {
            printNote("error: \(error)")
            throw ExitCode.failure
        }
        let summary = Summary(model: out, documents: model.recordIDs.count, vocabulary_size: model.vectorizer.terms.count,
                              dims: model.dimensions, energy_discarded: ((1 - model.explainedEnergy) * 1e6).rounded() / 1e6,
                              strands: model.strands.map(\.id), seed: seed)
        let format = global.resolvedFormat(pipeDefault: .json)
        try withOutput { sink in
            switch format {
            case .json: try sink.write(JSONOutput.pretty(summary) + "\n")
            case .jsonl: try sink.write(JSONOutput.line(summary) + "\n")
            case .table, .csv, .markdown:
                let t = TableRenderer(headers: ["model", "documents", "terms", "dims", "energy discarded", "strands"], rows: [[
                    out, "\(summary.documents)", "\(summary.vocabulary_size)", "\(summary.dims)",
                    String(format: "%.1f %%", summary.energy_discarded * 100), summary.strands.joined(separator: " "),
                ]])
                try sink.write(format == .table ? t.text() : format == .csv ? t.csv() : t.markdown())
            }
        }
    }

    /// Fits, printing the numerical choices on stderr (unless quiet); an option out of range for
    /// this corpus is a bad flag (exit 64), anything else bad input (exit 1).
    static func fit(_ fitter: LSAFitter, _ records: [PaperRecord], quiet: Bool) throws -> LSAModel {
        do {
            // The vectoriser and factor lines are the numerical choices the user should see.
            return try fitter.fit(records) { line in if !quiet { printNote(line) } }
        } catch {
            throw commandError(error)
        }
    }

    /// The command-line error for a failed fit: an option out of range for this corpus is a bad
    /// flag (exit 64); anything else is reported on stderr as bad input (exit 1).
    static func commandError(_ error: LSAError) -> any Error {
        if case .invalidParameter = error { return ValidationError(error.description) }
        printNote("error: \(error)")
        return ExitCode.failure
    }
}
