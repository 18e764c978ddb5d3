import Foundation
import Testing
import LacunaKernels
import _LacunaTestSupport

@Suite("Randomized SVD", .serialized)
struct RandomizedSVDTests {
    /// A = U·diag(σ)·Vᵀ with orthonormal U, V and a chosen spectrum, stored as CSR.
    static func knownSpectrum(rows n: Int, columns m: Int, spectrum: [Double]) -> CSRMatrix {
        let r = spectrum.count
        let u = Reference.orthonormalColumns(rows: n, columns: r, seed: 11)
        let v = Reference.orthonormalColumns(rows: m, columns: r, seed: 12)
        var rows: [[(column: Int, value: Float)]] = []
        for i in 0..<n {
            var row: [(column: Int, value: Float)] = []
            for j in 0..<m {
                var s = 0.0
                for t in 0..<r { s += u[i][t] * spectrum[t] * v[j][t] }
                row.append((j, Float(s)))
            }
            rows.append(row)
        }
        return try! CSRMatrix(rows: rows, columns: m)
    }

    @Test("Recovers a known spectrum")
    func knownSpectrumRecovered() throws {
        let spectrum = (0..<30).map { 10.0 * pow(0.8, Double($0)) }
        let a = Self.knownSpectrum(rows: 200, columns: 120, spectrum: spectrum)
        var rng = SplitMix64(seed: 1)
        let svd = try randomizedSVD(a, rank: 10, powerIterations: .count(4), using: &rng)
        for j in 0..<10 {
            #expect(abs(Double(svd.singularValues[j]) - spectrum[j]) / spectrum[j] < 1e-3, "σ\(j)")
        }
        #expect(Reference.orthogonalityError(svd.leftVectors) < 1e-4)
        #expect(Reference.orthogonalityError(svd.rightVectors) < 1e-4)
    }

    @Test("Agrees with LAPACK's exact SVD on a random sparse matrix, and reconstructs it")
    func matchesExact() throws {
        var rng = SplitMix64(seed: 2)
        let a = CSRMatrix.random(rows: 300, columns: 150, nonZeros: 3000, using: &rng)
        let exact = try exactSingularValues(a.toDense())
        var r2 = SplitMix64(seed: 3)
        let k = 150   // full rank: the sketch spans everything, so this must be exact to rounding
        let svd = try randomizedSVD(a, rank: k, oversamples: 10, powerIterations: .count(2), using: &r2)
        for j in 0..<k { #expect(abs(svd.singularValues[j] - exact[j]) <= 1e-4 * exact[0], "σ\(j)") }
        // ‖A − UΣVᵀ‖_F / ‖A‖_F
        let us = DenseMatrix(rows: 300, columns: k, values: (0..<(300 * k)).map { svd.leftVectors.values[$0] * svd.singularValues[$0 % k] })
        let approx = DenseMatrix.multiply(us, svd.rightVectors, transposeB: true)
        let dense = a.toDense()
        var num = 0.0, den = 0.0
        for t in 0..<dense.values.count {
            let e = Double(dense.values[t] - approx.values[t]); num += e * e; den += Double(dense.values[t] * dense.values[t])
        }
        #expect((num / den).squareRoot() < 1e-4)
        // Truncated: the top 10 match too.
        var r3 = SplitMix64(seed: 4)
        let top = try randomizedSVD(a, rank: 10, powerIterations: .count(7), using: &r3)
        for j in 0..<10 { #expect(abs(top.singularValues[j] - exact[j]) / exact[j] < 1e-2, "σ\(j)") }
    }

    @Test("Same seed gives bit-identical results whatever the BLAS thread count")
    func deterministic() throws {
        var rng = SplitMix64(seed: 5)
        let a = CSRMatrix.random(rows: 3000, columns: 800, nonZeros: 40000, using: &rng)
        let saved = BLASThreads.count
        defer { BLASThreads.set(saved) }
        BLASThreads.set(1)
        var r1 = SplitMix64(seed: 42)
        let one = try randomizedSVD(a, rank: 20, using: &r1)
        BLASThreads.set(2)
        var r2 = SplitMix64(seed: 42)
        let two = try randomizedSVD(a, rank: 20, using: &r2)
        #expect(Bool(one == two), "1 and 2 BLAS threads differ")
        var r3 = SplitMix64(seed: 43)
        #expect(Bool(try randomizedSVD(a, rank: 20, using: &r3).leftVectors != one.leftVectors))
    }

    @Test("Signs follow svd_flip: the largest-magnitude entry of each left vector is positive")
    func signConvention() throws {
        var rng = SplitMix64(seed: 6)
        let a = CSRMatrix.random(rows: 100, columns: 60, nonZeros: 900, using: &rng)
        let svd = try randomizedSVD(a, rank: 8, using: &rng)
        for j in 0..<8 {
            let column = (0..<100).map { svd.leftVectors[$0, j] }
            let biggest = column.max { abs($0) < abs($1) }!
            #expect(biggest > 0)
        }
    }

    @Test("Rank out of range is an error with the valid range")
    func invalidRank() {
        var rng = SplitMix64(seed: 1)
        let a = CSRMatrix.random(rows: 10, columns: 5, nonZeros: 20, using: &rng)
        #expect(throws: DecompositionError.invalidParameter(name: "dims", expected: "1...5", got: "0")) {
            _ = try randomizedSVD(a, rank: 0, using: &rng)
        }
        #expect(throws: DecompositionError.invalidParameter(name: "dims", expected: "1...5", got: "6")) {
            _ = try randomizedSVD(a, rank: 6, using: &rng)
        }
        #expect(DecompositionError.invalidParameter(name: "dims", expected: "1...5", got: "6").description
                == "--dims must be in 1...5; got 6.")
    }

    @Test("Auto power iterations follow the documented rule")
    func autoRule() {
        #expect(PowerIterations.auto.resolved(rank: 10, rows: 1000, columns: 500) == 7)
        #expect(PowerIterations.auto.resolved(rank: 60, rows: 1000, columns: 500) == 4)
    }

    @Test("More rows than columns and fewer rows than the sketch both work")
    func wideAndTall() throws {
        var rng = SplitMix64(seed: 8)
        let wide = CSRMatrix.random(rows: 12, columns: 400, nonZeros: 600, using: &rng)
        let exact = try exactSingularValues(wide.toDense())
        let svd = try randomizedSVD(wide, rank: 12, using: &rng)
        for j in 0..<12 { #expect(abs(svd.singularValues[j] - exact[j]) <= 1e-4 * exact[0]) }
    }
}
