/// Dense products through BLAS, and row-wise helpers.
extension DenseMatrix {
    /// op(A) · op(B) through `cblas_sgemm`, where op transposes when asked.
    /// - Precondition: inner dimensions agree.
    /// - Complexity: 2·m·n·k flops (BLAS-3).
    public static func multiply(_ a: DenseMatrix, _ b: DenseMatrix,
                                transposeA ta: Bool = false, transposeB tb: Bool = false) -> DenseMatrix {
        let m = ta ? a.columnCount : a.rowCount
        let ka = ta ? a.rowCount : a.columnCount
        let kb = tb ? b.columnCount : b.rowCount
        let n = tb ? b.rowCount : b.columnCount
        precondition(ka == kb, "Dimension mismatch: op(A) is \(m)×\(ka), op(B) is \(kb)×\(n)")
        var c = DenseMatrix(rows: m, columns: n)
        guard m > 0, n > 0 else { return c }
        if ka == 0 { return c }
        a.values.withUnsafeBufferPointer { ap in
            b.values.withUnsafeBufferPointer { bp in
                c.values.withUnsafeMutableBufferPointer { cp in
                    CBLAS.sgemm(transA: ta, transB: tb, m: m, n: n, k: ka, alpha: 1,
                                a: ap.baseAddress!, lda: max(1, a.columnCount),
                                b: bp.baseAddress!, ldb: max(1, b.columnCount),
                                beta: 0, c: cp.baseAddress!, ldc: max(1, n))
                }
            }
        }
        return c
    }

    /// A · B.
    public static func * (a: DenseMatrix, b: DenseMatrix) -> DenseMatrix { multiply(a, b) }

    /// The Euclidean norm of every row.
    /// - Complexity: O(rows × columns).
    public func rowNorms() -> [Float] {
        var norms = [Float](repeating: 0, count: rowCount)
        let d = columnCount
        values.withUnsafeBufferPointer { v in
            for i in 0..<rowCount {
                let p = v.baseAddress! + i * d
                norms[i] = VectorOps.dot(d, p, p).squareRoot()
            }
        }
        return norms
    }

    /// Scales every row to unit Euclidean norm; all-zero rows stay zero.
    public mutating func normalizeRows() {
        let norms = rowNorms()
        let d = columnCount
        values.withUnsafeMutableBufferPointer { v in
            for i in 0..<rowCount where norms[i] > 0 {
                let inv = 1 / norms[i]
                for j in 0..<d { v[i * d + j] *= inv }
            }
        }
    }

    /// The leading `count` columns.
    public func leadingColumns(_ count: Int) -> DenseMatrix {
        precondition(count >= 0 && count <= columnCount, "Column count \(count) out of 0...\(columnCount)")
        if count == columnCount { return self }
        var out = [Float](); out.reserveCapacity(rowCount * count)
        for i in 0..<rowCount { out.append(contentsOf: values[(i * columnCount)..<(i * columnCount + count)]) }
        return DenseMatrix(rows: rowCount, columns: count, values: out)
    }
}
