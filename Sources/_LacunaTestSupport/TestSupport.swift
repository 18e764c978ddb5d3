import LacunaKernels

/// Reference implementations and fixtures shared by the test targets (not shipped).
public enum Reference {
    /// op(A)·op(B) computed naively in Double.
    public static func multiply(_ a: DenseMatrix, _ b: DenseMatrix, transposeA: Bool = false, transposeB: Bool = false) -> [[Double]] {
        let m = transposeA ? a.columnCount : a.rowCount
        let k = transposeA ? a.rowCount : a.columnCount
        let n = transposeB ? b.rowCount : b.columnCount
        var c = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for t in 0..<k {
                    let x = transposeA ? a[t, i] : a[i, t]
                    let y = transposeB ? b[j, t] : b[t, j]
                    s += Double(x) * Double(y)
                }
                c[i][j] = s
            }
        }
        return c
    }

    /// The largest |got − expected| relative to the largest |expected| (a normwise bound).
    public static func maxRelativeError(_ got: DenseMatrix, _ expected: [[Double]]) -> Double {
        var worst = 0.0, scale = 0.0
        for i in 0..<expected.count {
            for j in 0..<expected[i].count {
                worst = max(worst, abs(Double(got[i, j]) - expected[i][j]))
                scale = max(scale, abs(expected[i][j]))
            }
        }
        return scale == 0 ? worst : worst / scale
    }

    /// ‖QᵀQ − I‖_F for the columns of `q`.
    public static func orthogonalityError(_ q: DenseMatrix) -> Double {
        var e = 0.0
        for a in 0..<q.columnCount {
            for b in 0..<q.columnCount {
                var s = 0.0
                for i in 0..<q.rowCount { s += Double(q[i, a]) * Double(q[i, b]) }
                let d = s - (a == b ? 1 : 0)
                e += d * d
            }
        }
        return e.squareRoot()
    }

    /// A matrix with orthonormal columns (n × k), from Gram–Schmidt in Double on Gaussian columns.
    public static func orthonormalColumns(rows n: Int, columns k: Int, seed: UInt64) -> [[Double]] {
        var rng = SplitMix64(seed: seed)
        let g = DenseMatrix.gaussian(rows: n, columns: k, using: &rng)
        var cols = (0..<k).map { j in (0..<n).map { Double(g[$0, j]) } }
        for j in 0..<k {
            for p in 0..<j {
                let d = zip(cols[j], cols[p]).map(*).reduce(0, +)
                for i in 0..<n { cols[j][i] -= d * cols[p][i] }
            }
            let norm = cols[j].map { $0 * $0 }.reduce(0, +).squareRoot()
            for i in 0..<n { cols[j][i] /= norm }
        }
        return (0..<n).map { i in (0..<k).map { cols[$0][i] } }
    }

    /// Adjusted Rand index of two labelings (Hubert & Arabie 1985).
    public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count)
        var table: [Int: [Int: Int]] = [:]
        var ra: [Int: Int] = [:], rb: [Int: Int] = [:]
        for (x, y) in zip(a, b) { table[x, default: [:]][y, default: 0] += 1; ra[x, default: 0] += 1; rb[y, default: 0] += 1 }
        func c2(_ n: Int) -> Double { Double(n) * Double(n - 1) / 2 }
        let index = table.values.flatMap(\.values).map(c2).reduce(0, +)
        let sa = ra.values.map(c2).reduce(0, +), sb = rb.values.map(c2).reduce(0, +)
        let expected = sa * sb / c2(a.count)
        let maxIndex = (sa + sb) / 2
        return maxIndex == expected ? 1 : (index - expected) / (maxIndex - expected)
    }
}
