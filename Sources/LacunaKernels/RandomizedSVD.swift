/// How many power (subspace) iterations a randomized SVD performs.
public enum PowerIterations: Sendable, Hashable, Codable {
    /// 7 when rank < 0.1·min(n, m), else 4 (the rule of scikit-learn's `randomized_svd`).
    case auto
    /// Exactly this many.
    case count(Int)

    /// The number of iterations for a rank-`rank` decomposition of an n×m matrix.
    public func resolved(rank: Int, rows: Int, columns: Int) -> Int {
        switch self {
        case .auto: return Double(rank) < 0.1 * Double(min(rows, columns)) ? 7 : 4
        case .count(let q): return q
        }
    }
}

/// A rank-k truncated SVD A ≈ U·diag(σ)·Vᵀ.
public struct TruncatedSVD: Sendable, Equatable {
    /// U, n × k, orthonormal columns.
    public var leftVectors: DenseMatrix
    /// σ₁ ≥ σ₂ ≥ … ≥ σ_k ≥ 0.
    public var singularValues: [Float]
    /// V, m × k (row j holds term j's loadings), orthonormal columns.
    public var rightVectors: DenseMatrix
    /// Passes over the sparse matrix the computation made (each a sparse × dense product).
    public var passes: Int
}

/// Why a decomposition could not be computed.
public enum DecompositionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option is out of its valid range.
    case invalidParameter(name: String, expected: String, got: String)
    /// A LAPACK routine failed.
    case lapack(LAPACKError)

    public var description: String {
        switch self {
        case let .invalidParameter(name, expected, got): return "--\(name) must be in \(expected); got \(got)."
        case let .lapack(e): return e.description
        }
    }
}

/// Randomized truncated SVD of a sparse matrix (Halko, Martinsson & Tropp 2011, Algorithms 4.4 and 5.1).
///
/// With l = rank + oversamples (capped at min(n, m)): Y = A·Ω for a Gaussian m×l Ω; q power
/// iterations Y ← A·orth(Aᵀ·orth(Y)), each product followed by re-orthonormalisation (LQ
/// factorisation of the row-major block, in place); Q = orth(Y); B = Qᵀ·A computed as Aᵀ·Q;
/// the small SVD B = Û·Σ·Vᵀ by LAPACK `sgesdd`; U = Q·Û. Signs follow scikit-learn's
/// `svd_flip` with the decision on U: the largest-magnitude entry of each left vector is positive,
/// so a refit with the same seed is bit-identical.
///
/// - Parameters:
///   - a: the n × m matrix.
///   - rank: k, the number of components, in 1...min(n, m).
///   - oversamples: extra random directions p (default 10).
///   - powerIterations: q (default ``PowerIterations/auto``).
///   - rng: the source of the Gaussian test matrix.
/// - Throws: ``DecompositionError`` for a rank out of range or a LAPACK failure.
/// - Complexity: 2 + 2q sparse × dense products (each 2·nnz·l flops), plus O((n + m)·l²) for the
///   factorisations. Edge cases: an all-zero matrix gives zero singular values and arbitrary
///   orthonormal vectors; rank = min(n, m) is allowed (the sketch is then exact up to rounding).
public func randomizedSVD(_ a: CSRMatrix, rank: Int, oversamples: Int = 10,
                          powerIterations: PowerIterations = .auto,
                          using rng: inout some RandomNumberGenerator) throws(DecompositionError) -> TruncatedSVD {
    let n = a.rowCount, m = a.columnCount
    let limit = min(n, m)
    guard limit >= 1 else { throw .invalidParameter(name: "dims", expected: "1...min(rows, columns) for a non-empty matrix", got: "\(rank) on a \(n)×\(m) matrix") }
    guard rank >= 1 && rank <= limit else { throw .invalidParameter(name: "dims", expected: "1...\(limit)", got: "\(rank)") }
    guard oversamples >= 0 else { throw .invalidParameter(name: "oversamples", expected: "0...", got: "\(oversamples)") }
    let q = powerIterations.resolved(rank: rank, rows: n, columns: m)
    guard q >= 0 else { throw .invalidParameter(name: "power-iterations", expected: "0...", got: "\(q)") }
    // LAPACK's blocked factorisations reduce in a thread-dependent order when OpenBLAS runs
    // several threads; pinning it to one keeps refits bit-identical on any machine. The sparse
    // products, which are nearly all the cost, use both cores through fixed work chunks.
    return try BLASThreads.with(1) { () throws(DecompositionError) -> TruncatedSVD in
        try _randomizedSVD(a, rank: rank, sketch: min(rank + oversamples, limit), powerIterations: q, using: &rng)
    }
}

/// The unchecked core of ``randomizedSVD(_:rank:oversamples:powerIterations:using:)``.
func _randomizedSVD(_ a: CSRMatrix, rank k: Int, sketch l: Int, powerIterations q: Int,
                    using rng: inout some RandomNumberGenerator) throws(DecompositionError) -> TruncatedSVD {
    let n = a.rowCount, m = a.columnCount
    var passes = 0
    let omega = DenseMatrix.gaussian(rows: m, columns: l, using: &rng)
    var y = a.multiply(omega)
    passes += 1
    do {
        try orthonormalizeColumns(&y)
        for _ in 0..<q {
            var z = a.transposeMultiply(y)
            try orthonormalizeColumns(&z)
            y = a.multiply(z)
            try orthonormalizeColumns(&y)
            passes += 2
        }
    } catch { throw .lapack(error) }
    // Bᵀ = Aᵀ·Q is m × l row-major, which is B = Qᵀ·A as an l × m column-major matrix.
    var b = a.transposeMultiply(y)
    passes += 1
    var s = [Float](repeating: 0, count: l)
    var uSmall = [Float](repeating: 0, count: l * l)            // Û, l × l column-major
    var vt = [Float](repeating: 0, count: l * m)                // Vᵀ, l × m column-major = V m × l row-major
    do {
        try b.values.withUnsafeMutableBufferPointer { bp throws(LAPACKError) in
            try s.withUnsafeMutableBufferPointer { sp throws(LAPACKError) in
                try uSmall.withUnsafeMutableBufferPointer { up throws(LAPACKError) in
                    try vt.withUnsafeMutableBufferPointer { vp throws(LAPACKError) in
                        try LAPACK.sgesdd(m: l, n: m, a: bp.baseAddress!, s: sp.baseAddress!,
                                          u: up.baseAddress!, vt: vp.baseAddress!)
                    }
                }
            }
        }
    } catch { throw .lapack(error) }
    // U = Q·Û; Û's column-major buffer read row-major is Ûᵀ, hence the transposed operand.
    let uHatT = DenseMatrix(rows: l, columns: l, values: uSmall)
    var u = DenseMatrix.multiply(y, uHatT, transposeB: true).leadingColumns(k)
    var v = DenseMatrix(rows: m, columns: l, values: vt).leadingColumns(k)
    flipSigns(u: &u, v: &v)
    return TruncatedSVD(leftVectors: u, singularValues: Array(s.prefix(k)), rightVectors: v, passes: passes)
}

/// Orthonormalises the columns of a row-major n × l block in place (LQ of its column-major
/// l × n view), or by QR of the transposed copy when n < l.
func orthonormalizeColumns(_ y: inout DenseMatrix) throws(LAPACKError) {
    let n = y.rowCount, l = y.columnCount
    if l <= n {
        try y.values.withUnsafeMutableBufferPointer { p throws(LAPACKError) in
            try LAPACK.orthonormalizeRows(m: l, n: n, a: p.baseAddress!)
        }
    } else {
        // Fewer rows than columns: orthonormalise what the rank allows, zero the rest.
        var t = y.transposed()     // l × n row-major = n × l column-major
        try t.values.withUnsafeMutableBufferPointer { p throws(LAPACKError) in
            try LAPACK.orthonormalizeColumns(m: n, n: n, a: p.baseAddress!)
        }
        var out = DenseMatrix(rows: n, columns: l)
        for i in 0..<n { for j in 0..<n { out[i, j] = t[j, i] } }
        y = out
    }
}

/// scikit-learn's `svd_flip` with the decision on U: makes the largest-|·| entry of each
/// column of U positive (first such entry on ties), flipping the matching column of V.
func flipSigns(u: inout DenseMatrix, v: inout DenseMatrix) {
    for j in 0..<u.columnCount {
        var best = 0
        var bestAbs: Float = -1
        for i in 0..<u.rowCount where abs(u[i, j]) > bestAbs { bestAbs = abs(u[i, j]); best = i }
        if u.rowCount > 0 && u[best, j] < 0 {
            for i in 0..<u.rowCount { u[i, j] = -u[i, j] }
            for i in 0..<v.rowCount { v[i, j] = -v[i, j] }
        }
    }
}
