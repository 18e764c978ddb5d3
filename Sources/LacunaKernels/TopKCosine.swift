/// One neighbour found by ``CosineIndex/search(_:k:)``.
public struct Neighbor: Sendable, Hashable {
    /// Row index in the indexed matrix.
    public var index: Int
    /// Cosine similarity to the query.
    public var score: Float

    public init(index: Int, score: Float) { self.index = index; self.score = score }
}

/// Exact cosine top-k search over the rows of a dense matrix.
///
/// Scores are computed in GEMM blocks (`cblas_sgemm` of a query chunk against a block of
/// rows), and each query keeps a bounded min-heap of its k best rows, so no full sort and
/// no n × Q score matrix is ever held. Ties in score go to the lower row index, so the
/// result is deterministic.
public struct CosineIndex: Sendable {
    /// The indexed rows, scaled to unit norm (all-zero rows stay zero and score 0).
    public let rows: DenseMatrix

    /// Rows per GEMM block.
    static let blockRows = 4096
    /// Queries per work chunk (a fixed split, independent of the thread count).
    static let queryChunk = 32

    /// Indexes `matrix`, normalising a copy of its rows.
    /// - Complexity: O(n·d).
    public init(_ matrix: DenseMatrix) {
        var m = matrix
        m.normalizeRows()
        rows = m
    }

    /// Indexes rows that are already unit-norm (or zero), without copying work.
    public init(normalizedRows: DenseMatrix) { rows = normalizedRows }

    /// The `k` rows most cosine-similar to each query row, best first.
    /// - Precondition: `queries.columnCount == rows.columnCount`, `k >= 0`.
    /// - Complexity: 2·Q·n·d flops in GEMM blocks plus O(Q·n·log k) for selection;
    ///   extra memory O(chunk·block + Q·k).
    public func search(_ queries: DenseMatrix, k: Int) -> [[Neighbor]] {
        precondition(queries.columnCount == rows.columnCount,
                     "Dimension mismatch: queries have \(queries.columnCount) columns, the index \(rows.columnCount)")
        precondition(k >= 0, "k must be non-negative; got \(k)")
        let qn = queries.rowCount, n = rows.rowCount, d = rows.columnCount
        let kk = min(k, n)
        var q = queries
        q.normalizeRows()
        var results = [[Neighbor]](repeating: [], count: qn)
        guard kk > 0, qn > 0 else { return results }
        let chunks = (qn + Self.queryChunk - 1) / Self.queryChunk
        BLASThreads.with(1) {
            q.values.withUnsafeBufferPointer { qp in
                rows.values.withUnsafeBufferPointer { xp in
                    results.withUnsafeMutableBufferPointer { out in
                        let outBase = out.baseAddress!
                        parallelFor(chunks) { chunk in
                            let q0 = chunk * Self.queryChunk, q1 = min(q0 + Self.queryChunk, qn)
                            let cq = q1 - q0
                            var heaps = [TopKHeap](repeating: TopKHeap(capacity: kk), count: cq)
                            var scores = [Float](repeating: 0, count: cq * Self.blockRows)
                            var b0 = 0
                            while b0 < n {
                                let bn = min(Self.blockRows, n - b0)
                                scores.withUnsafeMutableBufferPointer { sp in
                                    if d > 0 {
                                        CBLAS.sgemm(transA: false, transB: true, m: cq, n: bn, k: d, alpha: 1,
                                                    a: qp.baseAddress! + q0 * d, lda: d,
                                                    b: xp.baseAddress! + b0 * d, ldb: d,
                                                    beta: 0, c: sp.baseAddress!, ldc: bn)
                                    } else {
                                        for t in 0..<(cq * bn) { sp[t] = 0 }
                                    }
                                    for r in 0..<cq {
                                        let row = sp.baseAddress! + r * bn
                                        for j in 0..<bn { heaps[r].offer(index: b0 + j, score: row[j]) }
                                    }
                                }
                                b0 += bn
                            }
                            for r in 0..<cq { (outBase + q0 + r).pointee = heaps[r].sortedDescending() }
                        }
                    }
                }
            }
        }
        return results
    }
}

/// A bounded min-heap keeping the `capacity` best (score, index) pairs; on equal scores the
/// lower index ranks higher.
struct TopKHeap {
    private(set) var items: [Neighbor] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        items.reserveCapacity(capacity)
    }

    /// Whether `a` ranks below `b` (worse score, or equal score and higher index).
    @inline(__always)
    static func worse(_ a: Neighbor, _ b: Neighbor) -> Bool {
        a.score < b.score || (a.score == b.score && a.index > b.index)
    }

    /// Considers one candidate.
    /// - Complexity: O(log capacity) when it enters, O(1) otherwise.
    @inline(__always)
    mutating func offer(index: Int, score: Float) {
        let c = Neighbor(index: index, score: score.isNaN ? -.infinity : score)
        if items.count < capacity {
            items.append(c)
            var i = items.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                if Self.worse(items[i], items[p]) { items.swapAt(i, p); i = p } else { break }
            }
        } else if Self.worse(items[0], c) {
            items[0] = c
            var i = 0
            let n = items.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < n && Self.worse(items[l], items[m]) { m = l }
                if r < n && Self.worse(items[r], items[m]) { m = r }
                if m == i { break }
                items.swapAt(i, m); i = m
            }
        }
    }

    /// The kept items, best first.
    func sortedDescending() -> [Neighbor] {
        items.sorted { Self.worse($1, $0) }
    }
}
