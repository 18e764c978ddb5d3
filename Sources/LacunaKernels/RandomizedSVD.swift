/// How many power (subspace) iterations a randomized SVD performs.
public enum PowerIterations: Sendable, Hashable, Codable {
    /// 7 when rank < 0.1·min(n, m), else 4 (the rule of scikit-learn's `randomized_svd`).
    case auto
    /// Exactly this many.
    case count(Int)

    /// Encoded as the string "auto" or the integer count.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let q = try? c.decode(Int.self) { self = .count(q); return }
        let s = try c.decode(String.self)
        guard s == "auto" else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected \"auto\" or an integer; got \"\(s)\"")
        }
        self = .auto
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .auto: try c.encode("auto")
        case .count(let q): try c.encode(q)
        }
    }

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
/// iterations Y ← A·orth(Aᵀ·orth(Y)), each product followed by re-orthonormalisation in place
/// (Cholesky QR twice, Householder QR when that is refused: see `Orthonormalization`);
/// Q = orth(Y); Bᵀ = Aᵀ·Q orthonormalised as Q_b·R; the small SVD of the l × l R by LAPACK
/// `sgesdd` gives both singular-vector sets. Signs follow scikit-learn's
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
///
/// The small SVD avoids a wide factorisation: with Bᵀ = Aᵀ·Q (m × l) orthonormalised as
/// Bᵀ = Q_b·R, the l × l R is decomposed by `sgesdd` as R = V′·Σ·U′ᵀ, so A ≈ Q·B =
/// (Q·U′)·Σ·(Q_b·V′)ᵀ.
func _randomizedSVD(_ a: CSRMatrix, rank k: Int, sketch l: Int, powerIterations q: Int,
                    using rng: inout some RandomNumberGenerator) throws(DecompositionError) -> TruncatedSVD {
    let m = a.columnCount
    var passes = 0
    let omega = DenseMatrix.gaussian(rows: m, columns: l, using: &rng)
    var y = a.multiply(omega)
    passes += 1
    var bt: DenseMatrix
    var r: DenseMatrix
    do {
        _ = try Orthonormalization.orthonormalize(&y)
        for _ in 0..<q {
            var z = a.transposeMultiply(y)
            _ = try Orthonormalization.orthonormalize(&z)
            y = a.multiply(z)
            _ = try Orthonormalization.orthonormalize(&y)
            passes += 2
        }
        bt = a.transposeMultiply(y)             // Bᵀ = Aᵀ·Q, m × l
        passes += 1
        r = try Orthonormalization.orthonormalize(&bt)   // Bᵀ = Q_b·R
    } catch { throw .lapack(error) }
    // R row-major is Rᵀ column-major: sgesdd gives Rᵀ = U′·Σ·V′ᵀ, i.e. R = V′·Σ·U′ᵀ... read with care:
    // its "u" output (column-major) is the left factor of Rᵀ, which is R's right factor.
    var s = [Float](repeating: 0, count: l)
    var left = [Float](repeating: 0, count: l * l)     // column-major U of Rᵀ (= right vectors of R)
    var right = [Float](repeating: 0, count: l * l)    // column-major Vᵀ of Rᵀ (= left vectors of R, transposed)
    do {
        try r.values.withUnsafeMutableBufferPointer { rp throws(LAPACKError) in
            try s.withUnsafeMutableBufferPointer { sp throws(LAPACKError) in
                try left.withUnsafeMutableBufferPointer { up throws(LAPACKError) in
                    try right.withUnsafeMutableBufferPointer { vp throws(LAPACKError) in
                        try LAPACK.sgesdd(m: l, n: l, a: rp.baseAddress!, s: sp.baseAddress!,
                                          u: up.baseAddress!, vt: vp.baseAddress!)
                    }
                }
            }
        }
    } catch { throw .lapack(error) }
    // Rᵀ = P·Σ·Wᵀ (P = `left`, W = `right`ᵀ) ⇒ R = W·Σ·Pᵀ ⇒ Bᵀ = Q_b·W·Σ·Pᵀ ⇒ A ≈ Q·P·Σ·(Q_b·W)ᵀ.
    // `left` column-major read row-major is Pᵀ; `right` column-major read row-major is W.
    var u = DenseMatrix.multiply(y, DenseMatrix(rows: l, columns: l, values: left), transposeB: true).leadingColumns(k)
    var v = DenseMatrix.multiply(bt, DenseMatrix(rows: l, columns: l, values: right)).leadingColumns(k)
    flipSigns(u: &u, v: &v)
    return TruncatedSVD(leftVectors: u, singularValues: Array(s.prefix(k)), rightVectors: v, passes: passes)
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
