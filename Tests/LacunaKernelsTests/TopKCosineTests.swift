import Testing
import LacunaKernels
import _LacunaTestSupport

@Suite("Top-k cosine")
struct TopKCosineTests {
    static func bruteForce(_ x: DenseMatrix, _ q: DenseMatrix, k: Int) -> [[Int]] {
        var xn = x; xn.normalizeRows()
        var qn = q; qn.normalizeRows()
        return (0..<q.rowCount).map { r in
            var s: [(Int, Double)] = (0..<x.rowCount).map { i in
                (i, (0..<x.columnCount).reduce(0.0) { $0 + Double(qn[r, $1]) * Double(xn[i, $1]) })
            }
            s.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            return s.prefix(k).map(\.0)
        }
    }

    @Test("Equals a brute-force sort, across GEMM blocks and query chunks", arguments: [(1, 1, 1, 1), (10, 3, 4, 20), (5000, 17, 40, 7), (9000, 8, 3, 1)])
    func matchesBruteForce(shape: (Int, Int, Int, Int)) {
        let (n, d, q, k) = shape
        var rng = SplitMix64(seed: UInt64(n + d + q + k))
        let x = DenseMatrix.gaussian(rows: n, columns: d, using: &rng)
        let queries = DenseMatrix.gaussian(rows: q, columns: d, using: &rng)
        let got = CosineIndex(x).search(queries, k: k)
        let expected = Self.bruteForce(x, queries, k: k)
        for r in 0..<q {
            let ids = got[r].map(\.index)
            #expect(ids.count == min(k, n))
            // Float vs double scoring may swap near-ties; compare as sets, and check order by score.
            #expect(Set(ids).symmetricDifference(Set(expected[r])).count <= 2, "query \(r)")
            #expect(zip(got[r], got[r].dropFirst()).allSatisfy { $0.score >= $1.score })
        }
    }

    @Test("k larger than the corpus returns every row; ties go to the lower index")
    func largeKAndTies() {
        let x = DenseMatrix(rows: [[1, 0], [1, 0], [0, 1], [2, 0]])
        let q = DenseMatrix(rows: [[1, 0]])
        let r = CosineIndex(x).search(q, k: 10)[0]
        #expect(r.map(\.index) == [0, 1, 3, 2])
        #expect(abs(r[0].score - 1) < 1e-6 && abs(r[3].score) < 1e-6)
    }

    @Test("k = 0 and zero rows are handled")
    func degenerate() {
        let x = DenseMatrix(rows: [[0, 0], [1, 1]])
        #expect(CosineIndex(x).search(DenseMatrix(rows: [[1, 1]]), k: 0)[0].isEmpty)
        let r = CosineIndex(x).search(DenseMatrix(rows: [[1, 1]]), k: 2)[0]
        #expect(r.map(\.index) == [1, 0])
    }
}
