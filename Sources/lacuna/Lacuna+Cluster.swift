import ArgumentParser
import Foundation
import Lacuna
import LacunaText

/// `lacuna cluster FILE... [--model M] [--k N | --k-range A..B]`: spherical k-means in LSA space,
/// with c-TF-IDF labels, silhouettes and the strand each cluster maps to.
struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster records in LSA space: sizes, members, label terms, silhouettes and the strand each cluster maps to.",
        discussion: """
        Without --model the records are fitted on first (TF-IDF with the vectoriser options, then \
        a --dims randomized SVD); with one, records the model holds use their stored embeddings \
        and new ones are folded in. Clustering is spherical k-means (cosine; k-means++ seeding, \
        --restarts runs, the lowest inertia kept), seeded by --seed.
        k: --k, or the best mean silhouette over --k-range A..B (the curve goes to stderr, and to \
        "k_curve" in json); by default the number of strands when strands are known (the model's, \
        or the records' own `strand` labels), else ⌈√(n/2)⌉ clamped to 2...40.
        Labels are class-based TF-IDF terms (frequent in the cluster, rare in the others) in their \
        unstemmed form. Silhouettes use the cosine distance and are exact (computed from cluster \
        sums in O(n·k·d), no sampling). A cluster maps to the strand most of its members belong to \
        (their own label, else their nearest strand centroid): "strand_share" is that share, \
        "strand_cosine" the cosine between the two centroids.
        Formats: json {"k", "clusters": [...], "assignments": {id: cluster}}; jsonl one cluster \
        per line; csv and markdown one row per cluster.
        """)

    @Argument(help: "Record files (any format `lacuna import` reads); '-' reads standard input.")
    var files: [String]

    @Option(name: .long, help: "Cluster in this model's space instead of fitting on the input.")
    var model: String?

    @Option(name: .long, help: "Number of clusters (default: number of strands, else ⌈√(n/2)⌉ in 2...40).")
    var k: Int?

    @Option(name: .customLong("k-range"), help: "Try every k in A..B and keep the best mean silhouette.")
    var kRange: String?

    @Option(name: .long, help: "Seed of the k-means++ seeding (and of the SVD when fitting).")
    var seed: UInt64 = 0

    @Option(name: .long, help: "k-means restarts; the lowest inertia is kept.")
    var restarts: Int = ClusterOptions().restarts

    @Option(name: .long, help: "Label terms per cluster.")
    var terms: Int = ClusterOptions().labelTerms

    @Option(name: .long, help: "Latent dimensions when fitting on the input (default as `lacuna fit`).")
    var dims: Int?

    @OptionGroup var input: InputOptions

    @OptionGroup var vectorizer: VectorizerFlags

    @OptionGroup var global: GlobalOptions

    /// Parses "A..B" (or "A...B").
    static func parseRange(_ s: String) -> ClosedRange<Int>? {
        let parts = s.replacingOccurrences(of: "...", with: "..").components(separatedBy: "..")
        guard parts.count == 2, let a = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let b = Int(parts[1].trimmingCharacters(in: .whitespaces)), a <= b else { return nil }
        return a...b
    }

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one input file ('-' for standard input)") }
        if k != nil && kRange != nil { throw ValidationError("give --k or --k-range, not both") }
        if let k, k < 1 { throw ValidationError("--k must be in 1...; got \(k).") }
        if let kRange {
            guard let r = Self.parseRange(kRange) else { throw ValidationError("--k-range must look like A..B with A ≤ B; got \(kRange).") }
            if r.lowerBound < 2 { throw ValidationError("--k-range must start at 2 or more (a silhouette needs two clusters); got \(kRange).") }
        }
        if restarts < 1 { throw ValidationError("--restarts must be in 1...; got \(restarts).") }
        if terms < 0 { throw ValidationError("--terms must be in 0...; got \(terms).") }
        if let dims, dims < 1 { throw ValidationError("--dims must be in 1...; got \(dims).") }
        if model != nil && dims != nil { throw ValidationError("--dims applies only without --model (the model fixes its dimensions)") }
    }

    /// One cluster as printed.
    struct ClusterRow: Encodable {
        var id: Int
        var size: Int
        var terms: [String]
        var members: [String]
        var strand: String?
        var strand_name: String?
        var strand_share: Double?
        var strand_cosine: Double?
        var silhouette: Double

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(size, forKey: .size); try c.encode(terms, forKey: .terms)
            try c.encode(members, forKey: .members)
            try c.encode(strand, forKey: .strand)   // null when no strand is known
            try c.encodeIfPresent(strand_name, forKey: .strand_name)
            try c.encodeIfPresent(strand_share, forKey: .strand_share)
            try c.encodeIfPresent(strand_cosine, forKey: .strand_cosine)
            try c.encode(silhouette, forKey: .silhouette)
        }
        enum CodingKeys: String, CodingKey { case id, size, terms, members, strand, strand_name, strand_share, strand_cosine, silhouette }
    }

    /// A point of the silhouette curve.
    struct CurveRow: Encodable {
        var k: Int
        var silhouette: Double
        var inertia: Double
    }

    /// The whole result, as printed in json.
    struct Report: Encodable {
        var k: Int
        var silhouette: Double
        var inertia: Double
        var clusters: [ClusterRow]
        var assignments: [String: Int]
        var k_curve: [CurveRow]?
        var strand_source: String?
    }

    func run() throws {
        let progress = global.progress
        let records = try SimilarCommand.readInput(files, format: input.inputFormat, skipInvalid: input.skipInvalid)
        guard !records.isEmpty else {
            printNote("error: no records in \(files.joined(separator: ", "))")
            throw ExitCode.failure
        }
        progress.report("read \(records.count) records")
        var seen = Set<String>()
        for r in records where !seen.insert(r.id).inserted {
            printNote("error: two records have the id '\(r.id)'; ids must be unique (try `lacuna import --dedupe`).")
            throw ExitCode.failure
        }
        let lsa: LSAModel
        let embeddings: DenseMatrix
        if let model {
            lsa = try SimilarCommand.loadModel(explicit: model)
            embeddings = lsa.embed(records)
            let held = records.filter { lsa.row(ofID: $0.id) != nil }.count
            progress.report("\(held) records found in the model, \(records.count - held) folded in")
        } else {
            let fitter = LSAFitter(vectorizer: try vectorizer.options(lsaDocumentCount: records.count), lsa: LSAOptions(dimensions: dims, seed: seed))
            lsa = try FitCommand.fit(fitter, records, quiet: global.quiet)
            embeddings = lsa.embeddings
        }
        let tfidf = lsa.vectorizer.transform(records.map { $0.text(includeKeywords: lsa.vectorizer.options.includeKeywords) })
        let count: ClusterCount = k.map { .fixed($0) } ?? kRange.flatMap(Self.parseRange).map { .range($0) } ?? .automatic
        let analyzer = ClusterAnalyzer(options: ClusterOptions(count: count, seed: seed, restarts: restarts, labelTerms: terms))
        let input = ClusterInput(embeddings: embeddings, tfidf: tfidf, termForms: lsa.vectorizer.surfaceForms,
                                 recordIDs: records.map(\.id), recordStrands: records.map(\.strand), strands: lsa.strands)
        let analysis: ClusterAnalysis
        do {
            analysis = try analyzer.analyze(input) { progress.report($0) }
        } catch {
            if case .invalidParameter = error { throw ValidationError(error.description) }
            printNote("error: \(error)")
            throw ExitCode.failure
        }
        if case .range = count, !global.quiet {
            printNote("silhouette by k (best kept):")
            let t = TableRenderer(headers: ["k", "silhouette", "inertia", ""], rows: analysis.curve.map {
                ["\($0.k)", String(format: "%.4f", $0.silhouette), String(format: "%.2f", $0.inertia), $0.k == analysis.k ? "<- kept" : ""]
            }).text()
            for line in t.split(separator: "\n") { printNote("  " + line) }
        } else if k == nil, !global.quiet {
            printNote("k = \(analysis.k) (\(analysis.strandSource == nil ? "⌈√(n/2)⌉ rule" : "number of strands"))")
        }
        var names: [String: String] = [:]
        for s in lsa.strands { if let n = s.name { names[s.id] = n } }
        try write(analysis, ranged: kRange != nil, strandNames: names)
    }

    private func write(_ analysis: ClusterAnalysis, ranged: Bool, strandNames: [String: String]) throws {
        func r6(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }
        let rows = analysis.clusters.map { c in
            ClusterRow(id: c.id, size: c.size, terms: c.terms, members: c.members, strand: c.strand,
                       strand_name: c.strand.flatMap { strandNames[$0] }, strand_share: c.strandShare.map(r6), strand_cosine: c.strandCosine.map(r6), silhouette: r6(c.silhouette))
        }
        var assignments: [String: Int] = [:]
        for (i, id) in analysis.recordIDs.enumerated() { assignments[id] = analysis.assignments[i] }
        let format = global.resolvedFormat(pipeDefault: .json)
        try withOutput { out in
            switch format {
            case .json:
                let report = Report(k: analysis.k, silhouette: r6(analysis.silhouette), inertia: r6(analysis.inertia),
                                    clusters: rows, assignments: assignments,
                                    k_curve: ranged ? analysis.curve.map { CurveRow(k: $0.k, silhouette: r6($0.silhouette), inertia: r6($0.inertia)) } : nil,
                                    strand_source: analysis.strandSource)
                try out.write(JSONOutput.pretty(report) + "\n")
            case .jsonl:
                for r in rows { try out.write(JSONOutput.line(r) + "\n") }
            case .csv:
                try out.write(TableRenderer(headers: ["id", "size", "silhouette", "strand", "strand_share", "strand_cosine", "terms", "members"],
                                            rows: rows.map {
                    ["\($0.id)", "\($0.size)", String(format: "%.4f", $0.silhouette), $0.strand ?? "",
                     $0.strand_share.map { String(format: "%.4f", $0) } ?? "", $0.strand_cosine.map { String(format: "%.4f", $0) } ?? "",
                     $0.terms.joined(separator: "; "), $0.members.joined(separator: "; ")]
                }).csv())
            case .table, .markdown:
                let t = TableRenderer(headers: ["id", "size", "silhouette", "strand", "terms"], rows: rows.map { r in
                    let strand = r.strand.map { s in "\(s) (\(Int(((r.strand_share ?? 0) * 100).rounded())) %)" } ?? ""
                    return ["\(r.id)", "\(r.size)", String(format: "%.3f", r.silhouette), strand, r.terms.joined(separator: ", ")]
                })
                try out.write(format == .table ? t.text(maxColumnWidth: 90) : t.markdown())
                if format == .table {
                    try out.write("k = \(analysis.k), mean silhouette \(String(format: "%.3f", analysis.silhouette))\n")
                }
            }
        }
    }
}
