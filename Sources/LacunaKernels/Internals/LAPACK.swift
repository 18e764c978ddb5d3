internal import COpenBLAS

/// A LAPACK routine reported failure through its `info` argument.
public enum LAPACKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Argument number `argument` had an illegal value (info < 0): a programming error in Lacuna.
    case illegalArgument(routine: String, argument: Int)
    /// The routine did not converge or the matrix was singular (info > 0).
    case noConvergence(routine: String, info: Int)

    public var description: String {
        switch self {
        case let .illegalArgument(r, a): return "LAPACK \(r): argument \(a) had an illegal value"
        case let .noConvergence(r, i): return "LAPACK \(r) did not converge (info = \(i)); the matrix may contain NaN or be badly scaled"
        }
    }
}

/// Turns a LAPACK `info` code into an error, in one place (modelled on swift-system's `valueOrErrno`).
@inline(__always)
func checkInfo(_ routine: StaticString, _ info: Int32) throws(LAPACKError) {
    if info < 0 { throw .illegalArgument(routine: "\(routine)", argument: Int(-info)) }
    if info > 0 { throw .noConvergence(routine: "\(routine)", info: Int(info)) }
}

/// Thin wrappers over Fortran LAPACK (column-major), one per routine, each doing its workspace query.
enum LAPACK {
    /// Thin SVD of a column-major m×n matrix `a` (destroyed): a = U·diag(s)·Vᵀ with
    /// U m×min(m,n) (ldu = m) and Vᵀ min(m,n)×n (ldvt = min(m,n)).
    /// The corresponding LAPACK routine is `sgesdd`.
    static func sgesdd(m: Int, n: Int, a: UnsafeMutablePointer<Float>, s: UnsafeMutablePointer<Float>,
                       u: UnsafeMutablePointer<Float>, vt: UnsafeMutablePointer<Float>) throws(LAPACKError) {
        var m32 = Int32(m), n32 = Int32(n), lda = Int32(max(1, m)), ldu = Int32(max(1, m))
        var ldvt = Int32(max(1, min(m, n))), info: Int32 = 0, lwork: Int32 = -1
        var query: Float = 0
        var iwork = [Int32](repeating: 0, count: 8 * max(1, min(m, n)))
        sgesdd_("S", &m32, &n32, a, &lda, s, u, &ldu, vt, &ldvt, &query, &lwork, &iwork, &info, 1)
        try checkInfo("sgesdd", info)
        lwork = Int32(query.rounded(.up)) + 1
        var work = [Float](repeating: 0, count: Int(lwork))
        sgesdd_("S", &m32, &n32, a, &lda, s, u, &ldu, vt, &ldvt, &work, &lwork, &iwork, &info, 1)
        try checkInfo("sgesdd", info)
    }

    /// Cholesky factorisation of a symmetric positive definite l × l matrix given by its row-major
    /// upper triangle: on return that triangle holds R with G = Rᵀ·R (the lower triangle is untouched).
    /// Returns false when G is not numerically positive definite.
    /// The corresponding LAPACK routine is `spotrf` (on the column-major lower triangle, the same memory).
    static func choleskyUpper(l: Int, g: UnsafeMutablePointer<Float>) throws(LAPACKError) -> Bool {
        var n = Int32(l), lda = Int32(max(1, l)), info: Int32 = 0
        spotrf_("L", &n, g, &lda, &info, 1)
        if info > 0 { return false }
        try checkInfo("spotrf", info)
        return true
    }

    /// In-place orthonormalisation of the COLUMNS of a column-major m×n matrix (m ≥ n) by
    /// Householder QR; `factored` sees the packed factorisation (R in the upper triangle) before Q
    /// is formed.
    /// The corresponding LAPACK routines are `sgeqrf` and `sorgqr`.
    static func orthonormalizeColumns(m: Int, n: Int, a: UnsafeMutablePointer<Float>,
                                      factored: (UnsafeMutablePointer<Float>) -> Void = { _ in }) throws(LAPACKError) {
        precondition(m >= n, "orthonormalizeColumns needs m ≥ n; got \(m)×\(n)")
        var m32 = Int32(m), n32 = Int32(n), k32 = Int32(n), lda = Int32(max(1, m)), info: Int32 = 0
        var tau = [Float](repeating: 0, count: max(1, n))
        var lwork: Int32 = -1, query: Float = 0
        sgeqrf_(&m32, &n32, a, &lda, &tau, &query, &lwork, &info)
        try checkInfo("sgeqrf", info)
        var query2: Float = 0
        sorgqr_(&m32, &n32, &k32, a, &lda, &tau, &query2, &lwork, &info)
        try checkInfo("sorgqr", info)
        lwork = Int32(max(query, query2).rounded(.up)) + 1
        var work = [Float](repeating: 0, count: Int(lwork))
        sgeqrf_(&m32, &n32, a, &lda, &tau, &work, &lwork, &info)
        try checkInfo("sgeqrf", info)
        factored(a)
        sorgqr_(&m32, &n32, &k32, a, &lda, &tau, &work, &lwork, &info)
        try checkInfo("sorgqr", info)
    }
}
