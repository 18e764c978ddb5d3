import Foundation
import LacunaKernels

/// Class-based TF-IDF (c-TF-IDF, Grootendorst 2022): the terms that make one cluster differ
/// from the others, for labelling clusters.
///
/// All documents of a class are treated as one document. With t_{w,c} the summed weight of
/// term w over the members of class c (here: their TF-IDF rows),
///
///     W_{w,c} = (t_{w,c} / Σ_w' t_{w',c}) · log(1 + A / f_w)
///
/// where f_w = Σ_c t_{w,c} is the term's weight over all classes and A = Σ_{w,c} t_{w,c} / k
/// is the mean class mass. The first factor favours terms frequent in the class, the second
/// terms rare elsewhere. This is BERTopic's `ClassTfidfTransformer` (L1-normalised class
/// rows, `log(1 + A / f)`) applied to TF-IDF rows instead of raw counts.
public enum ClassTFIDF {
    /// One scored term of a class.
    public struct Term: Sendable, Hashable {
        /// Column of the term in the TF-IDF matrix.
        public var column: Int
        /// W_{w,c}.
        public var weight: Double
    }

    /// The `top` highest-weighted terms of every class, best first (ties → lower column).
    /// - Parameters:
    ///   - rows: n × m non-negative document-term rows (TF-IDF or counts).
    ///   - labels: class of every row, in `0..<classCount`.
    ///   - classCount: k.
    ///   - top: terms to keep per class.
    /// - Returns: k lists; an empty class (or one whose rows are all zero) gets an empty list.
    /// - Precondition: `labels.count == rows.rowCount`, labels in range, `top >= 0`.
    /// - Complexity: O(nnz + Σ_c m_c·log m_c) time with m_c the distinct terms of class c;
    ///   O(nnz + m) extra memory (class sums are kept sparse).
    public static func topTerms(rows: CSRMatrix, labels: [Int], classCount k: Int, top: Int) -> [[Term]] {
        precondition(labels.count == rows.rowCount, "labels: \(labels.count) for \(rows.rowCount) rows")
        precondition(labels.allSatisfy { $0 >= 0 && $0 < k }, "labels must lie in 0..<\(k)")
        precondition(top >= 0, "top must be non-negative; got \(top)")
        let m = rows.columnCount
        var membersOf = [[Int]](repeating: [], count: k)
        for (i, c) in labels.enumerated() { membersOf[c].append(i) }
        // Sparse class sums: (columns, values) per class, columns ascending.
        var scratch = [Double](repeating: 0, count: m)
        var touched = [Bool](repeating: false, count: m)
        var classTerms = [[Int]](repeating: [], count: k)
        var classValues = [[Double]](repeating: [], count: k)
        var termTotal = [Double](repeating: 0, count: m)
        var grandTotal = 0.0
        for c in 0..<k {
            var cols: [Int] = []
            for i in membersOf[c] {
                let (rc, rv) = rows.row(i)
                for (col32, v) in zip(rc, rv) {
                    let col = Int(col32)
                    if !touched[col] { touched[col] = true; cols.append(col) }
                    scratch[col] += Double(v)
                }
            }
            cols.sort()
            classTerms[c] = cols
            classValues[c] = cols.map { scratch[$0] }
            for col in cols {
                termTotal[col] += scratch[col]; grandTotal += scratch[col]
                scratch[col] = 0; touched[col] = false
            }
        }
        let meanMass = grandTotal / Double(k)
        return (0..<k).map { c in
            let mass = classValues[c].reduce(0, +)
            guard mass > 0 else { return [] }
            var scored: [Term] = []
            scored.reserveCapacity(classTerms[c].count)
            for (col, t) in zip(classTerms[c], classValues[c]) where t > 0 && termTotal[col] > 0 {
                scored.append(Term(column: col, weight: (t / mass) * log(1 + meanMass / termTotal[col])))
            }
            scored.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.column < $1.column) }
            return Array(scored.prefix(top))
        }
    }
}
