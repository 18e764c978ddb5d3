import LacunaKernels

/// One cluster of a ``ClusterAnalysis``.
public struct ClusterSummary: Sendable, Hashable {
    /// Cluster id, 0-based; clusters are numbered by size, largest first (ties → earliest member).
    public var id: Int
    /// Ids of the member records, in input order.
    public var members: [String]
    /// Rows of the members in the input.
    public var memberRows: [Int]
    /// Most distinctive terms (``ClassTFIDF``), as surface forms, best first.
    public var terms: [String]
    /// Their c-TF-IDF weights.
    public var termWeights: [Double]
    /// Mean silhouette of the members (cosine distance); 0 for a singleton.
    public var silhouette: Double
    /// Unit-norm centroid in LSA space.
    public var centroid: [Float]
    /// The strand most members belong to (own label, else nearest strand centroid); nil when no strand is known.
    public var strand: String?
    /// Share of members whose label or nearest strand is ``strand``.
    public var strandShare: Double?
    /// Cosine between the cluster centroid and the strand centroid.
    public var strandCosine: Double?

    /// Number of members.
    public var size: Int { members.count }
}

/// Mean silhouette and inertia of one candidate k.
public struct KCurvePoint: Sendable, Hashable {
    /// k.
    public var k: Int
    /// Mean silhouette over all records (cosine distance).
    public var silhouette: Double
    /// Σ (1 − cos(record, its centroid)).
    public var inertia: Double
}

/// The result of ``ClusterAnalyzer/analyze(_:)``.
public struct ClusterAnalysis: Sendable, Hashable {
    /// The k kept.
    public var k: Int
    /// Clusters, numbered by size.
    public var clusters: [ClusterSummary]
    /// Cluster id of every input record, in input order.
    public var assignments: [Int]
    /// Ids of the input records, in input order.
    public var recordIDs: [String]
    /// Mean silhouette of the kept clustering.
    public var silhouette: Double
    /// Inertia of the kept clustering.
    public var inertia: Double
    /// Silhouette and inertia for every k tried (one point unless a range was given).
    public var curve: [KCurvePoint]
    /// Where the strands came from: "model", "labels" (records' own `strand` fields) or nil.
    public var strandSource: String?
}

/// The input of a cluster analysis: records already embedded in an LSA space.
public struct ClusterInput: Sendable {
    /// n × d embeddings (normalised by the analysis).
    public var embeddings: DenseMatrix
    /// n × m TF-IDF rows of the same records (for c-TF-IDF labels).
    public var tfidf: CSRMatrix
    /// Display form of every TF-IDF column (``TfidfModel/surfaceForms``).
    public var termForms: [String]
    /// Record ids, n of them.
    public var recordIDs: [String]
    /// Records' own `strand` labels (nil when unlabelled), n of them.
    public var recordStrands: [String?]
    /// Strands of the model, if any (they take precedence over centroids built from labels).
    public var strands: [Strand]

    /// An input from its parts.
    /// - Precondition: row counts agree; `termForms.count == tfidf.columnCount`; strand centroids have d entries.
    public init(embeddings: DenseMatrix, tfidf: CSRMatrix, termForms: [String], recordIDs: [String],
                recordStrands: [String?], strands: [Strand] = []) {
        precondition(embeddings.rowCount == tfidf.rowCount && recordIDs.count == tfidf.rowCount && recordStrands.count == tfidf.rowCount,
                     "ClusterInput: \(embeddings.rowCount) embeddings, \(tfidf.rowCount) TF-IDF rows, \(recordIDs.count) ids, \(recordStrands.count) labels")
        precondition(termForms.count == tfidf.columnCount, "ClusterInput: \(termForms.count) term forms for \(tfidf.columnCount) columns")
        precondition(strands.allSatisfy { $0.centroid.count == embeddings.columnCount }, "ClusterInput: strand centroids must have \(embeddings.columnCount) entries")
        self.embeddings = embeddings; self.tfidf = tfidf; self.termForms = termForms; self.recordIDs = recordIDs
        self.recordStrands = recordStrands.map { s in s.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0.trimmingWhitespace() } }
        self.strands = strands
    }
}
