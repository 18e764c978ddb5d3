import LacunaKernels
import LacunaText

/// How a model was made: enough to explain a refit that differs.
public struct ModelProvenance: Sendable, Hashable, Codable {
    /// Lacuna's version string.
    public var lacunaVersion: String
    /// OpenBLAS core the fit ran on (e.g. "Haswell").
    public var blasCore: String
    /// OpenBLAS thread count during the fit's GEMM/LAPACK calls (Lacuna pins it to 1 for determinism).
    public var blasThreads: Int
    /// Passes over the TF-IDF matrix the SVD made.
    public var svdPasses: Int
    /// Σ of squared TF-IDF entries (the matrix's energy ‖X‖²_F).
    public var totalEnergy: Double

    public init(lacunaVersion: String, blasCore: String, blasThreads: Int, svdPasses: Int, totalEnergy: Double) {
        self.lacunaVersion = lacunaVersion; self.blasCore = blasCore; self.blasThreads = blasThreads
        self.svdPasses = svdPasses; self.totalEnergy = totalEnergy
    }
}

/// A strand of the literature: the labelled records that define it and their centroid.
public struct Strand: Sendable, Hashable, Codable {
    /// Strand id ("S1", "G").
    public var id: String
    /// Human name, when a strand definition gave one.
    public var name: String?
    /// Ids of the records labelled with this strand, in corpus order.
    public var members: [String]
    /// Unit-norm centroid in LSA space (normalised mean of the members' embeddings).
    public var centroid: [Float]
    /// Mean cosine of the members to the centroid: 1 = all identical, near 0 = diffuse.
    public var cohesion: Float

    public init(id: String, name: String?, members: [String], centroid: [Float], cohesion: Float) {
        self.id = id; self.name = name; self.members = members; self.centroid = centroid; self.cohesion = cohesion
    }
}

/// The nearest strand of a point and how sure that is.
public struct StrandAssignment: Sendable, Hashable {
    /// Nearest strand id.
    public var strand: String
    /// Cosine to its centroid.
    public var similarity: Float
    /// Similarity minus the runner-up's (0 when there is one strand): small = ambiguous.
    public var margin: Float
    /// Runner-up strand id, if any.
    public var runnerUp: String?
}

/// A fitted LSA space: the vectoriser, the SVD factors, the corpus embeddings and the strands.
///
/// **Fold-in.** A record's embedding is its L2-normalised TF-IDF row x projected on the right
/// singular vectors and normalised again: e = xV / ‖xV‖ (scikit-learn's `TruncatedSVD.transform`,
/// then unit length, so cosine is a dot product). The stored corpus embeddings are computed
/// by this same fold-in, row by row, so folding in a fitted record reproduces its stored
/// embedding exactly. A record with no known term gets the zero vector.
public struct LSAModel: Sendable {
    /// The fitted TF-IDF vectoriser.
    public let vectorizer: TfidfModel
    /// σ₁ ≥ … ≥ σ_k.
    public let singularValues: [Float]
    /// V, terms × k: row j is term j's loading on each dimension.
    public let termLoadings: DenseMatrix
    /// Ids of the fitted records, in input order.
    public let recordIDs: [String]
    /// Unit-norm embeddings of the fitted records (records × k).
    public let embeddings: DenseMatrix
    /// Strands defined by the records' `strand` labels, sorted by id.
    public let strands: [Strand]
    /// LSA options with `dimensions` resolved.
    public let options: LSAOptions
    /// How the model was made.
    public let provenance: ModelProvenance
    private let rowOfID: [String: Int]

    /// A model from its parts (as a loader rebuilds it).
    /// - Precondition: shapes agree (k columns everywhere, one embedding row per id).
    public init(vectorizer: TfidfModel, singularValues: [Float], termLoadings: DenseMatrix, recordIDs: [String],
                embeddings: DenseMatrix, strands: [Strand], options: LSAOptions, provenance: ModelProvenance) {
        let k = singularValues.count
        precondition(termLoadings.columnCount == k && termLoadings.rowCount == vectorizer.terms.count,
                     "term loadings are \(termLoadings.rowCount)×\(termLoadings.columnCount); expected \(vectorizer.terms.count)×\(k)")
        precondition(embeddings.columnCount == k && embeddings.rowCount == recordIDs.count,
                     "embeddings are \(embeddings.rowCount)×\(embeddings.columnCount); expected \(recordIDs.count)×\(k)")
        self.vectorizer = vectorizer; self.singularValues = singularValues; self.termLoadings = termLoadings
        self.recordIDs = recordIDs; self.embeddings = embeddings; self.strands = strands
        self.options = options; self.provenance = provenance
        var map = [String: Int](minimumCapacity: recordIDs.count)
        for (i, id) in recordIDs.enumerated() where map[id] == nil { map[id] = i }
        rowOfID = map
    }

    /// Number of latent dimensions k.
    public var dimensions: Int { singularValues.count }

    /// Share of the TF-IDF matrix's energy the kept factors hold (Σσ² / ‖X‖²_F).
    public var explainedEnergy: Double {
        let kept = singularValues.reduce(0.0) { $0 + Double($1) * Double($1) }
        return provenance.totalEnergy > 0 ? min(1, kept / provenance.totalEnergy) : 0
    }

    /// The stored embedding row of a fitted record, by id.
    public func row(ofID id: String) -> Int? { rowOfID[id] }

    /// Unit-norm embeddings of TF-IDF rows (see the type's note on fold-in).
    /// - Complexity: 2·nnz·k flops, parallel over fixed row blocks.
    public func project(_ tfidf: CSRMatrix) -> DenseMatrix {
        var e = tfidf.multiply(termLoadings)
        e.normalizeRows()
        return e
    }

    /// Unit-norm embeddings of new texts.
    public func foldIn(texts: [String]) -> DenseMatrix {
        project(vectorizer.transform(texts))
    }

    /// Unit-norm embeddings of new records (title + abstract, keywords when the model was fitted with them).
    public func foldIn(_ records: [PaperRecord]) -> DenseMatrix {
        foldIn(texts: records.map { $0.text(includeKeywords: vectorizer.options.includeKeywords) })
    }

    /// Embeddings for `records`: the stored row for ids the model holds, a fold-in for the rest.
    public func embed(_ records: [PaperRecord]) -> DenseMatrix {
        var out = DenseMatrix(rows: records.count, columns: dimensions)
        var missing: [Int] = []
        for (i, r) in records.enumerated() {
            if let row = rowOfID[r.id] {
                for j in 0..<dimensions { out[i, j] = embeddings[row, j] }
            } else {
                missing.append(i)
            }
        }
        if !missing.isEmpty {
            let folded = foldIn(missing.map { records[$0] })
            for (t, i) in missing.enumerated() { for j in 0..<dimensions { out[i, j] = folded[t, j] } }
        }
        return out
    }

    /// The nearest strand of every row of unit-norm `points`, with its margin over the runner-up.
    /// Returns nil entries when the model has no strands.
    public func assignStrands(_ points: DenseMatrix) -> [StrandAssignment?] {
        guard !strands.isEmpty else { return Array(repeating: nil, count: points.rowCount) }
        let centroids = DenseMatrix(rows: strands.count, columns: dimensions, values: strands.flatMap(\.centroid))
        let sims = DenseMatrix.multiply(points, centroids, transposeB: true)
        return (0..<points.rowCount).map { i in
            var best = 0, second: Int? = nil
            for s in 1..<strands.count {
                if sims[i, s] > sims[i, best] { second = best; best = s }
                else if second == nil || sims[i, s] > sims[i, second!] { second = s }
            }
            let margin = second.map { sims[i, best] - sims[i, $0] } ?? 0
            return StrandAssignment(strand: strands[best].id, similarity: sims[i, best], margin: margin,
                                    runnerUp: second.map { strands[$0].id })
        }
    }
}
