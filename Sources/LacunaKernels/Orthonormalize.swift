/// In-place orthonormalisation of tall row-major blocks, the inner step of randomized SVD.
///
/// The fast path is Cholesky QR applied twice ("CholQR2", Yamamoto et al. 2015): G = YᵀY by
/// `ssyrk`, G = RᵀR by `spotrf`, Y ← Y·R⁻¹ by `strsm`. Every step is BLAS-3 over contiguous
/// rows of the row-major block, so no transpose is needed and nothing is allocated beyond the
/// l × l Gram matrix. One pass squares the block's condition number, so a pass is accepted only
/// when R's diagonal spread is below ``choleskyConditionLimit``; the second pass then restores
/// orthogonality to working precision. When a pass is refused (a rank-deficient or badly
/// conditioned block), Householder QR (`sgeqrf` + `sorgqr` on a transposed copy) takes over.
enum Orthonormalization {
    /// Largest accepted max/min ratio of R's diagonal in a Cholesky pass (≈ its condition number).
    static let choleskyConditionLimit: Float = 500

    /// Replaces the columns of the row-major n × l block `y` (l ≤ n) by an orthonormal basis of
    /// their span and returns the upper-triangular l × l R with y_in = y_out · R.
    /// - Precondition: `y.columnCount <= y.rowCount`.
    /// - Complexity: 4·n·l² flops on the fast path (two passes of `ssyrk` + `strsm`).
    static func orthonormalize(_ y: inout DenseMatrix) throws(LAPACKError) -> DenseMatrix {
        precondition(y.columnCount <= y.rowCount, "orthonormalize needs a tall block; got \(y.rowCount)×\(y.columnCount)")
        guard let r1 = try choleskyPass(&y) else { return try householder(&y) }
        guard let r2 = try choleskyPass(&y) else {
            let r = try householder(&y)
            return DenseMatrix.multiply(r, r1)
        }
        return DenseMatrix.multiply(r2, r1)
    }

    /// One Cholesky QR pass; nil (and `y` untouched) when the Gram matrix is not safely positive definite.
    static func choleskyPass(_ y: inout DenseMatrix) throws(LAPACKError) -> DenseMatrix? {
        let n = y.rowCount, l = y.columnCount
        var g = [Float](repeating: 0, count: l * l)
        y.values.withUnsafeBufferPointer { yp in
            g.withUnsafeMutableBufferPointer { gp in CBLAS.gramUpper(n: n, l: l, a: yp.baseAddress!, c: gp.baseAddress!) }
        }
        let ok = try g.withUnsafeMutableBufferPointer { gp throws(LAPACKError) in
            try LAPACK.choleskyUpper(l: l, g: gp.baseAddress!)
        }
        guard ok else { return nil }
        var largest: Float = 0, smallest = Float.infinity
        for i in 0..<l {
            let d = g[i * l + i]
            largest = max(largest, d); smallest = min(smallest, d)
            for j in 0..<i { g[i * l + j] = 0 }
        }
        guard smallest.isFinite, smallest > 0, largest <= smallest * choleskyConditionLimit else { return nil }
        y.values.withUnsafeMutableBufferPointer { yp in
            g.withUnsafeBufferPointer { rp in CBLAS.solveRightUpper(n: n, l: l, r: rp.baseAddress!, b: yp.baseAddress!) }
        }
        return DenseMatrix(rows: l, columns: l, values: g)
    }

    /// Householder QR of the row-major block through its transposed copy (column-major n × l).
    static func householder(_ y: inout DenseMatrix) throws(LAPACKError) -> DenseMatrix {
        let n = y.rowCount, l = y.columnCount
        var t = y.transposed()                      // l × n row-major = n × l column-major
        var r = DenseMatrix(rows: l, columns: l)
        try t.values.withUnsafeMutableBufferPointer { p throws(LAPACKError) in
            try LAPACK.orthonormalizeColumns(m: n, n: l, a: p.baseAddress!) { packed in
                // R sits in the upper triangle of the first l rows (column-major, leading dimension n).
                for j in 0..<l { for i in 0...j { r[i, j] = packed[j * n + i] } }
            }
        }
        y = t.transposed()
        return r
    }
}
