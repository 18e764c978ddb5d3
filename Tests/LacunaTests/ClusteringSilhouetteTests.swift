import Foundation
import Testing
@testable import Lacuna

/// Blobs on the unit sphere: `k` random directions, `perCluster` points each, perturbed by `noise`.
func sphereBlobs(k: Int, perCluster: Int, dims: Int, noise: Float, seed: UInt64) -> (DenseMatrix, [Int]) {
    var rng = SplitMix64(seed: seed)
    let centres = DenseMatrix.gaussian(rows: k, columns: dims, using: &rng)
    let jitter = DenseMatrix.gaussian(rows: k * perCluster, columns: dims, using: &rng)
    var x = DenseMatrix(rows: k * perCluster, columns: dims)
    var labels: [Int] = []
    for i in 0..<(k * perCluster) {
        let c = i % k
        labels.append(c)
        for j in 0..<dims { x[i, j] = centres[c, j] + noise * jitter[i, j] }
    }
    x.normalizeRows()
    return (x, labels)
}

@Suite("Clustering: silhouette")
struct ClusteringSilhouetteTests {
    /// The textbook O(n²) silhouette with d(x, y) = 1 − cos(x, y), in Double (scikit-learn's
    /// `silhouette_samples(metric="cosine")`: singletons score 0).
    static func bruteForce(_ x: DenseMatrix, labels: [Int], k: Int) -> [Double] {
        let n = x.rowCount, d = x.columnCount
        let norms = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + Double(x[i, $1]) * Double(x[i, $1]) }.squareRoot() }
        func dist(_ i: Int, _ j: Int) -> Double {
            guard norms[i] > 0, norms[j] > 0 else { return 1 }
            var s = 0.0
            for t in 0..<d { s += Double(x[i, t]) * Double(x[j, t]) }
            return 1 - s / (norms[i] * norms[j])
        }
        let counts = (0..<k).map { c in labels.filter { $0 == c }.count }
        return (0..<n).map { i in
            let c = labels[i]
            guard counts[c] > 1 else { return 0 }
            var sums = [Double](repeating: 0, count: k)
            for j in 0..<n where j != i { sums[labels[j]] += dist(i, j) }
            let a = sums[c] / Double(counts[c] - 1)
            var b = Double.infinity
            for o in 0..<k where o != c && counts[o] > 0 { b = min(b, sums[o] / Double(counts[o])) }
            return (b - a) / max(a, b)
        }
    }

    @Test("Exact silhouette from cluster sums matches the pairwise definition", arguments: [1, 2, 3] as [UInt64])
    func matchesBruteForce(seed: UInt64) {
        let (x0, truth) = sphereBlobs(k: 4, perCluster: 30, dims: 12, noise: 0.8, seed: seed)
        // Unnormalised rows, some mislabelled points, a singleton cluster and a zero row.
        var x = x0
        for j in 0..<x.columnCount { x[5, j] *= 3; x[7, j] = 0 }
        var labels = truth
        labels[0] = 1; labels[1] = 2
        labels[9] = 4   // singleton
        let got = Silhouette.samples(x, labels: labels, clusterCount: 5)
        let want = Self.bruteForce(x, labels: labels, k: 5)
        for i in 0..<want.count {
            #expect(abs(got[i] - want[i]) < 2e-5, "seed \(seed), row \(i): \(got[i]) vs \(want[i])")
        }
        #expect(got[9] == 0)
        let mean = want.reduce(0, +) / Double(want.count)
        #expect(abs(Silhouette.score(x, labels: labels, clusterCount: 5) - mean) < 1e-5)
    }

    @Test("Silhouette is 0 everywhere with one non-empty cluster, and empty for no rows")
    func degenerate() {
        let (x, _) = sphereBlobs(k: 2, perCluster: 5, dims: 4, noise: 0.1, seed: 9)
        #expect(Silhouette.samples(x, labels: Array(repeating: 1, count: 10), clusterCount: 3) == Array(repeating: 0, count: 10))
        #expect(Silhouette.samples(DenseMatrix(rows: 0, columns: 4), labels: [], clusterCount: 2).isEmpty)
    }

    @Test("Well-separated clusters score near 1, a random split near 0")
    func separation() {
        let (x, truth) = sphereBlobs(k: 3, perCluster: 40, dims: 20, noise: 0.05, seed: 4)
        #expect(Silhouette.score(x, labels: truth, clusterCount: 3) > 0.9)
        let shuffled = truth.indices.map { ($0 / 3) % 3 }   // independent of the truth (i % 3)
        #expect(abs(Silhouette.score(x, labels: shuffled, clusterCount: 3)) < 0.1)
    }
}
