/// A sparse matrix in compressed sparse row (CSR) form, `Float` values and 32-bit column indices.
///
/// Row `i` holds the entries `rowPointers[i] ..< rowPointers[i + 1]` of `columnIndices` and
/// `values`. A valid matrix has non-decreasing row pointers starting at 0 and ending at
/// the number of stored entries, column indices strictly increasing within a row and
/// in `0..<columnCount`, and finite values. Public initialisers check this and throw
/// ``CSRValidationError``; `package` initialisers used by trusted builders skip the check.
public struct CSRMatrix: Sendable, Equatable {
    /// Number of rows.
    public let rowCount: Int
    /// Number of columns.
    public let columnCount: Int
    /// `rowCount + 1` offsets into `columnIndices` and `values`.
    public private(set) var rowPointers: [Int]
    /// Column index of every stored entry, sorted within each row.
    public private(set) var columnIndices: [Int32]
    /// Value of every stored entry.
    public private(set) var values: [Float]

    /// Number of stored (structurally non-zero) entries.
    public var nonZeroCount: Int { values.count }

    /// A validated matrix from its three CSR arrays.
    /// - Throws: ``CSRValidationError`` when the arrays do not describe a valid matrix.
    /// - Complexity: O(rowCount + nonZeroCount).
    public init(rows: Int, columns: Int, rowPointers: [Int], columnIndices: [Int32], values: [Float]) throws(CSRValidationError) {
        try CSRMatrix.validate(rows: rows, columns: columns, rowPointers: rowPointers,
                               columnIndices: columnIndices, values: values)
        self.init(uncheckedRows: rows, columns: columns, rowPointers: rowPointers,
                  columnIndices: columnIndices, values: values)
    }

    /// A matrix from arrays the caller guarantees valid (used by builders inside the package).
    package init(uncheckedRows rows: Int, columns: Int, rowPointers: [Int], columnIndices: [Int32], values: [Float]) {
        self.rowCount = rows
        self.columnCount = columns
        self.rowPointers = rowPointers
        self.columnIndices = columnIndices
        self.values = values
        #if LACUNA_INTERNAL_CHECKS
        checkInvariants()
        #endif
    }

    /// An empty (all-zero) matrix.
    public init(zeros rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative; got \(rows)×\(columns)")
        self.init(uncheckedRows: rows, columns: columns, rowPointers: [Int](repeating: 0, count: rows + 1),
                  columnIndices: [], values: [])
    }

    /// A matrix from rows given as `(column, value)` pairs, in any order within a row.
    /// Duplicate columns within a row are summed; explicit zeros are kept.
    /// - Throws: ``CSRValidationError`` for a column out of range or a non-finite value.
    /// - Complexity: O(nnz log(nnz per row)).
    public init(rows: [[(column: Int, value: Float)]], columns: Int) throws(CSRValidationError) {
        var pointers = [Int](); pointers.reserveCapacity(rows.count + 1)
        pointers.append(0)
        var cols = [Int32](), vals = [Float]()
        for (r, row) in rows.enumerated() {
            for entry in row {
                guard entry.column >= 0 && entry.column < columns else {
                    throw .columnOutOfRange(row: r, column: entry.column, columnCount: columns)
                }
                guard entry.value.isFinite else { throw .nonFiniteValue(row: r, column: entry.column) }
            }
            let sorted = row.sorted { $0.column < $1.column }
            var i = 0
            while i < sorted.count {
                var v = sorted[i].value
                var j = i + 1
                while j < sorted.count && sorted[j].column == sorted[i].column { v += sorted[j].value; j += 1 }
                cols.append(Int32(sorted[i].column)); vals.append(v)
                i = j
            }
            pointers.append(cols.count)
        }
        self.init(uncheckedRows: rows.count, columns: columns, rowPointers: pointers, columnIndices: cols, values: vals)
    }

    /// A matrix from `(row, column, value)` triplets in any order; duplicates are summed.
    /// - Throws: ``CSRValidationError`` for an index out of range or a non-finite value.
    /// - Complexity: O(nnz + rows) plus a sort within each row.
    public init(rows: Int, columns: Int, triplets: [(row: Int, column: Int, value: Float)]) throws(CSRValidationError) {
        var perRow = [[(column: Int, value: Float)]](repeating: [], count: rows)
        for t in triplets {
            guard t.row >= 0 && t.row < rows else { throw .rowOutOfRange(row: t.row, rowCount: rows) }
            perRow[t.row].append((t.column, t.value))
        }
        try self.init(rows: perRow, columns: columns)
    }

    /// The stored entries of row `i` as column indices and values.
    public func row(_ i: Int) -> (columns: ArraySlice<Int32>, values: ArraySlice<Float>) {
        precondition(i >= 0 && i < rowCount, "Row \(i) out of range 0..<\(rowCount)")
        let r = rowPointers[i]..<rowPointers[i + 1]
        return (columnIndices[r], values[r])
    }

    /// The rows in `range` as a new matrix.
    /// - Complexity: O(range.count + nnz in range).
    public func rows(_ range: Range<Int>) -> CSRMatrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rowCount, "Row range \(range) out of 0..<\(rowCount)")
        let start = rowPointers[range.lowerBound], end = rowPointers[range.upperBound]
        let pointers = rowPointers[range.lowerBound...range.upperBound].map { $0 - start }
        return CSRMatrix(uncheckedRows: range.count, columns: columnCount, rowPointers: pointers,
                         columnIndices: Array(columnIndices[start..<end]), values: Array(values[start..<end]))
    }

    /// The rows at `indices` (any order, repeats allowed) as a new matrix.
    public func rows(at indices: [Int]) -> CSRMatrix {
        var pointers = [0], cols = [Int32](), vals = [Float]()
        for i in indices {
            let (c, v) = row(i)
            cols.append(contentsOf: c); vals.append(contentsOf: v); pointers.append(cols.count)
        }
        return CSRMatrix(uncheckedRows: indices.count, columns: columnCount, rowPointers: pointers,
                         columnIndices: cols, values: vals)
    }

    /// The transpose in CSR form (equivalently, this matrix in CSC form).
    /// - Complexity: O(nnz + rows + columns), one counting pass and one scatter pass.
    public func transposed() -> CSRMatrix {
        var counts = [Int](repeating: 0, count: columnCount + 1)
        for c in columnIndices { counts[Int(c) + 1] += 1 }
        for j in 0..<columnCount { counts[j + 1] += counts[j] }
        let pointers = counts
        var next = counts
        var cols = [Int32](repeating: 0, count: nonZeroCount)
        var vals = [Float](repeating: 0, count: nonZeroCount)
        for i in 0..<rowCount {
            for p in rowPointers[i]..<rowPointers[i + 1] {
                let c = Int(columnIndices[p])
                let dst = next[c]
                cols[dst] = Int32(i); vals[dst] = values[p]
                next[c] = dst + 1
            }
        }
        return CSRMatrix(uncheckedRows: columnCount, columns: rowCount, rowPointers: pointers,
                         columnIndices: cols, values: vals)
    }

    /// The dense form; for tests and small matrices.
    public func toDense() -> DenseMatrix {
        var d = DenseMatrix(rows: rowCount, columns: columnCount)
        for i in 0..<rowCount {
            for p in rowPointers[i]..<rowPointers[i + 1] { d[i, Int(columnIndices[p])] = values[p] }
        }
        return d
    }

    /// Mutable access to the stored values (structure unchanged), e.g. to reweight in place.
    public mutating func updateValues(_ body: (inout [Float]) -> Void) {
        body(&values)
    }
}

/// Why a set of CSR arrays is not a valid sparse matrix.
public enum CSRValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Shape is negative.
    case invalidShape(rows: Int, columns: Int)
    /// `rowPointers` does not have `rows + 1` entries.
    case rowPointerCount(expected: Int, got: Int)
    /// `rowPointers` does not start at 0 or end at the entry count.
    case rowPointerBounds(first: Int, last: Int, entryCount: Int)
    /// `rowPointers` decreases at `row`.
    case decreasingRowPointer(row: Int)
    /// `columnIndices` and `values` differ in length.
    case lengthMismatch(columnIndices: Int, values: Int)
    /// A column index is outside `0..<columnCount`.
    case columnOutOfRange(row: Int, column: Int, columnCount: Int)
    /// A row index is outside `0..<rowCount`.
    case rowOutOfRange(row: Int, rowCount: Int)
    /// Column indices within a row are not strictly increasing.
    case unsortedColumns(row: Int)
    /// A value is NaN or infinite.
    case nonFiniteValue(row: Int, column: Int)

    public var description: String {
        switch self {
        case let .invalidShape(r, c): return "invalid sparse matrix shape \(r)×\(c)"
        case let .rowPointerCount(e, g): return "row pointers: expected \(e) entries, got \(g)"
        case let .rowPointerBounds(f, l, n): return "row pointers must run from 0 to \(n); got \(f)...\(l)"
        case let .decreasingRowPointer(r): return "row pointers decrease at row \(r)"
        case let .lengthMismatch(c, v): return "\(c) column indices but \(v) values"
        case let .columnOutOfRange(r, c, n): return "row \(r): column \(c) is outside 0..<\(n)"
        case let .rowOutOfRange(r, n): return "row \(r) is outside 0..<\(n)"
        case let .unsortedColumns(r): return "row \(r): column indices are not strictly increasing"
        case let .nonFiniteValue(r, c): return "row \(r), column \(c): value is not finite"
        }
    }
}

extension CSRMatrix {
    /// Checks the CSR invariants, throwing the first violation.
    /// - Complexity: O(rows + nnz).
    static func validate(rows: Int, columns: Int, rowPointers: [Int], columnIndices: [Int32], values: [Float]) throws(CSRValidationError) {
        guard rows >= 0, columns >= 0, columns <= Int(Int32.max) else { throw .invalidShape(rows: rows, columns: columns) }
        guard rowPointers.count == rows + 1 else { throw .rowPointerCount(expected: rows + 1, got: rowPointers.count) }
        guard columnIndices.count == values.count else {
            throw .lengthMismatch(columnIndices: columnIndices.count, values: values.count)
        }
        guard rowPointers[0] == 0, rowPointers[rows] == values.count else {
            throw .rowPointerBounds(first: rowPointers[0], last: rowPointers[rows], entryCount: values.count)
        }
        for i in 0..<rows where rowPointers[i] > rowPointers[i + 1] || rowPointers[i + 1] > values.count {
            throw .decreasingRowPointer(row: i)
        }
        for i in 0..<rows {
            let start = rowPointers[i], end = rowPointers[i + 1]
            var previous = -1
            for p in start..<end {
                let c = Int(columnIndices[p])
                guard c >= 0 && c < columns else { throw .columnOutOfRange(row: i, column: c, columnCount: columns) }
                guard c > previous else { throw .unsortedColumns(row: i) }
                guard values[p].isFinite else { throw .nonFiniteValue(row: i, column: c) }
                previous = c
            }
        }
    }
}
