internal import CPrefetch

/// Sparse × dense products, the cost centre of randomized SVD and fold-in.
extension CSRMatrix {
    /// Row block size for ``multiply(_:)``: a fixed work split, independent of the thread count.
    static let rowChunk = 512

    /// A · B for a dense row-major B (columnCount × k), giving rowCount × k.
    ///
    /// Each output row is computed by one worker with register-blocked panels of 64 columns
    /// (8 × SIMD8 accumulators), so results are identical whatever the thread count.
    /// - Precondition: `b.rowCount == columnCount`.
    /// - Complexity: O(nnz · k) flops, 2·nnz·k in all; parallel over fixed row blocks.
    public func multiply(_ b: DenseMatrix) -> DenseMatrix {
        precondition(b.rowCount == columnCount,
                     "Dimension mismatch: A is \(rowCount)×\(columnCount), B is \(b.rowCount)×\(b.columnCount)")
        let k = b.columnCount
        var out = [Float](repeating: 0, count: rowCount * k)
        guard k > 0, rowCount > 0 else { return DenseMatrix(rows: rowCount, columns: k, values: out) }
        // Rows of B are gathered at random: a huge-page copy keeps TLB misses down when B is large.
        let staged = b.values.count >= (1 << 20) ? b.values.withUnsafeBufferPointer { HugePageBuffer(copying: $0) } : nil
        let blocked = b.values.count >= Self.blockingThreshold
        withUnsafeStorage { a in
            b.values.withUnsafeBufferPointer { bb in
                out.withUnsafeMutableBufferPointer { ob in
                    let bp = UnsafePointer(staged?.pointer) ?? bb.baseAddress!, op = ob.baseAddress!
                    if !blocked {
                        let chunks = (rowCount + Self.rowChunk - 1) / Self.rowChunk
                        parallelFor(chunks) { chunk in
                            let start = chunk * Self.rowChunk, end = min(start + Self.rowChunk, a.rowCount)
                            for i in start..<end {
                                Self.entriesTimesDense(a, entries: a.entries(ofRow: i), b: bp, k: k, out: op + i * k)
                            }
                        }
                        return
                    }
                    // Large B: walk it in blocks of rows that fit in cache; within a chunk of A's rows,
                    // each row's entries for the current block are added onto its running sum. The
                    // additions happen in entry order, exactly as in the unblocked loop.
                    let blockRows = max(256, Self.blockBytes / (k * 4))
                    let chunkRows = Self.blockedRowChunk
                    let chunks = (a.rowCount + chunkRows - 1) / chunkRows
                    parallelFor(chunks) { chunk in
                        let start = chunk * chunkRows, end = min(start + chunkRows, a.rowCount)
                        var cursor = Array(a.rowPointers[start..<end])
                        var lo = 0
                        while lo < a.columnCount {
                            let hi = min(lo + blockRows, a.columnCount)
                            for i in start..<end {
                                let p0 = cursor[i - start], stop = a.rowPointers[i + 1]
                                var p1 = p0
                                while p1 < stop && a.column(p1) < hi { p1 += 1 }
                                if p1 > p0 {
                                    Self.entriesTimesDense(a, entries: p0..<p1, b: bp, k: k, out: op + i * k)
                                    cursor[i - start] = p1
                                }
                            }
                            lo = hi
                        }
                    }
                }
            }
        }
        withExtendedLifetime(staged) {}
        return DenseMatrix(rows: rowCount, columns: k, values: out)
    }

    /// How many entries ahead the B row is prefetched.
    static let prefetchDistance = 6

    /// Dense operands of at least this many floats are walked in cache-sized blocks of rows.
    static let blockingThreshold = 4 << 20
    /// Bytes of B per block in the blocked walk.
    static let blockBytes = 4 << 20
    /// Rows of A per work chunk in the blocked walk (enough that B's rows are reused in cache).
    static let blockedRowChunk = 2048

    /// out[0..<k] += Σ_{p in entries} A[col p] · B[col p, 0..<k], in register-blocked panels of
    /// 64 columns (8 × SIMD8 accumulators started from `out`, so entries add in order).
    @inline(__always)
    static func entriesTimesDense(_ a: CSRUnsafeHandle, entries range: Range<Int>, b: UnsafePointer<Float>, k: Int,
                                  out: UnsafeMutablePointer<Float>) {
        if range.isEmpty { return }
        var j0 = 0
        while j0 + 64 <= k {
            let o = UnsafeMutableRawPointer(out + j0)
            var c0 = o.loadUnaligned(fromByteOffset: 0, as: SIMD8<Float>.self)
            var c1 = o.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            var c2 = o.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
            var c3 = o.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
            var c4 = o.loadUnaligned(fromByteOffset: 128, as: SIMD8<Float>.self)
            var c5 = o.loadUnaligned(fromByteOffset: 160, as: SIMD8<Float>.self)
            var c6 = o.loadUnaligned(fromByteOffset: 192, as: SIMD8<Float>.self)
            var c7 = o.loadUnaligned(fromByteOffset: 224, as: SIMD8<Float>.self)
            for p in range {
                if p + Self.prefetchDistance < range.upperBound {
                    let ahead = UnsafeRawPointer(b + a.column(p + Self.prefetchDistance) * k + j0)
                    lacuna_prefetch(ahead); lacuna_prefetch(ahead + 64); lacuna_prefetch(ahead + 128); lacuna_prefetch(ahead + 192)
                }
                let v = SIMD8<Float>(repeating: a.value(p))
                let r = UnsafeRawPointer(b + a.column(p) * k + j0)
                c0 += v * r.loadUnaligned(fromByteOffset: 0, as: SIMD8<Float>.self)
                c1 += v * r.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                c2 += v * r.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                c3 += v * r.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
                c4 += v * r.loadUnaligned(fromByteOffset: 128, as: SIMD8<Float>.self)
                c5 += v * r.loadUnaligned(fromByteOffset: 160, as: SIMD8<Float>.self)
                c6 += v * r.loadUnaligned(fromByteOffset: 192, as: SIMD8<Float>.self)
                c7 += v * r.loadUnaligned(fromByteOffset: 224, as: SIMD8<Float>.self)
            }
            o.storeBytes(of: c0, toByteOffset: 0, as: SIMD8<Float>.self)
            o.storeBytes(of: c1, toByteOffset: 32, as: SIMD8<Float>.self)
            o.storeBytes(of: c2, toByteOffset: 64, as: SIMD8<Float>.self)
            o.storeBytes(of: c3, toByteOffset: 96, as: SIMD8<Float>.self)
            o.storeBytes(of: c4, toByteOffset: 128, as: SIMD8<Float>.self)
            o.storeBytes(of: c5, toByteOffset: 160, as: SIMD8<Float>.self)
            o.storeBytes(of: c6, toByteOffset: 192, as: SIMD8<Float>.self)
            o.storeBytes(of: c7, toByteOffset: 224, as: SIMD8<Float>.self)
            j0 += 64
        }
        if j0 < k {
            let w = k - j0
            for p in range { VectorOps.axpy(w, a.value(p), b + a.column(p) * k + j0, out + j0) }
        }
    }

    /// Aᵀ · B for a dense row-major B (rowCount × k), giving columnCount × k, without
    /// forming the transpose.
    ///
    /// The output rows (A's columns) are split into a fixed number of ranges balanced by
    /// entry count; each worker scans all rows of A, takes the entries in its range (found by
    /// binary search, columns being sorted) and accumulates them in row order. Every output
    /// element therefore sums in the same order whatever the thread count.
    /// - Precondition: `b.rowCount == rowCount`.
    /// - Complexity: 2·nnz·k flops; each worker reads the row pointers and B once.
    public func transposeMultiply(_ b: DenseMatrix) -> DenseMatrix {
        precondition(b.rowCount == rowCount,
                     "Dimension mismatch: Aᵀ is \(columnCount)×\(rowCount), B is \(b.rowCount)×\(b.columnCount)")
        let k = b.columnCount
        var out = [Float](repeating: 0, count: columnCount * k)
        guard k > 0, rowCount > 0, columnCount > 0 else { return DenseMatrix(rows: columnCount, columns: k, values: out) }
        let ranges = balancedColumnRanges(parts: Self.transposeParts)
        withUnsafeStorage { a in
            b.values.withUnsafeBufferPointer { bb in
                out.withUnsafeMutableBufferPointer { ob in
                    let bp = bb.baseAddress!, op = ob.baseAddress!
                    parallelFor(ranges.count) { part in
                        let (lo, hi) = (ranges[part].lowerBound, ranges[part].upperBound)
                        if lo == hi { return }
                        let whole = lo == 0 && hi == a.columnCount
                        for i in 0..<a.rowCount {
                            var p = whole ? a.rowPointers[i] : a.firstEntry(ofRow: i, atOrAfterColumn: lo)
                            let end = a.rowPointers[i + 1]
                            let brow = bp + i * k
                            while p < end {
                                let c = a.column(p)
                                if c >= hi { break }
                                VectorOps.axpy(k, a.value(p), brow, op + c * k)
                                p += 1
                            }
                        }
                    }
                }
            }
        }
        return DenseMatrix(rows: columnCount, columns: k, values: out)
    }

    /// Number of output ranges in ``transposeMultiply(_:)``: fixed, not the thread count.
    static let transposeParts = 8

    /// Splits `0..<columnCount` into `parts` contiguous ranges holding about equal numbers of entries.
    /// - Complexity: O(nnz + columnCount).
    func balancedColumnRanges(parts: Int) -> [Range<Int>] {
        var counts = [Int](repeating: 0, count: columnCount)
        for c in columnIndices { counts[Int(c)] += 1 }
        let target = Double(nonZeroCount) / Double(parts)
        var ranges: [Range<Int>] = []
        var start = 0, acc = 0
        for c in 0..<columnCount {
            acc += counts[c]
            if Double(acc) >= target * Double(ranges.count + 1) && ranges.count < parts - 1 {
                ranges.append(start..<(c + 1)); start = c + 1
            }
        }
        ranges.append(start..<columnCount)
        return ranges
    }

    /// The Euclidean norm of every row.
    /// - Complexity: O(nnz).
    public func rowNorms() -> [Float] {
        var norms = [Float](repeating: 0, count: rowCount)
        for i in 0..<rowCount {
            var s: Double = 0
            for p in rowPointers[i]..<rowPointers[i + 1] { s += Double(values[p]) * Double(values[p]) }
            norms[i] = Float(s.squareRoot())
        }
        return norms
    }

    /// Scales every row to unit Euclidean norm; all-zero rows stay zero.
    /// - Complexity: O(nnz).
    public mutating func normalizeRows() {
        let norms = rowNorms()
        let pointers = rowPointers
        updateValues { v in
            for i in 0..<norms.count where norms[i] > 0 {
                let inv = 1 / norms[i]
                for p in pointers[i]..<pointers[i + 1] { v[p] *= inv }
            }
        }
    }
}
