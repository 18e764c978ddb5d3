import ArgumentParser
import Foundation
import Lacuna
import LacunaText

/// `lacuna info [MODEL]`: verifies every checksum of a model file and describes it.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Verify a model file (every CRC-32) and show its dims, vocabulary, singular values, options and provenance.",
        discussion: """
        Without MODEL, the model is found as every command finds it: $LACUNA_MODEL, else \
        Models/default.lacuna in the package above the working directory or the executable. \
        A truncated, corrupted, foreign or newer-format file is reported with what is wrong (exit 1).
        """)

    @Argument(help: "The model file (default: $LACUNA_MODEL, else the bundled Models/default.lacuna).")
    var model: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let info: ModelFileInfo
        do {
            info = try ModelFile.inspect(try model ?? ModelLocator.modelPath(explicit: nil))
        } catch {
            printNote("error: \(error)")
            throw ExitCode.failure
        }
        let format = global.resolvedFormat(pipeDefault: .json)
        try withOutput { out in try InfoReport(info: info).write(to: out, format: format) }
    }
}

/// The output of `lacuna info`.
struct InfoReport {
    var info: ModelFileInfo

    struct JSONShape: Encodable {
        struct Options: Encodable { var lsa: LSAOptions; var vectorizer: TfidfVectorizer.Options }
        struct Provenance: Encodable {
            var lacuna_version: String, blas_core: String, blas_threads: Int, svd_passes: Int, total_energy: Double
        }
        struct Section: Encodable { var tag: String, offset: Int, length: Int, crc32: String, ok: Bool }
        struct StrandRow: Encodable { var id: String, name: String?, size: Int, cohesion: Float }
        var path: String, format_version: UInt32, file_size: Int
        var dims: Int, vocabulary_size: Int, documents: Int, records: Int
        var singular_values: [Float], explained_energy: Double
        var options: Options, provenance: Provenance
        var sections: [Section], strands: [StrandRow]
    }

    var shape: JSONShape {
        let p = info.provenance
        return JSONShape(
            path: info.path, format_version: info.formatVersion, file_size: info.fileSize,
            dims: info.dimensions, vocabulary_size: info.vocabularySize, documents: info.documents, records: info.records,
            singular_values: info.singularValues, explained_energy: info.explainedEnergy,
            options: .init(lsa: info.lsaOptions, vectorizer: info.vectorizerOptions),
            provenance: .init(lacuna_version: p.lacunaVersion, blas_core: p.blasCore, blas_threads: p.blasThreads,
                              svd_passes: p.svdPasses, total_energy: p.totalEnergy),
            sections: info.sections.map { .init(tag: $0.tag, offset: $0.offset, length: $0.length, crc32: crcHex($0.crc32), ok: $0.ok) },
            strands: info.strands.map { .init(id: $0.id, name: $0.name, size: $0.size, cohesion: $0.cohesion) })
    }

    /// Field / value rows of the summary.
    var summary: [[String]] {
        let i = info, p = info.provenance, v = info.vectorizerOptions, a = v.analyzer
        let sigma = i.singularValues.prefix(8).map { String(format: "%.4g", Double($0)) }.joined(separator: ", ")
            + (i.singularValues.count > 8 ? ", … (\(i.singularValues.count))" : "")
        func df(_ d: TfidfVectorizer.DocumentFrequency) -> String {
            switch d {
            case .count(let c): return "\(c) documents"
            case .proportion(let q): return "\(q) of documents"
            }
        }
        let stop: String
        switch a.stopWords {
        case .english: stop = "english (Lacuna)"
        case .sklearn: stop = "sklearn"
        case .none: stop = "none"
        case .custom(let w): stop = "custom (\(w.count) words)"
        }
        let power: String
        switch i.lsaOptions.powerIterations {
        case .auto: power = "auto"
        case .count(let q): power = "\(q)"
        }
        return [
            ["file", "\(i.path) (\(i.fileSize) bytes, format \(i.formatVersion), all \(i.sections.count) checksums ok)"],
            ["dims", "\(i.dimensions)"],
            ["vocabulary", "\(i.vocabularySize) terms"],
            ["corpus", "\(i.documents) documents, \(i.records) embedded records"],
            ["singular values", sigma],
            ["explained energy", String(format: "%.1f %%", i.explainedEnergy * 100)],
            ["LSA", "seed \(i.lsaOptions.seed), oversamples \(i.lsaOptions.oversamples), power iterations \(power)"],
            ["TF-IDF", "min-df \(df(v.minDocumentFrequency)), max-df \(df(v.maxDocumentFrequency)), max-features \(v.maxFeatures.map(String.init) ?? "all"), "
                + "sublinear tf \(v.sublinearTF), smooth idf \(v.smoothIDF), norm \(v.norm.rawValue), keywords \(v.includeKeywords)"],
            ["analyzer", "stemmer \(a.stemmer.rawValue), stop words \(stop), n-grams \(a.ngramRange.lowerBound)-\(a.ngramRange.upperBound), "
                + "token pattern \(a.tokenPattern ?? "Lacuna's"), fold diacritics \(a.foldDiacritics), lowercase \(a.lowercase)"],
            ["made by", "Lacuna \(p.lacunaVersion), OpenBLAS core \(p.blasCore), \(p.blasThreads) BLAS thread\(p.blasThreads == 1 ? "" : "s"), \(p.svdPasses) SVD passes"],
            ["strands", i.strands.isEmpty ? "none" : i.strands.map(\.id).joined(separator: ", ")],
        ]
    }

    var sectionTable: TableRenderer {
        TableRenderer(headers: ["section", "offset", "length", "crc32", "ok"],
                      rows: info.sections.map { [$0.tag, "\($0.offset)", "\($0.length)", crcHex($0.crc32), $0.ok ? "ok" : "BAD"] })
    }

    var strandTable: TableRenderer {
        TableRenderer(headers: ["strand", "name", "size", "cohesion"],
                      rows: info.strands.map { [$0.id, $0.name ?? "", "\($0.size)", String(format: "%.3f", Double($0.cohesion))] })
    }

    func write(to out: ByteSink, format: OutputFormat) throws {
        switch format {
        case .json: try out.write(try JSONOutput.pretty(shape) + "\n")
        case .jsonl: try out.write(try JSONOutput.line(shape) + "\n")
        case .csv: try out.write(TableRenderer(headers: ["field", "value"], rows: summary).csv())
        case .markdown:
            try out.write(TableRenderer(headers: ["field", "value"], rows: summary).markdown() + "\n")
            try out.write(sectionTable.markdown())
            if !info.strands.isEmpty { try out.write("\n" + strandTable.markdown()) }
        case .table:
            let width = summary.map { $0[0].count }.max() ?? 0
            for row in summary {
                try out.write(row[0] + String(repeating: " ", count: width - row[0].count) + "  " + row[1] + "\n")
            }
            try out.write("\n" + sectionTable.text())
            if !info.strands.isEmpty { try out.write("\n" + strandTable.text()) }
        }
    }
}

private func crcHex(_ v: UInt32) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 8 - s.count) + s
}
