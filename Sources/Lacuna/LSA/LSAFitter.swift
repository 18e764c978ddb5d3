import LacunaKernels
import LacunaText

#if os(Linux)
/// glibc's `malloc_trim` (declared in <malloc.h>, which the Glibc module does not import).
@_silgen_name("malloc_trim") private func releaseFreeHeapPages(_ pad: Int) -> Int32
#endif

/// Version string written into models and shown by `lacuna --version`.
public let lacunaVersion = "0.1.0"

/// Fits an ``LSAModel``: TF-IDF, randomized truncated SVD, fold-in of every record, strand centroids.
public struct LSAFitter: Sendable {
    /// Vectoriser options.
    public var vectorizer: TfidfVectorizer.Options
    /// LSA options.
    public var lsa: LSAOptions
    /// Strand id → human name, for strands the records label.
    public var strandNames: [String: String]

    public init(vectorizer: TfidfVectorizer.Options = .init(), lsa: LSAOptions = .init(), strandNames: [String: String] = [:]) {
        self.vectorizer = vectorizer; self.lsa = lsa; self.strandNames = strandNames
    }

    /// Fits on `records` (ids must be unique).
    /// - Parameter progress: called with a line per stage ("vectorised 20000 records: 31234 terms").
    /// - Throws: ``LSAError``.
    /// - Complexity: one TF-IDF pass, 2 + 2q sparse × dense products for the SVD, one for the fold-in.
    public func fit(_ records: [PaperRecord], progress: (String) -> Void = { _ in }) throws(LSAError) -> LSAModel {
        try fit(texts: records.map { $0.text(includeKeywords: vectorizer.includeKeywords) },
                ids: records.map(\.id), strands: records.map(\.strand), progress: progress)
    }

    /// Fits on the texts of records given by `ids` (unique) and optional `strands` labels.
    /// The texts are released as soon as the TF-IDF matrix is built, so a caller that hands over
    /// its only copy keeps just the sparse matrix and the factors in memory during the SVD.
    public func fit(texts: consuming [String], ids: [String], strands: [String?],
                    progress: (String) -> Void = { _ in }) throws(LSAError) -> LSAModel {
        precondition(texts.count == ids.count && ids.count == strands.count,
                     "fit: \(texts.count) texts, \(ids.count) ids, \(strands.count) strand labels")
        guard !ids.isEmpty else { throw .emptyCorpus }
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted { throw .duplicateID(id) }
        seen = []
        var owned = texts
        let (tfidfModel, x): (TfidfModel, CSRMatrix)
        do {
            (tfidfModel, x) = try TfidfVectorizer(options: vectorizer).fitTransform(owned)
        } catch {
            throw .vectorizer(error.description)
        }
        owned = []
        #if os(Linux)
        // The texts were many small allocations: hand their pages back before the SVD's large blocks.
        _ = releaseFreeHeapPages(0)
        #endif
        progress("vectorised \(ids.count) records: \(x.columnCount) terms, \(x.nonZeroCount) non-zeros")
        try lsa.validate(documents: x.rowCount, terms: x.columnCount)
        let k = lsa.resolvedDimensions(documents: x.rowCount, terms: x.columnCount)
        var rng = SplitMix64(seed: lsa.seed)
        let svd: TruncatedSVD
        do {
            svd = try randomizedSVD(x, rank: k, oversamples: lsa.resolvedOversamples(dimensions: k),
                                    powerIterations: lsa.powerIterations, using: &rng)
        } catch {
            throw .decomposition(error.description)
        }
        var energy = 0.0
        for v in x.values { energy += Double(v) * Double(v) }
        var resolved = lsa
        resolved.dimensions = k
        resolved.oversamples = lsa.resolvedOversamples(dimensions: k)
        let provenance = ModelProvenance(lacunaVersion: lacunaVersion, blasCore: BLASThreads.coreName, blasThreads: 1,
                                         svdPasses: svd.passes, totalEnergy: energy)
        // The stored embeddings go through the same fold-in as new records.
        var embeddings = x.multiply(svd.rightVectors)
        embeddings.normalizeRows()
        let strandList = Self.strands(ids: ids, labels: strands, embeddings: embeddings, names: strandNames)
        let model = LSAModel(vectorizer: tfidfModel, singularValues: svd.singularValues, termLoadings: svd.rightVectors,
                             recordIDs: ids, embeddings: embeddings, strands: strandList,
                             options: resolved, provenance: provenance)
        let discarded = (1 - model.explainedEnergy) * 100
        progress("kept \(k) factors (\(String(format1: discarded)) % energy discarded) after \(svd.passes) passes over the matrix")
        return model
    }

    /// Strand centroids from labelled records: normalised mean embedding and mean member cosine.
    static func strands(ids: [String], labels: [String?], embeddings: DenseMatrix, names: [String: String]) -> [Strand] {
        var members: [String: [Int]] = [:]
        for (i, label) in labels.enumerated() {
            if let s = label?.trimmingWhitespace(), !s.isEmpty { members[s, default: []].append(i) }
        }
        let k = embeddings.columnCount
        return members.keys.sorted().map { id in
            let rows = members[id]!
            var c = [Double](repeating: 0, count: k)
            for i in rows { for j in 0..<k { c[j] += Double(embeddings[i, j]) } }
            let norm = c.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let centroid = c.map { Float(norm > 0 ? $0 / norm : 0) }
            var cohesion: Double = 0
            for i in rows { for j in 0..<k { cohesion += Double(embeddings[i, j]) * Double(centroid[j]) } }
            return Strand(id: id, name: names[id], members: rows.map { ids[$0] }, centroid: centroid,
                          cohesion: Float(cohesion / Double(rows.count)))
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// `v` with one decimal.
    init(format1 v: Double) {
        let r = (v * 10).rounded() / 10
        self = "\(r)"
    }
}
