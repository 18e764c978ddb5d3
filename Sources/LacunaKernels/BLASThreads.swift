/// The process-global OpenBLAS configuration: thread count and dispatched core.
///
/// OpenBLAS reads `OPENBLAS_NUM_THREADS` once at load; ``set(_:)`` changes it at run time.
/// The setting is process-global: change it from one task only, once per phase
/// (2 threads for large GEMM/LAPACK, 1 while Lacuna's own loops use both cores).
public enum BLASThreads {
    /// The current OpenBLAS thread count.
    public static var count: Int { CBLAS.threadCount() }

    /// Sets the OpenBLAS thread count (not capped by OpenBLAS; Lacuna caps it at the core count).
    public static func set(_ n: Int) { CBLAS.setThreadCount(max(1, min(n, processorCount))) }

    /// The core OpenBLAS dispatched to, e.g. "Haswell" or "Zen".
    public static var coreName: String { CBLAS.coreName() }

    /// OpenBLAS's build configuration string.
    public static var configuration: String { CBLAS.config() }

    /// Runs `body` with OpenBLAS set to `n` threads, restoring the previous count afterwards.
    public static func with<T, E: Error>(_ n: Int, _ body: () throws(E) -> T) throws(E) -> T {
        let previous = count
        if previous != n { set(n) }
        defer { if previous != n { set(previous) } }
        return try body()
    }

    /// Number of active processors.
    public static var processorCount: Int { ProcessInfoShim.activeProcessorCount }
}
