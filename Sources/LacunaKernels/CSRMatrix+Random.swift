extension CSRMatrix {
    /// A seeded random sparse matrix shaped like `scipy.sparse.random`: `nonZeros` entries
    /// spread evenly over the rows (rows differ by at most one entry), column indices drawn
    /// uniformly without replacement within a row (Floyd's algorithm) and sorted, values
    /// uniform in (0, 1). Used by benchmarks and tests.
    /// - Precondition: `nonZeros <= rows * columns`.
    /// - Complexity: O(nnz log(nnz per row)).
    public static func random(rows: Int, columns: Int, nonZeros: Int,
                              using rng: inout some RandomNumberGenerator) -> CSRMatrix {
        precondition(rows >= 0 && columns >= 0 && nonZeros >= 0 && nonZeros <= rows * columns,
                     "Cannot place \(nonZeros) entries in a \(rows)×\(columns) matrix")
        var pointers = [Int](repeating: 0, count: rows + 1)
        var cols = [Int32](); cols.reserveCapacity(nonZeros)
        var vals = [Float](); vals.reserveCapacity(nonZeros)
        let base = rows > 0 ? nonZeros / rows : 0
        let extra = rows > 0 ? nonZeros % rows : 0
        var chosen = Set<Int32>()
        var rowCols = [Int32]()
        for i in 0..<rows {
            let count = base + (i < extra ? 1 : 0)
            chosen.removeAll(keepingCapacity: true)
            rowCols.removeAll(keepingCapacity: true)
            // Floyd: a uniform `count`-subset of 0..<columns.
            if count > 0 {
                for j in (columns - count)..<columns {
                    let t = Int32(Int(rng.next() % UInt64(j + 1)))
                    if chosen.insert(t).inserted { rowCols.append(t) } else { chosen.insert(Int32(j)); rowCols.append(Int32(j)) }
                }
            }
            rowCols.sort()
            for c in rowCols {
                cols.append(c)
                var v = Float(rng.nextUnitDouble())
                if v == 0 { v = Float.leastNormalMagnitude }
                vals.append(v)
            }
            pointers[i + 1] = cols.count
        }
        return CSRMatrix(uncheckedRows: rows, columns: columns, rowPointers: pointers, columnIndices: cols, values: vals)
    }
}
