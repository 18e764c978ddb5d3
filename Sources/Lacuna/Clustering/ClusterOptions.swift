import LacunaKernels

/// How many clusters ``ClusterAnalyzer`` makes.
public enum ClusterCount: Sendable, Hashable {
    /// Exactly k clusters.
    case fixed(Int)
    /// Every k in the range is tried; the one with the highest mean silhouette wins (ties → smaller k).
    case range(ClosedRange<Int>)
    /// The number of strands when strands are known, else ``ClusterOptions/defaultClusterCount(documents:)``.
    case automatic
}

/// Options of the cluster analysis (spherical k-means in LSA space, then labels, silhouettes, strands).
public struct ClusterOptions: Sendable, Hashable {
    /// How k is chosen.
    public var count: ClusterCount
    /// Seed of the k-means++ seeding; each candidate k starts from a fresh generator with this seed,
    /// so `--k 12` and a range that picks 12 give the same clusters.
    public var seed: UInt64
    /// k-means restarts (best inertia kept). The default, 10, is scikit-learn's classic `n_init`.
    public var restarts: Int
    /// Lloyd iteration cap per restart.
    public var maxIterations: Int
    /// Label terms per cluster.
    public var labelTerms: Int

    /// Options with the defaults above.
    public init(count: ClusterCount = .automatic, seed: UInt64 = 0, restarts: Int = 10, maxIterations: Int = 100, labelTerms: Int = 8) {
        self.count = count; self.seed = seed; self.restarts = restarts; self.maxIterations = maxIterations
        self.labelTerms = labelTerms
    }

    /// k when neither a k nor strands are given: ⌈√(n/2)⌉ (the classic rule of thumb,
    /// Mardia et al. 1979), clamped to 2...40 and to n.
    public static func defaultClusterCount(documents n: Int) -> Int {
        let rule = Int((Double(n) / 2).squareRoot().rounded(.up))
        return max(1, min(n, min(40, max(2, rule))))
    }

    /// The candidate ks for `n` documents and `strandCount` known strands.
    /// - Throws: ``ClusterError/invalidParameter(name:expected:got:)`` when a k is out of 1...n
    ///   (2...n for a range, whose silhouette needs two clusters).
    public func candidates(documents n: Int, strandCount: Int) throws(ClusterError) -> [Int] {
        guard n >= 1 else { throw .empty }
        guard restarts >= 1 else { throw .invalidParameter(name: "restarts", expected: "1...", got: "\(restarts)") }
        guard maxIterations >= 1 else { throw .invalidParameter(name: "max-iterations", expected: "1...", got: "\(maxIterations)") }
        switch count {
        case .fixed(let k):
            guard k >= 1 && k <= n else { throw .invalidParameter(name: "k", expected: "1...\(n)", got: "\(k)") }
            return [k]
        case .range(let r):
            guard n >= 2, r.lowerBound >= 2, r.upperBound <= n else {
                throw .invalidParameter(name: "k-range", expected: n >= 2 ? "within 2..\(n)" : "at least 2 records",
                                        got: "\(r.lowerBound)..\(r.upperBound)")
            }
            return Array(r)
        case .automatic:
            return [strandCount > 0 ? min(n, strandCount) : Self.defaultClusterCount(documents: n)]
        }
    }
}

/// Why a cluster analysis could not run.
public enum ClusterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option is out of range for this input.
    case invalidParameter(name: String, expected: String, got: String)
    /// No records to cluster.
    case empty

    public var description: String {
        switch self {
        case let .invalidParameter(name, expected, got): return "--\(name) must be in \(expected); got \(got)."
        case .empty: return "no records to cluster."
        }
    }
}
