/// What `lacuna info` shows about a model file: read from its small sections after every
/// checksum was verified (``ModelFile/inspect(_:)``).
public struct ModelFileInfo: Sendable {
    /// One entry of the section table.
    public struct Section: Sendable, Hashable {
        /// Four-character tag ("EMBD").
        public var tag: String
        /// Byte offset in the file (a multiple of 64).
        public var offset: Int
        /// Length in bytes.
        public var length: Int
        /// Recorded CRC-32.
        public var crc32: UInt32
        /// Whether the bytes match the CRC (always true in a returned info: a mismatch throws).
        public var ok: Bool
    }

    /// A strand without its member list and centroid.
    public struct StrandSummary: Sendable, Hashable {
        /// Strand id.
        public var id: String
        /// Human name, if any.
        public var name: String?
        /// Number of member records.
        public var size: Int
        /// Mean cosine of the members to the centroid.
        public var cohesion: Float
    }

    /// The file inspected.
    public var path: String
    /// Format version from the header.
    public var formatVersion: UInt32
    /// File size in bytes.
    public var fileSize: Int
    /// Latent dimensions k.
    public var dimensions: Int
    /// Vocabulary size.
    public var vocabularySize: Int
    /// Documents the vectoriser was fitted on (the corpus size).
    public var documents: Int
    /// Records with a stored embedding.
    public var records: Int
    /// σ₁ ≥ … ≥ σ_k.
    public var singularValues: [Float]
    /// LSA options (dimensions resolved).
    public var lsaOptions: LSAOptions
    /// Vectoriser options.
    public var vectorizerOptions: TfidfVectorizer.Options
    /// How the model was made (Lacuna version, BLAS core and threads, SVD passes, energy).
    public var provenance: ModelProvenance
    /// Strands, sorted by id.
    public var strands: [StrandSummary]
    /// The section table.
    public var sections: [Section]

    /// Share of the TF-IDF matrix's energy the kept factors hold (Σσ² / ‖X‖²_F), as ``LSAModel/explainedEnergy``.
    public var explainedEnergy: Double {
        let kept = singularValues.reduce(0.0) { $0 + Double($1) * Double($1) }
        return provenance.totalEnergy > 0 ? min(1, kept / provenance.totalEnergy) : 0
    }
}

extension ModelFileReader {
    /// The summary `lacuna info` shows.
    func info() throws(ModelFileError) -> ModelFileInfo {
        let meta = try metadata()
        try checkShapes(meta)
        let strands = try strandRecords(count: meta.counts.strands)
        return ModelFileInfo(
            path: path, formatVersion: version, fileSize: data.count, dimensions: meta.counts.dims,
            vocabularySize: meta.counts.terms, documents: meta.counts.documents, records: meta.counts.records,
            singularValues: try floats(Tag.sigma), lsaOptions: meta.lsaOptions,
            vectorizerOptions: meta.vectorizerOptions, provenance: meta.provenance,
            strands: strands.map { .init(id: $0.id, name: $0.name, size: $0.members.count, cohesion: Float($0.cohesion)) },
            sections: entries.map { .init(tag: $0.tag, offset: Int($0.offset), length: Int($0.length), crc32: $0.crc32, ok: true) })
    }

    /// The full model. Every count is checked against the sections before any part is built,
    /// so the ``LSAModel`` and ``TfidfModel`` preconditions hold.
    func model() throws(ModelFileError) -> LSAModel {
        let meta = try metadata()
        try checkShapes(meta)
        let c = meta.counts
        do {
            try meta.vectorizerOptions.validate()
        } catch {
            throw .corrupt(path: path, detail: "section META holds invalid vectoriser options (\(error.description))")
        }
        let terms = try strings(Tag.terms)
        try checkUnique(terms)
        let surface = try strings(Tag.surfaceForms)
        let recordIDs = try strings(Tag.recordIDs)
        let strandRecords = try strandRecords(count: c.strands)
        let centroids = try floats(Tag.centroids)
        let strands = strandRecords.enumerated().map { i, s in
            Strand(id: s.id, name: s.name, members: s.members,
                   centroid: Array(centroids[(i * c.dims)..<((i + 1) * c.dims)]), cohesion: Float(s.cohesion))
        }
        let vectorizer = TfidfModel(options: meta.vectorizerOptions, terms: terms, idf: try floats(Tag.idf),
                                    surfaceForms: surface, documentCount: c.documents)
        return LSAModel(vectorizer: vectorizer, singularValues: try floats(Tag.sigma),
                        termLoadings: DenseMatrix(rows: c.terms, columns: c.dims, values: try floats(Tag.loadings)),
                        recordIDs: recordIDs,
                        embeddings: DenseMatrix(rows: c.records, columns: c.dims, values: try floats(Tag.embeddings)),
                        strands: strands, options: meta.lsaOptions, provenance: meta.provenance)
    }

    /// Terms must be distinct (the writer stores them sorted; a sorted list is checked in one pass).
    private func checkUnique(_ terms: [String]) throws(ModelFileError) {
        var sorted = true
        for i in terms.indices.dropFirst() where !(terms[i - 1].utf8.lexicographicallyPrecedes(terms[i].utf8)) {
            sorted = false
            break
        }
        if sorted { return }
        var seen = Set<String>(minimumCapacity: terms.count)
        for t in terms where !seen.insert(t).inserted {
            throw .corrupt(path: path, detail: "section TERM holds the term '\(t)' twice")
        }
    }
}
