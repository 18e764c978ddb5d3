import Testing
import LacunaKernels
import _LacunaTestSupport

@Suite("CSR matrices")
struct CSRMatrixTests {
    static func randomSparse(rows: Int, columns: Int, density: Double, seed: UInt64) -> CSRMatrix {
        var rng = SplitMix64(seed: seed)
        let nnz = max(0, min(rows * columns, Int(Double(rows * columns) * density)))
        return CSRMatrix.random(rows: rows, columns: columns, nonZeros: nnz, using: &rng)
    }

    @Test("Sparse × dense matches the float64 product", arguments: [
        (1, 1, 1), (1, 5, 7), (37, 53, 1), (37, 53, 7), (600, 300, 64), (600, 300, 65), (1100, 700, 200)])
    func multiplyMatchesNaive(shape: (Int, Int, Int)) {
        let (n, m, k) = shape
        let a = Self.randomSparse(rows: n, columns: m, density: 0.05 + 1.0 / Double(m), seed: UInt64(n + m + k))
        var rng = SplitMix64(seed: 77)
        let b = DenseMatrix.gaussian(rows: m, columns: k, using: &rng)
        let c = a.multiply(b)
        #expect(Reference.maxRelativeError(c, Reference.multiply(a.toDense(), b)) < 1e-5)
    }

    @Test("Sparse × dense with a large dense operand (the cache-blocked walk) matches float64 sums")
    func blockedMultiply() {
        // B has 5.2M floats, above the blocking threshold, and k = 208 exercises both the
        // 64-wide register panels and the remainder.
        var rng = SplitMix64(seed: 91)
        let a = CSRMatrix.random(rows: 3000, columns: 25_000, nonZeros: 90_000, using: &rng)
        let b = DenseMatrix.uniform(rows: 25_000, columns: 208, using: &rng)
        let c = a.multiply(b)
        var worst = 0.0
        for i in stride(from: 0, to: 3000, by: 37) {
            let (cols, vals) = a.row(i)
            for j in stride(from: 0, to: 208, by: 13) {
                var s = 0.0
                for (col, v) in zip(cols, vals) { s += Double(v) * Double(b[Int(col), j]) }
                worst = max(worst, abs(Double(c[i, j]) - s) / max(s, 1e-12))
            }
        }
        #expect(worst < 1e-5)
        // Rows computed independently: the product of a row slice equals that slice of the product.
        let part = a.rows(1000..<1010).multiply(b)
        #expect(part.values == c.rows(1000..<1010).values)
    }

    @Test("Sparseᵀ × dense matches the float64 product without a transpose copy", arguments: [
        (1, 1, 1), (5, 1, 3), (53, 37, 7), (600, 300, 65), (900, 1300, 200)])
    func transposeMultiplyMatchesNaive(shape: (Int, Int, Int)) {
        let (n, m, k) = shape
        let a = Self.randomSparse(rows: n, columns: m, density: 0.04 + 1.0 / Double(m), seed: UInt64(3 * n + m + k))
        var rng = SplitMix64(seed: 78)
        let b = DenseMatrix.gaussian(rows: n, columns: k, using: &rng)
        let c = a.transposeMultiply(b)
        #expect(c.rowCount == m)
        #expect(Reference.maxRelativeError(c, Reference.multiply(a.toDense(), b, transposeA: true)) < 1e-5)
    }

    @Test("Empty rows and all-zero matrices give zero products")
    func emptyRows() {
        let z = CSRMatrix(zeros: 4, columns: 3)
        let b = DenseMatrix(rows: 3, columns: 2, repeating: 1)
        #expect(z.multiply(b).values.allSatisfy { $0 == 0 })
        #expect(z.transposeMultiply(DenseMatrix(rows: 4, columns: 2, repeating: 1)).values.allSatisfy { $0 == 0 })
    }

    @Test("Triplets with duplicates are summed and sorted; transpose round-trips")
    func tripletsAndTranspose() throws {
        let a = try CSRMatrix(rows: 3, columns: 4, triplets: [(2, 3, 1), (0, 2, 2), (0, 0, 1), (0, 2, 3), (1, 1, -1)])
        #expect(a.rowPointers == [0, 2, 3, 4])
        #expect(a.columnIndices == [0, 2, 1, 3])
        #expect(a.values == [1, 5, -1, 1])
        let t = a.transposed()
        #expect(t.rowCount == 4 && t.columnCount == 3)
        #expect(t.transposed() == a)
        #expect(t.toDense() == a.toDense().transposed())
        let slice = a.rows(1..<3)
        #expect(slice.rowPointers == [0, 1, 2])
        #expect(slice.toDense().row(1) == [0, 0, 0, 1])
        #expect(a.rows(at: [2, 0]).toDense().row(1) == a.toDense().row(0))
    }

    @Test("Validation reports what is wrong", arguments: [
        ([0, 1], [Int32(5)], [Float(1)], CSRValidationError.columnOutOfRange(row: 0, column: 5, columnCount: 3)),
        ([0, 2], [Int32(2), 1], [Float(1), 1], .unsortedColumns(row: 0)),
        ([0, 2], [Int32(1), 1], [Float(1), 1], .unsortedColumns(row: 0)),
        ([0, 1], [Int32(1)], [Float.nan], .nonFiniteValue(row: 0, column: 1)),
        ([0, 1, 2], [Int32(1)], [Float(1)], .rowPointerCount(expected: 2, got: 3)),
        ([0, 2], [Int32(1)], [Float(1)], .rowPointerBounds(first: 0, last: 2, entryCount: 1)),
        ([0, 1], [Int32(1), 2], [Float(1)], .lengthMismatch(columnIndices: 2, values: 1)),
    ])
    func validation(pointers: [Int], columns: [Int32], values: [Float], expected: CSRValidationError) {
        #expect(throws: expected) {
            _ = try CSRMatrix(rows: 1, columns: 3, rowPointers: pointers, columnIndices: columns, values: values)
        }
    }

    @Test("Validation message names the row and column")
    func validationMessage() {
        let e = CSRValidationError.columnOutOfRange(row: 4, column: 9, columnCount: 5)
        #expect(e.description == "row 4: column 9 is outside 0..<5")
    }

    @Test("Decreasing row pointers are rejected")
    func decreasingPointers() {
        #expect(throws: CSRValidationError.decreasingRowPointer(row: 0)) {
            _ = try CSRMatrix(rows: 2, columns: 3, rowPointers: [0, 2, 1], columnIndices: [0], values: [1])
        }
    }

    @Test("Row norms and normalisation")
    func norms() throws {
        var a = try CSRMatrix(rows: [[(0, 3), (2, 4)], [], [(1, -2)]], columns: 3)
        #expect(a.rowNorms() == [5, 0, 2])
        a.normalizeRows()
        #expect(a.values == [0.6, 0.8, -1])
    }

    @Test("Random matrices are seeded, sorted and in (0, 1)")
    func randomShape() {
        var r1 = SplitMix64(seed: 5), r2 = SplitMix64(seed: 5)
        let a = CSRMatrix.random(rows: 50, columns: 40, nonZeros: 333, using: &r1)
        #expect(a == CSRMatrix.random(rows: 50, columns: 40, nonZeros: 333, using: &r2))
        #expect(a.nonZeroCount == 333)
        #expect(a.values.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(throws: Never.self) {
            _ = try CSRMatrix(rows: 50, columns: 40, rowPointers: a.rowPointers, columnIndices: a.columnIndices, values: a.values)
        }
    }
}
