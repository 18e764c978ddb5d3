#if canImport(Glibc)
import Glibc
#endif

/// Times the kernels on seeded operands and relates them to ceilings measured in the same run.
public struct KernelBench: Sendable {
    /// The kernels `lacuna bench` knows.
    public enum Kernel: String, CaseIterable, Sendable {
        case sgemm, spmm, spmm_t, topk_cosine, randomized_svd, kmeans
    }

    /// Requested operand shape; nil fields take the kernel's default.
    public struct Shape: Sendable {
        public var rows: Int?, columns: Int?, nonZeros: Int?, denseColumns: Int?, k: Int?, queries: Int?
        public init(rows: Int? = nil, columns: Int? = nil, nonZeros: Int? = nil, denseColumns: Int? = nil, k: Int? = nil, queries: Int? = nil) {
            self.rows = rows; self.columns = columns; self.nonZeros = nonZeros; self.denseColumns = denseColumns; self.k = k; self.queries = queries
        }
    }

    /// Machine ceilings measured in this run.
    public struct Ceilings: Sendable, Codable {
        /// sgemm GFLOP/s on all cores (4096 × 4096 × 4096).
        public var gflops: Double
        /// Streaming read+write bandwidth, GB/s (256 MiB arrays, both cores).
        public var gbps: Double
    }

    /// One kernel's result.
    public struct Measurement: Sendable, Codable {
        public var kernel: String
        public var shape: String
        public var seconds: Double
        public var gflops: Double?
        public var gbps: Double?
        public var ceilingFraction: Double?
        /// A check that the result is right (relative error against a reference or residual).
        public var check: String
    }

    /// Timed repetitions per kernel.
    public let repeats: Int
    /// Seed of the operands.
    public let seed: UInt64

    /// A bench with `repeats` repetitions and operands from `seed`.
    public init(repeats: Int = 3, seed: UInt64 = 1) { self.repeats = repeats; self.seed = seed }

    /// Monotonic seconds.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Best time of `repeats` runs of `body` (after one untimed warm-up when `warmUp`).
    func best(warmUp: Bool = true, _ body: () throws -> Void) rethrows -> Double {
        if warmUp { try body() }
        var t = Double.infinity
        for _ in 0..<repeats {
            let t0 = Self.now()
            try body()
            t = min(t, Self.now() - t0)
        }
        return t
    }

    /// Measures the sgemm and bandwidth ceilings (best of at least 3 runs each, after a warm-up
    /// that also starts OpenBLAS's threads).
    public func measureCeilings() -> Ceilings {
        let n = 4096
        let bench = KernelBench(repeats: max(3, repeats), seed: seed)
        var rng = SplitMix64(seed: seed)
        let a = DenseMatrix.uniform(rows: n, columns: n, using: &rng)
        let b = DenseMatrix.uniform(rows: n, columns: n, using: &rng)
        let threads = BLASThreads.processorCount
        let tg = BLASThreads.with(threads) { bench.best { _ = DenseMatrix.multiply(a, b) } }
        let gflops = 2 * Double(n) * Double(n) * Double(n) / tg / 1e9
        // Bandwidth: y = x + 1 over 64M floats, both cores, in fixed halves (read 256 MiB, write 256 MiB).
        let count = 64 << 20
        let x = [Float](repeating: 1, count: count)
        var y = [Float](repeating: 0, count: count)
        let tb = bench.best {
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    let xb = xp.baseAddress!, yb = yp.baseAddress!
                    let parts = 16
                    parallelFor(parts) { part in
                        let lo = part * (count / parts), hi = lo + count / parts
                        var i = lo
                        let one = SIMD8<Float>(repeating: 1)
                        while i < hi {
                            let v = UnsafeRawPointer(xb + i).loadUnaligned(as: SIMD8<Float>.self)
                            UnsafeMutableRawPointer(yb + i).storeBytes(of: v + one, as: SIMD8<Float>.self)
                            i += 8
                        }
                    }
                }
            }
        }
        precondition(y[count - 1] == 2)
        let gbps = Double(2 * count * 4) / tb / 1e9
        return Ceilings(gflops: gflops, gbps: gbps)
    }

    /// Runs one kernel at `shape`.
    public func run(_ kernel: Kernel, shape: Shape, ceilings: Ceilings?) throws -> Measurement {
        var rng = SplitMix64(seed: seed)
        func fraction(gflops: Double?, gbps: Double?) -> Double? {
            guard let c = ceilings else { return nil }
            if let gbps { return gbps / c.gbps }
            if let gflops { return gflops / c.gflops }
            return nil
        }
        switch kernel {
        case .sgemm:
            let m = shape.rows ?? 4096, n = shape.columns ?? 4096, k = shape.denseColumns ?? 4096
            let a = DenseMatrix.uniform(rows: m, columns: k, using: &rng)
            let b = DenseMatrix.uniform(rows: k, columns: n, using: &rng)
            var c = DenseMatrix(rows: 0, columns: 0)
            let t = BLASThreads.with(BLASThreads.processorCount) { best { c = DenseMatrix.multiply(a, b) } }
            let check = Self.spotCheckDense(a, b, c, using: &rng)
            let gf = 2 * Double(m) * Double(n) * Double(k) / t / 1e9
            return Measurement(kernel: kernel.rawValue, shape: "\(m)x\(k) * \(k)x\(n)", seconds: t, gflops: gf,
                               gbps: nil, ceilingFraction: fraction(gflops: gf, gbps: nil), check: check)
        case .spmm, .spmm_t:
            let n = shape.rows ?? 100_000, m = shape.columns ?? 50_000
            let nnz = shape.nonZeros ?? 10_000_000, k = shape.denseColumns ?? 200
            let a = CSRMatrix.random(rows: n, columns: m, nonZeros: min(nnz, n * m), using: &rng)
            let transposed = kernel == .spmm_t
            let b = DenseMatrix.uniform(rows: transposed ? n : m, columns: k, using: &rng)
            var c = DenseMatrix(rows: 0, columns: 0)
            let t = BLASThreads.with(1) {
                best { c = transposed ? a.transposeMultiply(b) : a.multiply(b) }
            }
            let check = Self.spotCheckSparse(a, b, c, transposed: transposed, using: &rng)
            let flops = 2 * Double(a.nonZeroCount) * Double(k)
            // Bytes: A's indices and values, one k-float row of the dense operand gathered (spmm) or
            // scattered (spmm_t) per entry, and the other dense operand streamed once. Every entry
            // touches a random k-float row, so this traffic, not arithmetic, bounds the kernel:
            // ceiling_fraction is against the measured bandwidth.
            let bytes = Double(a.nonZeroCount) * (8 + 4 * Double(k)) + Double(transposed ? b.values.count : c.values.count) * 4
            let gf = flops / t / 1e9, gb = bytes / t / 1e9
            return Measurement(kernel: kernel.rawValue, shape: "\(n)x\(m) nnz=\(a.nonZeroCount) * \(transposed ? n : m)x\(k)",
                               seconds: t, gflops: gf, gbps: gb, ceilingFraction: fraction(gflops: gf, gbps: gb), check: check)
        case .topk_cosine:
            let n = shape.rows ?? 100_000, d = shape.columns ?? 200, k = shape.k ?? 10
            let q = shape.queries ?? 1000
            let x = DenseMatrix.gaussian(rows: n, columns: d, using: &rng)
            let queries = DenseMatrix.gaussian(rows: q, columns: d, using: &rng)
            let index = CosineIndex(x)
            var result: [[Neighbor]] = []
            let t = best { result = index.search(queries, k: k) }
            let check = Self.checkTopK(index, queries, result, k: k)
            let gf = 2 * Double(q) * Double(n) * Double(d) / t / 1e9
            return Measurement(kernel: kernel.rawValue, shape: "\(q) queries x \(n)x\(d), k=\(k)", seconds: t,
                               gflops: gf, gbps: nil, ceilingFraction: fraction(gflops: gf, gbps: nil), check: check)
        case .randomized_svd:
            let n = shape.rows ?? 100_000, m = shape.columns ?? 50_000
            let nnz = shape.nonZeros ?? 5_000_000, k = shape.k ?? 100
            let a = CSRMatrix.random(rows: n, columns: m, nonZeros: min(nnz, n * m), using: &rng)
            var svd: TruncatedSVD?
            let t = try best(warmUp: false) {
                var r = SplitMix64(seed: seed)
                svd = try randomizedSVD(a, rank: k, oversamples: 10, powerIterations: .count(5), using: &r)
            }
            let s = svd!
            let l = min(k + 10, min(n, m))
            let flops = Double(s.passes) * 2 * Double(a.nonZeroCount) * Double(l)
                + 2 * 4 * Double(n + m) * Double(l) * Double(l) * Double(s.passes)
            let gf = flops / t / 1e9
            let check = Self.checkSVD(a, s)
            return Measurement(kernel: kernel.rawValue, shape: "\(n)x\(m) nnz=\(a.nonZeroCount), k=\(k), q=5",
                               seconds: t, gflops: gf, gbps: nil, ceilingFraction: fraction(gflops: gf, gbps: nil), check: check)
        case .kmeans:
            let n = shape.rows ?? 100_000, d = shape.columns ?? 200, k = shape.k ?? 40
            let x = DenseMatrix.gaussian(rows: n, columns: d, using: &rng)
            var result: SphericalKMeans.Result?
            let km = SphericalKMeans(options: .init(clusterCount: k, maxIterations: 20, tolerance: 0, restarts: 1))
            let t = try best(warmUp: false) {
                var r = SplitMix64(seed: seed)
                result = try km.fit(x, using: &r)
            }
            let iters = Double(result!.iterations + 1)
            let gf = 2 * Double(n) * Double(k) * Double(d) * iters / t / 1e9
            return Measurement(kernel: kernel.rawValue, shape: "\(n)x\(d), k=\(k), \(result!.iterations) iterations",
                               seconds: t, gflops: gf, gbps: nil, ceilingFraction: fraction(gflops: gf, gbps: nil),
                               check: "inertia \(String(format2: result!.inertia))")
        }
    }

    static func spotCheckDense(_ a: DenseMatrix, _ b: DenseMatrix, _ c: DenseMatrix, using rng: inout SplitMix64) -> String {
        var worst: Double = 0
        for _ in 0..<32 {
            let i = Int(rng.next() % UInt64(a.rowCount)), j = Int(rng.next() % UInt64(b.columnCount))
            var s: Double = 0
            for t in 0..<a.columnCount { s += Double(a[i, t]) * Double(b[t, j]) }
            worst = max(worst, abs(Double(c[i, j]) - s) / max(abs(s), 1e-30))
        }
        return "max rel err \(String(format2: worst)) on 32 entries"
    }

    static func spotCheckSparse(_ a: CSRMatrix, _ b: DenseMatrix, _ c: DenseMatrix, transposed: Bool, using rng: inout SplitMix64) -> String {
        var worst: Double = 0
        let at = transposed ? a.transposed() : a
        for _ in 0..<32 {
            let i = Int(rng.next() % UInt64(at.rowCount)), j = Int(rng.next() % UInt64(b.columnCount))
            let (cols, vals) = at.row(i)
            var s: Double = 0
            for (cc, v) in zip(cols, vals) { s += Double(v) * Double(b[Int(cc), j]) }
            worst = max(worst, abs(Double(c[i, j]) - s) / max(abs(s), 1e-30))
        }
        return "max rel err \(String(format2: worst)) on 32 entries"
    }

    static func checkTopK(_ index: CosineIndex, _ q: DenseMatrix, _ r: [[Neighbor]], k: Int) -> String {
        // Brute force for the first query.
        var qn = q.rows(0..<1); qn.normalizeRows()
        let d = q.columnCount
        var scores: [(Int, Float)] = []
        for i in 0..<index.rows.rowCount {
            var s: Float = 0
            for j in 0..<d { s += qn[0, j] * index.rows[i, j] }
            scores.append((i, s))
        }
        scores.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        let expected = Set(scores.prefix(k).map(\.0)), got = Set(r[0].map(\.index))
        return "query 0: \(expected.intersection(got).count)/\(k) agree with brute force"
    }

    static func checkSVD(_ a: CSRMatrix, _ s: TruncatedSVD) -> String {
        // ‖AV − UΣ‖_F / ‖Σ‖ : residual of the computed triplets.
        let av = a.multiply(s.rightVectors)
        var num: Double = 0, den: Double = 0
        for i in 0..<av.rowCount {
            for j in 0..<av.columnCount {
                let e = Double(av[i, j]) - Double(s.leftVectors[i, j]) * Double(s.singularValues[j])
                num += e * e
            }
        }
        for v in s.singularValues { den += Double(v) * Double(v) }
        return "||AV-US||/||S|| = \(String(format2: (num / max(den, 1e-300)).squareRoot()))"
    }
}

extension String {
    /// A short scientific rendering of `v` (3 significant digits), without Foundation.
    init(format2 v: Double) {
        if v == 0 { self = "0"; return }
        if !v.isFinite { self = "\(v)"; return }
        let e = Int((log10(abs(v))).rounded(.down))
        let m = v / pow(10, Double(e))
        let mr = (m * 100).rounded() / 100
        self = e == 0 ? "\(mr)" : "\(mr)e\(e)"
    }
}
