/// Spherical k-means: k-means on the unit sphere with cosine similarity (Dhillon & Modha 2001).
///
/// Rows are scaled to unit norm; each centroid is the normalised mean of its members.
/// Seeding is greedy k-means++ (Arthur & Vassilvitskii 2007; 2 + ⌊ln k⌋ candidate draws per
/// centre, keeping the one that lowers the potential most, as scikit-learn does) with the
/// distance 1 − cos, drawn from the generator passed in. Assignment is one GEMM per fixed
/// block of rows; partial sums are reduced in block order, so results do not depend on the
/// thread count. An empty cluster is repaired by moving to it the point least similar to its
/// own centroid. Several restarts keep the lowest inertia.
public struct SphericalKMeans: Sendable {
    /// Options, with scikit-learn's meanings where they exist.
    public struct Options: Sendable, Hashable, Codable {
        /// k, the number of clusters.
        public var clusterCount: Int
        /// Iteration cap per restart.
        public var maxIterations: Int = 100
        /// Stop when the summed squared centroid shift falls below this.
        public var tolerance: Double = 1e-6
        /// Independent restarts (scikit-learn's `n_init`); the best is kept.
        public var restarts: Int = 3

        /// Options for `clusterCount` clusters, other fields at their defaults.
        public init(clusterCount: Int, maxIterations: Int = 100, tolerance: Double = 1e-6, restarts: Int = 3) {
            self.clusterCount = clusterCount; self.maxIterations = maxIterations
            self.tolerance = tolerance; self.restarts = restarts
        }

        /// Checks the options against a data set of `rowCount` rows.
        public func validate(rowCount: Int) throws(DecompositionError) {
            guard rowCount >= 1 else { throw .invalidParameter(name: "k", expected: "a non-empty data set", got: "0 rows") }
            guard clusterCount >= 1 && clusterCount <= rowCount else {
                throw .invalidParameter(name: "k", expected: "1...\(rowCount)", got: "\(clusterCount)")
            }
            guard maxIterations >= 1 else { throw .invalidParameter(name: "max-iterations", expected: "1...", got: "\(maxIterations)") }
            guard restarts >= 1 else { throw .invalidParameter(name: "restarts", expected: "1...", got: "\(restarts)") }
            guard tolerance >= 0 else { throw .invalidParameter(name: "tolerance", expected: "0...", got: "\(tolerance)") }
        }
    }

    /// A fitted clustering.
    public struct Result: Sendable, Equatable {
        /// k × d unit-norm centroids.
        public var centroids: DenseMatrix
        /// Cluster of every row.
        public var assignments: [Int]
        /// Σ (1 − cos(row, its centroid)); lower is better.
        public var inertia: Double
        /// Iterations run by the kept restart.
        public var iterations: Int
    }

    /// The options.
    public let options: Options

    /// A clusterer with `options`.
    public init(options: Options) { self.options = options }

    /// Rows per assignment block (fixed, independent of the thread count).
    static let blockRows = 2048

    /// Clusters the rows of `data`.
    /// - Throws: ``DecompositionError/invalidParameter(name:expected:got:)`` for bad options.
    /// - Complexity: per iteration 2·n·k·d flops (GEMM) plus O(n·d) for the update.
    public func fit(_ data: DenseMatrix, using rng: inout some RandomNumberGenerator) throws(DecompositionError) -> Result {
        try options.validate(rowCount: data.rowCount)
        var x = data
        x.normalizeRows()
        var best: Result?
        for _ in 0..<options.restarts {
            let seeds = Self.seedPlusPlus(x, k: options.clusterCount, using: &rng)
            let r = lloyd(x, centroids: seeds)
            if best == nil || r.inertia < best!.inertia { best = r }
        }
        return best!
    }

    /// Assigns every row of unit-norm `x` to its most similar centroid (ties → lower index).
    /// - Returns: assignments and each row's similarity to its centroid.
    public static func assign(_ x: DenseMatrix, centroids: DenseMatrix) -> (assignments: [Int], similarities: [Float]) {
        let n = x.rowCount, d = x.columnCount, k = centroids.rowCount
        var labels = [Int](repeating: 0, count: n)
        var sims = [Float](repeating: 0, count: n)
        let blocks = (n + blockRows - 1) / blockRows
        BLASThreads.with(1) {
            x.values.withUnsafeBufferPointer { xp in
                centroids.values.withUnsafeBufferPointer { cp in
                    labels.withUnsafeMutableBufferPointer { lp in
                        sims.withUnsafeMutableBufferPointer { sp in
                            let lpb = lp.baseAddress!, spb = sp.baseAddress!
                            parallelFor(blocks) { b in
                                let r0 = b * blockRows, rn = min(blockRows, n - r0)
                                var s = [Float](repeating: 0, count: rn * k)
                                s.withUnsafeMutableBufferPointer { buf in
                                    if d > 0 {
                                        CBLAS.sgemm(transA: false, transB: true, m: rn, n: k, k: d, alpha: 1,
                                                    a: xp.baseAddress! + r0 * d, lda: d, b: cp.baseAddress!, ldb: d,
                                                    beta: 0, c: buf.baseAddress!, ldc: k)
                                    }
                                    for r in 0..<rn {
                                        var bi = 0
                                        var bv = buf[r * k]
                                        for c in 1..<max(1, k) where buf[r * k + c] > bv { bv = buf[r * k + c]; bi = c }
                                        lpb[r0 + r] = bi; spb[r0 + r] = bv
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (labels, sims)
    }

    /// Lloyd iterations from the given seeds.
    func lloyd(_ x: DenseMatrix, centroids seeds: DenseMatrix) -> Result {
        let n = x.rowCount, d = x.columnCount, k = options.clusterCount
        var centroids = seeds
        var labels = [Int](repeating: -1, count: n)
        var sims = [Float](repeating: 0, count: n)
        var iterations = 0
        for it in 1...options.maxIterations {
            iterations = it
            let (newLabels, newSims) = Self.assign(x, centroids: centroids)
            let changed = newLabels != labels
            labels = newLabels; sims = newSims
            var sums = Self.clusterSums(x, labels: labels, k: k)
            Self.repairEmpty(&sums.sums, counts: &sums.counts, labels: &labels, sims: &sims, x: x)
            var next = DenseMatrix(rows: k, columns: d, values: sums.sums.map(Float.init))
            next.normalizeRows()
            var shift: Double = 0
            for t in 0..<(k * d) { let e = Double(next.values[t] - centroids.values[t]); shift += e * e }
            centroids = next
            if !changed || shift <= options.tolerance { break }
        }
        let (finalLabels, finalSims) = Self.assign(x, centroids: centroids)
        var inertia: Double = 0
        for s in finalSims { inertia += Double(1 - s) }
        return Result(centroids: centroids, assignments: finalLabels, inertia: max(0, inertia), iterations: iterations)
    }

    /// Per-cluster sums (in Double, reduced in fixed block order) and member counts.
    static func clusterSums(_ x: DenseMatrix, labels: [Int], k: Int) -> (sums: [Double], counts: [Int]) {
        let n = x.rowCount, d = x.columnCount
        let blocks = (n + blockRows - 1) / blockRows
        var partial = [[Double]](repeating: [], count: blocks)
        var partialCounts = [[Int]](repeating: [], count: blocks)
        x.values.withUnsafeBufferPointer { xp in
            partial.withUnsafeMutableBufferPointer { pp in
                partialCounts.withUnsafeMutableBufferPointer { pc in
                    let ppb = pp.baseAddress!, pcb = pc.baseAddress!
                    parallelFor(blocks) { b in
                        var s = [Double](repeating: 0, count: k * d)
                        var c = [Int](repeating: 0, count: k)
                        for i in (b * blockRows)..<min(n, (b + 1) * blockRows) {
                            let l = labels[i]
                            c[l] += 1
                            let row = xp.baseAddress! + i * d
                            for j in 0..<d { s[l * d + j] += Double(row[j]) }
                        }
                        (ppb + b).pointee = s; (pcb + b).pointee = c
                    }
                }
            }
        }
        var sums = [Double](repeating: 0, count: k * d)
        var counts = [Int](repeating: 0, count: k)
        for b in 0..<blocks {
            for t in 0..<(k * d) { sums[t] += partial[b][t] }
            for c in 0..<k { counts[c] += partialCounts[b][c] }
        }
        return (sums, counts)
    }

    /// Gives every empty cluster the point least similar to its own centroid (ties → lower index),
    /// taking it out of its old cluster's sum.
    static func repairEmpty(_ sums: inout [Double], counts: inout [Int], labels: inout [Int], sims: inout [Float], x: DenseMatrix) {
        let d = x.columnCount
        let empty = counts.indices.filter { counts[$0] == 0 }
        guard !empty.isEmpty else { return }
        let order = sims.indices.sorted { sims[$0] < sims[$1] || (sims[$0] == sims[$1] && $0 < $1) }
        var next = 0
        for c in empty {
            while next < order.count && counts[labels[order[next]]] <= 1 { next += 1 }
            guard next < order.count else { return }
            let i = order[next]; next += 1
            let old = labels[i]
            for j in 0..<d { sums[old * d + j] -= Double(x[i, j]); sums[c * d + j] = Double(x[i, j]) }
            counts[old] -= 1; counts[c] = 1
            labels[i] = c; sims[i] = 1
        }
    }

    /// Greedy k-means++ seeding with distance 1 − cos on unit rows.
    ///
    /// Per centre: the candidates are drawn in one pass over the cumulative distances (targets
    /// drawn first, then visited in sorted order), their similarities to every row come from one
    /// GEMM into a reused buffer, and each candidate's potential Σ min(closest, 1 − cos) is summed
    /// in row order without copying the distance array; only the winner updates it.
    /// - Complexity: O(k · trials · n · d) flops in GEMM plus O(k · trials · n) for the potentials.
    static func seedPlusPlus(_ x: DenseMatrix, k: Int, using rng: inout some RandomNumberGenerator) -> DenseMatrix {
        let n = x.rowCount, d = x.columnCount
        var centers = DenseMatrix(rows: k, columns: d)
        let trials = 2 + Int(_log(Double(k)))
        let first = Int(rng.next() % UInt64(n))
        for j in 0..<d { centers[0, j] = x[first, j] }
        var closest = [Double](repeating: 0, count: n)
        var sims = [Float](repeating: 0, count: trials * n)
        similarities(x, to: x.rows(first..<(first + 1)), into: &sims)
        var potential: Double = 0
        for i in 0..<n { closest[i] = max(0, 1 - Double(sims[i])); potential += closest[i] }
        for c in 1..<k {
            // Draw `trials` candidates with probability ∝ distance (D² sampling on the sphere).
            var candidates = [Int](repeating: n - 1, count: trials)
            if potential > 0 {
                let targets = (0..<trials).map { _ in rng.nextUnitDouble() * potential }
                let order = targets.indices.sorted { targets[$0] < targets[$1] }
                var acc: Double = 0, next = 0, i = 0
                while next < trials && i < n {
                    acc += closest[i]
                    while next < trials && acc > targets[order[next]] { candidates[order[next]] = i; next += 1 }
                    i += 1
                }
            } else {
                for t in 0..<trials { candidates[t] = Int(rng.next() % UInt64(n)) }
            }
            similarities(x, to: x.rows(at: candidates), into: &sims)
            var bestT = 0
            var bestPotential = Double.infinity
            sims.withUnsafeBufferPointer { sp in
                closest.withUnsafeBufferPointer { cp in
                    for t in 0..<trials {
                        var p: Double = 0
                        let row = sp.baseAddress! + t * n
                        for i in 0..<n { p += min(cp[i], max(0, 1 - Double(row[i]))) }
                        if p < bestPotential { bestPotential = p; bestT = t }
                    }
                }
            }
            for i in 0..<n { closest[i] = min(closest[i], max(0, 1 - Double(sims[bestT * n + i]))) }
            for j in 0..<d { centers[c, j] = x[candidates[bestT], j] }
            potential = bestPotential
        }
        return centers
    }

    /// Cosines of every row of unit `x` to each row of `centers`, written row by row
    /// (centre-major, `centers.rowCount × x.rowCount`) into the front of `out`.
    static func similarities(_ x: DenseMatrix, to centers: DenseMatrix, into out: inout [Float]) {
        let n = x.rowCount, d = x.columnCount, c = centers.rowCount
        precondition(out.count >= c * n)
        guard d > 0 else { for t in 0..<(c * n) { out[t] = 0 }; return }
        BLASThreads.with(1) {
            centers.values.withUnsafeBufferPointer { cp in
                x.values.withUnsafeBufferPointer { xp in
                    out.withUnsafeMutableBufferPointer { op in
                        CBLAS.sgemm(transA: false, transB: true, m: c, n: n, k: d, alpha: 1, a: cp.baseAddress!, lda: d,
                                    b: xp.baseAddress!, ldb: d, beta: 0, c: op.baseAddress!, ldc: n)
                    }
                }
            }
        }
    }
}

extension DenseMatrix {
    /// The rows at `indices` as a new matrix.
    public func rows(at indices: [Int]) -> DenseMatrix {
        var out = [Float](); out.reserveCapacity(indices.count * columnCount)
        for i in indices { out.append(contentsOf: values[(i * columnCount)..<((i + 1) * columnCount)]) }
        return DenseMatrix(rows: indices.count, columns: columnCount, values: out)
    }
}
