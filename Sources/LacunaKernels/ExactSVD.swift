/// The singular values of a dense matrix by LAPACK `sgesdd` (descending); a reference for tests
/// and small problems.
/// - Complexity: O(n·m·min(n, m)).
public func exactSingularValues(_ a: DenseMatrix) throws(LAPACKError) -> [Float] {
    let n = a.rowCount, m = a.columnCount
    let r = min(n, m)
    guard r > 0 else { return [] }
    // Row-major n×m is column-major m×n with the same singular values.
    var work = a.values
    var s = [Float](repeating: 0, count: r)
    var u = [Float](repeating: 0, count: m * r)
    var vt = [Float](repeating: 0, count: r * n)
    try work.withUnsafeMutableBufferPointer { ap throws(LAPACKError) in
        try s.withUnsafeMutableBufferPointer { sp throws(LAPACKError) in
            try u.withUnsafeMutableBufferPointer { up throws(LAPACKError) in
                try vt.withUnsafeMutableBufferPointer { vp throws(LAPACKError) in
                    try LAPACK.sgesdd(m: m, n: n, a: ap.baseAddress!, s: sp.baseAddress!, u: up.baseAddress!, vt: vp.baseAddress!)
                }
            }
        }
    }
    return s
}
