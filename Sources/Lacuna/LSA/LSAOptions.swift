import LacunaKernels

/// Options of the LSA step (truncated SVD of the TF-IDF matrix).
public struct LSAOptions: Sendable, Hashable, Codable {
    /// Number of latent dimensions k; nil picks ``defaultDimensions(documents:terms:)``.
    public var dimensions: Int?
    /// Seed of the random sketch.
    public var seed: UInt64
    /// Extra random directions of the sketch (Halko et al.'s p): at least this many; a fit uses
    /// max(oversamples, min(k, 50)), because a text corpus's flat spectrum needs a wider sketch
    /// (measured on the bundled corpus, k = 20: p = 10 and q = 5 left σ₂₀ 1.9 % low, p = 20 and
    /// q = 7 0.36 %).
    public var oversamples: Int
    /// Power iterations (default 7; scikit-learn's TruncatedSVD uses 5, `.auto` follows `randomized_svd`).
    public var powerIterations: PowerIterations

    /// Options with 7 power iterations and at least 10 oversamples.
    public init(dimensions: Int? = nil, seed: UInt64 = 0, oversamples: Int = 10, powerIterations: PowerIterations = .count(7)) {
        self.dimensions = dimensions; self.seed = seed; self.oversamples = oversamples; self.powerIterations = powerIterations
    }

    /// The default k for a corpus: 3·√n clamped to 10...200, and never above min(n, m) − 1
    /// (nor below 1), so a small corpus keeps fewer factors than it has documents.
    public static func defaultDimensions(documents n: Int, terms m: Int) -> Int {
        let byCorpus = min(200, max(10, Int((3 * Double(n).squareRoot()).rounded())))
        return max(1, min(byCorpus, min(n, m) - 1))
    }

    /// The oversampling used for `k` components (see ``oversamples``).
    public func resolvedOversamples(dimensions k: Int) -> Int { max(oversamples, min(k, 50)) }

    /// The k used for a corpus of n documents and m terms.
    public func resolvedDimensions(documents n: Int, terms m: Int) -> Int {
        dimensions ?? Self.defaultDimensions(documents: n, terms: m)
    }

    /// Checks the options against the corpus shape.
    /// - Throws: ``LSAError/invalidParameter(name:expected:got:)`` ("--dims must be in 1...412; got 500.").
    public func validate(documents n: Int, terms m: Int) throws(LSAError) {
        let limit = min(n, m)
        guard limit >= 1 else { throw .emptyCorpus }
        if let d = dimensions, d < 1 || d > limit {
            throw .invalidParameter(name: "dims", expected: "1...\(limit)", got: "\(d)")
        }
        guard oversamples >= 0 else { throw .invalidParameter(name: "oversamples", expected: "0...", got: "\(oversamples)") }
        if case .count(let q) = powerIterations, q < 0 {
            throw .invalidParameter(name: "power-iterations", expected: "0...", got: "\(q)")
        }
    }
}

/// Why an LSA model could not be fitted or used.
public enum LSAError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option is out of range.
    case invalidParameter(name: String, expected: String, got: String)
    /// Nothing to fit on.
    case emptyCorpus
    /// Two records share an id.
    case duplicateID(String)
    /// The vectoriser failed (e.g. no terms left).
    case vectorizer(String)
    /// The decomposition failed.
    case decomposition(String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, expected, got): return "--\(name) must be in \(expected); got \(got)."
        case .emptyCorpus: return "no records with text to fit on; give at least one record with a title or abstract."
        case .duplicateID(let id): return "two records have the id '\(id)'; ids must be unique (try `lacuna import --dedupe`)."
        case .vectorizer(let m): return m
        case .decomposition(let m): return m
        }
    }
}
