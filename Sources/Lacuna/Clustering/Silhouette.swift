import LacunaKernels

/// Silhouette coefficients under the cosine distance 1 − cos(x, y) (Rousseeuw 1987).
///
/// For a point i in cluster A, a(i) is its mean distance to the other members of A, b(i) the
/// smallest mean distance to the members of another cluster, and s(i) = (b − a) / max(a, b);
/// a point alone in its cluster scores 0 (as scikit-learn's `silhouette_samples`).
///
/// **Exact at any size.** For unit-norm rows the mean cosine distance from x to a set C is
/// 1 − x · (Σ_{y∈C} y) / |C|, so every a(i) and b(i) follows from the k cluster sums and one
/// n × k GEMM, instead of the n² pairwise distances a general silhouette needs. The cost is
/// that of one k-means assignment pass, so no sampling is needed even at 100k+ points, and the
/// value equals `sklearn.metrics.silhouette_samples(X, labels, metric="cosine")` up to
/// float rounding. Rows that are not unit-norm are normalised first; an all-zero row is at
/// distance 1 from everything (cosine 0).
public enum Silhouette {
    /// s(i) for every row of `points`.
    /// - Parameters:
    ///   - points: n × d rows (normalised internally).
    ///   - labels: cluster of every row, each in `0..<clusterCount`.
    ///   - clusterCount: k.
    /// - Returns: n values in [−1, 1]; all zeros when fewer than two clusters are non-empty.
    /// - Precondition: `labels.count == points.rowCount`, labels in range.
    /// - Complexity: 2·n·k·d flops (`cblas_sgemm`) plus O(n·(k + d)).
    public static func samples(_ points: DenseMatrix, labels: [Int], clusterCount k: Int) -> [Double] {
        precondition(labels.count == points.rowCount, "labels: \(labels.count) for \(points.rowCount) rows")
        precondition(labels.allSatisfy { $0 >= 0 && $0 < k }, "labels must lie in 0..<\(k)")
        let n = points.rowCount, d = points.columnCount
        guard n > 0, k > 0 else { return [] }
        var x = points
        x.normalizeRows()
        var counts = [Int](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k * d)
        for i in 0..<n {
            let c = labels[i]
            counts[c] += 1
            for j in 0..<d { sums[c * d + j] += Double(x.values[i * d + j]) }
        }
        guard counts.filter({ $0 > 0 }).count >= 2 else { return Array(repeating: 0, count: n) }
        // Cluster means in Float, so the GEMM gives mean cosines directly.
        var means = DenseMatrix(rows: k, columns: d)
        for c in 0..<k where counts[c] > 0 {
            for j in 0..<d { means.values[c * d + j] = Float(sums[c * d + j] / Double(counts[c])) }
        }
        let meanCos = BLASThreads.with(1) { DenseMatrix.multiply(x, means, transposeB: true) }   // n × k
        let selfDot = x.rowNorms().map { Double($0) * Double($0) }
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let c = labels[i]
            let nc = counts[c]
            guard nc > 1 else { continue }
            let sumCos = Double(meanCos[i, c]) * Double(nc) - selfDot[i]
            let a = max(0, 1 - sumCos / Double(nc - 1))
            var b = Double.infinity
            for o in 0..<k where o != c && counts[o] > 0 {
                b = min(b, max(0, 1 - Double(meanCos[i, o])))
            }
            let m = max(a, b)
            out[i] = m > 0 ? (b - a) / m : 0
        }
        return out
    }

    /// The mean silhouette over all rows (scikit-learn's `silhouette_score`).
    /// - Complexity: as ``samples(_:labels:clusterCount:)``.
    public static func score(_ points: DenseMatrix, labels: [Int], clusterCount k: Int) -> Double {
        let s = samples(points, labels: labels, clusterCount: k)
        return s.isEmpty ? 0 : s.reduce(0, +) / Double(s.count)
    }
}
