import LacunaKernels

extension LSAModel {
    /// The terms with the highest loading on a direction of the LSA space: the entries of
    /// V · c (c a k-vector, e.g. a strand or cluster centroid), largest first (ties → lower column).
    /// - Parameters:
    ///   - direction: k numbers.
    ///   - count: terms to return.
    /// - Returns: (column, loading) pairs; show `vectorizer.surfaceForms[column]` to users.
    /// - Precondition: `direction.count == dimensions`.
    /// - Complexity: 2·m·k flops (`cblas_sgemm`, m terms) plus O(m log count).
    public func topTerms(along direction: [Float], count: Int) -> [(column: Int, loading: Float)] {
        precondition(direction.count == dimensions, "direction has \(direction.count) entries; the model has \(dimensions) dimensions")
        let c = DenseMatrix(rows: dimensions, columns: 1, values: direction)
        let loadings = BLASThreads.with(1) { DenseMatrix.multiply(termLoadings, c) }.values
        var heap: [(column: Int, loading: Float)] = []
        for (j, v) in loadings.enumerated() {
            heap.append((j, v))
            if heap.count > 4 * max(count, 16) {
                heap.sort { $0.loading > $1.loading || ($0.loading == $1.loading && $0.column < $1.column) }
                heap.removeLast(heap.count - count)
            }
        }
        heap.sort { $0.loading > $1.loading || ($0.loading == $1.loading && $0.column < $1.column) }
        return Array(heap.prefix(max(0, count)))
    }
}
