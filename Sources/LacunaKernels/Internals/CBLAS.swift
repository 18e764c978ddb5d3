internal import COpenBLAS

/// Thin wrappers over the CBLAS routines LacunaKernels calls, one per routine.
/// All matrices are row-major; pointers must cover the extents implied by the arguments.
enum CBLAS {
    /// C ← α·op(A)·op(B) + β·C for row-major matrices.
    /// The corresponding CBLAS routine is `cblas_sgemm`.
    static func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                      beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// C ← Aᵀ·A for a row-major n × l matrix A, written to the upper triangle of the l × l C.
    /// The corresponding CBLAS routine is `cblas_ssyrk`.
    static func gramUpper(n: Int, l: Int, a: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(l), Int32(n), 1, a, Int32(l), 0, c, Int32(l))
    }

    /// B ← B·R⁻¹ for a row-major n × l B and an upper-triangular row-major l × l R.
    /// The corresponding CBLAS routine is `cblas_strsm`.
    static func solveRightUpper(n: Int, l: Int, r: UnsafePointer<Float>, b: UnsafeMutablePointer<Float>) {
        cblas_strsm(CblasRowMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(n), Int32(l), 1, r, Int32(l), b, Int32(l))
    }

    /// Dot product of two strided vectors.
    /// The corresponding CBLAS routine is `cblas_sdot`.
    static func sdot(count: Int, x: UnsafePointer<Float>, incX: Int = 1, y: UnsafePointer<Float>, incY: Int = 1) -> Float {
        cblas_sdot(Int32(count), x, Int32(incX), y, Int32(incY))
    }

    /// Euclidean norm of a strided vector.
    /// The corresponding CBLAS routine is `cblas_snrm2`.
    static func snrm2(count: Int, x: UnsafePointer<Float>, incX: Int = 1) -> Float {
        cblas_snrm2(Int32(count), x, Int32(incX))
    }

    /// x ← α·x.
    /// The corresponding CBLAS routine is `cblas_sscal`.
    static func sscal(count: Int, alpha: Float, x: UnsafeMutablePointer<Float>, incX: Int = 1) {
        cblas_sscal(Int32(count), alpha, x, Int32(incX))
    }

    /// Number of threads OpenBLAS uses for its next call.
    /// The corresponding OpenBLAS routine is `openblas_get_num_threads`.
    static func threadCount() -> Int { Int(openblas_get_num_threads()) }

    /// Sets the (process-global) OpenBLAS thread count.
    /// The corresponding OpenBLAS routine is `openblas_set_num_threads`.
    static func setThreadCount(_ n: Int) { openblas_set_num_threads(Int32(n)) }

    /// The name of the core OpenBLAS dispatched to (e.g. "Haswell", "Zen").
    /// The corresponding OpenBLAS routine is `openblas_get_corename`.
    static func coreName() -> String {
        guard let p = openblas_get_corename() else { return "unknown" }
        return String(cString: p)
    }

    /// OpenBLAS's build configuration string.
    /// The corresponding OpenBLAS routine is `openblas_get_config`.
    static func config() -> String {
        guard let p = openblas_get_config() else { return "unknown" }
        return String(cString: p)
    }
}
