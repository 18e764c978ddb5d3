import LacunaKernels

/// Clusters embedded records with spherical k-means and describes each cluster: c-TF-IDF
/// label terms, silhouette, and the strand it maps to.
///
/// Steps: (1) the candidate ks (``ClusterOptions/candidates(documents:strandCount:)``);
/// (2) for each k, ``SphericalKMeans`` with `restarts` k-means++ seedings from
/// `SplitMix64(seed)` and the exact cosine ``Silhouette``; the k with the best mean silhouette
/// is kept (ties → smaller k); (3) clusters renumbered by size; (4) labels by ``ClassTFIDF``
/// over the members' TF-IDF rows, skipping a term whose words the label already shows;
/// (5) strand mapping: each member's strand is its own label, else the nearest strand centroid;
/// a cluster maps to its most common member strand (ties → smaller id), with the share of
/// members that agree and the cosine between the two centroids.
public struct ClusterAnalyzer: Sendable {
    /// The options.
    public var options: ClusterOptions

    /// An analyzer with `options`.
    public init(options: ClusterOptions = .init()) { self.options = options }

    /// Runs the analysis.
    /// - Parameter progress: called with one line per candidate k.
    /// - Throws: ``ClusterError`` for a k out of range or an empty input.
    /// - Complexity: per candidate k, restarts × iterations × 2·n·k·d flops, plus O(nnz) for labels.
    public func analyze(_ input: ClusterInput, progress: (String) -> Void = { _ in }) throws(ClusterError) -> ClusterAnalysis {
        let n = input.embeddings.rowCount, d = input.embeddings.columnCount
        var x = input.embeddings
        x.normalizeRows()
        let (strands, source) = Self.strandCentroids(input, points: x)
        let ks = try options.candidates(documents: n, strandCount: strands.count)

        var best: (k: Int, result: SphericalKMeans.Result, silhouettes: [Double], score: Double)?
        var curve: [KCurvePoint] = []
        for k in ks {
            var rng = SplitMix64(seed: options.seed)
            let km = SphericalKMeans(options: .init(clusterCount: k, maxIterations: options.maxIterations, restarts: options.restarts))
            let result: SphericalKMeans.Result
            do { result = try km.fit(x, using: &rng) } catch {
                if case let .invalidParameter(name, expected, got) = error { throw .invalidParameter(name: name, expected: expected, got: got) }
                throw .empty
            }
            let s = Silhouette.samples(x, labels: result.assignments, clusterCount: k)
            let score = s.isEmpty ? 0 : s.reduce(0, +) / Double(s.count)
            curve.append(KCurvePoint(k: k, silhouette: score, inertia: result.inertia))
            progress("k = \(k): silhouette \(Self.format3(score)), inertia \(Self.format3(result.inertia)), \(result.iterations) iterations")
            if best == nil || score > best!.score { best = (k, result, s, score) }
        }
        let chosen = best!
        let k = chosen.k

        // Renumber by size (largest first), ties → earliest member.
        var membersOf = [[Int]](repeating: [], count: k)
        for (i, c) in chosen.result.assignments.enumerated() { membersOf[c].append(i) }
        let order = (0..<k).sorted {
            let a = membersOf[$0], b = membersOf[$1]
            if a.count != b.count { return a.count > b.count }
            return (a.first ?? Int.max) < (b.first ?? Int.max)
        }
        var newID = [Int](repeating: 0, count: k)
        for (new, old) in order.enumerated() { newID[old] = new }
        let assignments = chosen.result.assignments.map { newID[$0] }

        let candidates = ClassTFIDF.topTerms(rows: input.tfidf, labels: assignments, classCount: k, top: 4 * options.labelTerms)
        let labelTerms = candidates.map { Self.nonRedundant($0, forms: input.termForms, count: options.labelTerms) }
        let memberStrands = Self.memberStrands(input, points: x, strands: strands)
        let clusters: [ClusterSummary] = order.enumerated().map { new, old in
            let rows = membersOf[old]
            let centroid = Array(chosen.result.centroids.values[(old * d)..<((old + 1) * d)])
            let sil = rows.isEmpty ? 0 : rows.reduce(0.0) { $0 + chosen.silhouettes[$1] } / Double(rows.count)
            var summary = ClusterSummary(id: new, members: rows.map { input.recordIDs[$0] }, memberRows: rows,
                                         terms: labelTerms[new].map { input.termForms[$0.column] },
                                         termWeights: labelTerms[new].map(\.weight), silhouette: sil, centroid: centroid)
            var tally: [String: Int] = [:]
            for i in rows { if let s = memberStrands[i] { tally[s, default: 0] += 1 } }
            if let top = tally.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
                summary.strand = top.key
                summary.strandShare = Double(top.value) / Double(rows.count)
                if let s = strands.first(where: { $0.id == top.key }) {
                    var dot = 0.0
                    for j in 0..<d { dot += Double(centroid[j]) * Double(s.centroid[j]) }
                    summary.strandCosine = dot
                }
            }
            return summary
        }
        return ClusterAnalysis(k: k, clusters: clusters, assignments: assignments, recordIDs: input.recordIDs,
                               silhouette: chosen.score, inertia: chosen.result.inertia, curve: curve,
                               strandSource: strands.isEmpty && !memberStrands.contains(where: { $0 != nil }) ? nil : source)
    }

    /// The strands to map onto: the model's, else centroids of the records' own labels.
    static func strandCentroids(_ input: ClusterInput, points x: DenseMatrix) -> ([Strand], String?) {
        if !input.strands.isEmpty { return (input.strands, "model") }
        let d = x.columnCount
        var rowsOf: [String: [Int]] = [:]
        for (i, s) in input.recordStrands.enumerated() { if let s { rowsOf[s, default: []].append(i) } }
        guard !rowsOf.isEmpty else { return ([], nil) }
        let strands = rowsOf.keys.sorted().map { id -> Strand in
            let rows = rowsOf[id]!
            var c = [Double](repeating: 0, count: d)
            for i in rows { for j in 0..<d { c[j] += Double(x[i, j]) } }
            let norm = c.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let centroid = c.map { Float(norm > 0 ? $0 / norm : 0) }
            var cohesion = 0.0
            for i in rows { for j in 0..<d { cohesion += Double(x[i, j]) * Double(centroid[j]) } }
            return Strand(id: id, name: nil, members: rows.map { input.recordIDs[$0] }, centroid: centroid,
                          cohesion: Float(cohesion / Double(rows.count)))
        }
        return (strands, "labels")
    }

    /// Each record's strand: its own label, else its nearest strand centroid (nil when no strand is known).
    static func memberStrands(_ input: ClusterInput, points x: DenseMatrix, strands: [Strand]) -> [String?] {
        guard !strands.isEmpty else { return input.recordStrands }
        let d = x.columnCount
        let centroids = DenseMatrix(rows: strands.count, columns: d, values: strands.flatMap(\.centroid))
        let sims = BLASThreads.with(1) { DenseMatrix.multiply(x, centroids, transposeB: true) }
        return (0..<x.rowCount).map { i in
            if let own = input.recordStrands[i] { return own }
            var best = 0
            for s in 1..<strands.count where sims[i, s] > sims[i, best] { best = s }
            return strands[best].id
        }
    }

    /// The first `count` terms whose words are not all already shown: "federated defense" after
    /// "federated" and "defense" adds nothing, nor does "war" after "war alliance".
    static func nonRedundant(_ terms: [ClassTFIDF.Term], forms: [String], count: Int) -> [ClassTFIDF.Term] {
        var kept: [ClassTFIDF.Term] = []
        var shown = Set<Substring>()
        for t in terms where kept.count < count {
            let words = forms[t.column].split(separator: " ")
            if !words.isEmpty && words.allSatisfy(shown.contains) { continue }
            kept.append(t)
            shown.formUnion(words)
        }
        return kept
    }

    static func format3(_ v: Double) -> String {
        let r = (v * 1000).rounded() / 1000
        return "\(r)"
    }
}
