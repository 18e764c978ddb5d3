#if LACUNA_INTERNAL_CHECKS
extension CSRMatrix {
    /// Traps when the CSR invariants do not hold; compiled only with `LACUNA_INTERNAL_CHECKS`.
    func checkInvariants() {
        do {
            try CSRMatrix.validate(rows: rowCount, columns: columnCount, rowPointers: rowPointers,
                                   columnIndices: columnIndices, values: values)
        } catch {
            preconditionFailure("CSRMatrix invariant violated: \(error)")
        }
    }
}
#endif

/// Whether internal invariant checks are compiled in (they slow every kernel; `lacuna bench` warns).
public let lacunaInternalChecksEnabled: Bool = {
    #if LACUNA_INTERNAL_CHECKS
    return true
    #else
    return false
    #endif
}()
