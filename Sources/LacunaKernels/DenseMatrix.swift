/// A dense row-major matrix of `Float` values.
///
/// Storage is one contiguous array of `rowCount × columnCount` elements; element (i, j)
/// sits at `i * columnCount + j`. Row-major storage is column-major storage of the
/// transpose, which is how the LAPACK wrappers hand it to Fortran.
public struct DenseMatrix: Sendable, Equatable {
    /// Number of rows.
    public let rowCount: Int
    /// Number of columns.
    public let columnCount: Int
    /// The elements in row-major order.
    public var values: [Float]

    /// A matrix of the given shape filled with `value`.
    /// - Precondition: `rows >= 0`, `columns >= 0`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative; got \(rows)×\(columns)")
        self.rowCount = rows
        self.columnCount = columns
        self.values = [Float](repeating: value, count: rows * columns)
    }

    /// A matrix wrapping row-major `values`.
    /// - Precondition: `values.count == rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative; got \(rows)×\(columns)")
        precondition(values.count == rows * columns,
                     "Dimension mismatch: \(rows)×\(columns) needs \(rows * columns) values, got \(values.count)")
        self.rowCount = rows
        self.columnCount = columns
        self.values = values
    }

    /// A matrix built from an array of equally long rows.
    /// - Precondition: every row has the same length.
    public init(rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        for (i, row) in rows.enumerated() {
            precondition(row.count == columns, "Row \(i) has \(row.count) columns; expected \(columns)")
        }
        self.init(rows: rows.count, columns: columns, values: rows.flatMap { $0 })
    }

    /// The element at row `i`, column `j`.
    @inlinable
    public subscript(i: Int, j: Int) -> Float {
        get { values[i * columnCount + j] }
        set { values[i * columnCount + j] = newValue }
    }

    /// A copy of row `i`.
    public func row(_ i: Int) -> [Float] {
        precondition(i >= 0 && i < rowCount, "Row \(i) out of range 0..<\(rowCount)")
        return Array(values[(i * columnCount)..<((i + 1) * columnCount)])
    }

    /// The rows in `range`, copied into a new matrix.
    /// - Complexity: O(range.count × columnCount).
    public func rows(_ range: Range<Int>) -> DenseMatrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rowCount, "Row range \(range) out of 0..<\(rowCount)")
        return DenseMatrix(rows: range.count, columns: columnCount,
                           values: Array(values[(range.lowerBound * columnCount)..<(range.upperBound * columnCount)]))
    }

    /// The transpose, as a new row-major matrix.
    /// - Complexity: O(rowCount × columnCount), blocked for cache reuse.
    public func transposed() -> DenseMatrix {
        var out = [Float](repeating: 0, count: values.count)
        let n = rowCount, m = columnCount
        let block = 32
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var ib = 0
                while ib < n {
                    let ie = min(ib + block, n)
                    var jb = 0
                    while jb < m {
                        let je = min(jb + block, m)
                        for i in ib..<ie {
                            for j in jb..<je { dst[j * n + i] = src[i * m + j] }
                        }
                        jb = je
                    }
                    ib = ie
                }
            }
        }
        return DenseMatrix(rows: m, columns: n, values: out)
    }
}
