/// Read-only pointer view of a ``CSRMatrix``'s three arrays, used by the hot loops.
///
/// Every pointer access of the sparse kernels goes through this handle; accessors assert
/// their bounds in debug builds so out-of-range reads are caught in tests.
struct CSRUnsafeHandle {
    let rowCount: Int
    let columnCount: Int
    let rowPointers: UnsafeBufferPointer<Int>
    let columnIndices: UnsafeBufferPointer<Int32>
    let values: UnsafeBufferPointer<Float>

    /// The entry range of row `i`.
    @inline(__always)
    func entries(ofRow i: Int) -> Range<Int> {
        assert(i >= 0 && i < rowCount, "row \(i) out of range 0..<\(rowCount)")
        return rowPointers[i]..<rowPointers[i + 1]
    }

    /// Column index of entry `p`.
    @inline(__always)
    func column(_ p: Int) -> Int {
        assert(p >= 0 && p < columnIndices.count, "entry \(p) out of range")
        return Int(columnIndices[p])
    }

    /// Value of entry `p`.
    @inline(__always)
    func value(_ p: Int) -> Float {
        assert(p >= 0 && p < values.count, "entry \(p) out of range")
        return values[p]
    }

    /// First entry of row `i` whose column is ≥ `column` (binary search; columns are sorted).
    @inline(__always)
    func firstEntry(ofRow i: Int, atOrAfterColumn column: Int) -> Int {
        var lo = rowPointers[i], hi = rowPointers[i + 1]
        let c = Int32(column)
        while lo < hi {
            let mid = (lo + hi) >> 1
            if columnIndices[mid] < c { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension CSRMatrix {
    /// Calls `body` with a pointer view of the storage, valid only inside `body`.
    func withUnsafeStorage<R>(_ body: (CSRUnsafeHandle) throws -> R) rethrows -> R {
        try rowPointers.withUnsafeBufferPointer { rp in
            try columnIndices.withUnsafeBufferPointer { ci in
                try values.withUnsafeBufferPointer { v in
                    try body(CSRUnsafeHandle(rowCount: rowCount, columnCount: columnCount,
                                             rowPointers: rp, columnIndices: ci, values: v))
                }
            }
        }
    }
}
