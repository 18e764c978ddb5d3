import Testing
import LacunaKernels
import _LacunaTestSupport

@Suite("Dense matrices")
struct DenseMatrixTests {
    @Test("sgemm matches a float64 product on awkward shapes", arguments: [(1, 1, 1), (3, 5, 7), (37, 1, 53), (130, 67, 129)])
    func gemmMatchesNaive(shape: (Int, Int, Int)) {
        let (m, k, n) = shape
        var rng = SplitMix64(seed: UInt64(m * 1000 + k * 10 + n))
        let a = DenseMatrix.gaussian(rows: m, columns: k, using: &rng)
        let b = DenseMatrix.gaussian(rows: k, columns: n, using: &rng)
        let c = a * b
        #expect(c.rowCount == m && c.columnCount == n)
        #expect(Reference.maxRelativeError(c, Reference.multiply(a, b)) < 1e-5)
    }

    @Test("sgemm with transposed operands matches the naive product")
    func gemmTransposes() {
        var rng = SplitMix64(seed: 9)
        let a = DenseMatrix.gaussian(rows: 17, columns: 9, using: &rng)
        let b = DenseMatrix.gaussian(rows: 23, columns: 9, using: &rng)
        let c = DenseMatrix.multiply(a, b, transposeB: true)
        #expect(Reference.maxRelativeError(c, Reference.multiply(a, b, transposeB: true)) < 1e-5)
        let d = DenseMatrix.multiply(a, a, transposeA: true)
        #expect(Reference.maxRelativeError(d, Reference.multiply(a, a, transposeA: true)) < 1e-5)
    }

    @Test("Transpose, row slicing and row normalisation")
    func transposeAndNormalize() {
        var rng = SplitMix64(seed: 3)
        let a = DenseMatrix.gaussian(rows: 70, columns: 33, using: &rng)
        let t = a.transposed()
        #expect(t.rowCount == 33 && t.columnCount == 70)
        for i in 0..<70 { for j in 0..<33 { #expect(t[j, i] == a[i, j]) } }
        #expect(a.rows(5..<9).row(0) == a.row(5))
        var z = DenseMatrix(rows: 2, columns: 3, values: [3, 4, 0, 0, 0, 0])
        z.normalizeRows()
        #expect(z.row(0) == [0.6, 0.8, 0])
        #expect(z.row(1) == [0, 0, 0])
    }

    @Test("A dimension mismatch in a product traps")
    func mismatchTraps() async {
        await #expect(processExitsWith: .failure) {
            let a = DenseMatrix(rows: 2, columns: 3)
            _ = a * DenseMatrix(rows: 2, columns: 3)
        }
    }
}
