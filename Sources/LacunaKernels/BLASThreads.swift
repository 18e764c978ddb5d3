import Synchronization

/// The process-global OpenBLAS configuration: thread count and dispatched core.
///
/// OpenBLAS reads `OPENBLAS_NUM_THREADS` once at load; ``set(_:)`` changes it at run time.
/// OpenBLAS rounds differently with different thread counts (its GEMM blocking depends on
/// them), so Lacuna's decompositions *pin* it to one thread with ``with(_:_:)``. Pins nest and
/// may overlap across tasks: the count stays pinned until the last pinned region ends, and a
/// ``set(_:)`` made meanwhile takes effect then. Results are therefore the same whatever the
/// thread count, even when several tasks call the kernels at once.
public enum BLASThreads {
    private struct PinState {
        var depth = 0
        var pinnedCount = 1
        var restoreTo = 1
    }

    private static let state = Mutex(PinState())

    /// The current OpenBLAS thread count.
    public static var count: Int { CBLAS.threadCount() }

    /// Sets the OpenBLAS thread count (capped at the core count). Inside a pinned region the
    /// change is deferred until the region ends.
    public static func set(_ n: Int) {
        let n = max(1, min(n, processorCount))
        state.withLock { s in
            if s.depth > 0 { s.restoreTo = n } else { CBLAS.setThreadCount(n) }
        }
    }

    /// The core OpenBLAS dispatched to, e.g. "Haswell" or "Zen".
    public static var coreName: String { CBLAS.coreName() }

    /// OpenBLAS's build configuration string.
    public static var configuration: String { CBLAS.config() }

    /// Runs `body` with OpenBLAS pinned to `n` threads, restoring the previous count when the
    /// last overlapping pinned region ends. While pinned, other regions run with the first
    /// region's count (`n` is a request, honoured when nothing else is pinned).
    public static func with<T, E: Error>(_ n: Int, _ body: () throws(E) -> T) throws(E) -> T {
        let n = max(1, min(n, processorCount))
        state.withLock { s in
            if s.depth == 0 {
                s.restoreTo = CBLAS.threadCount()
                s.pinnedCount = n
                if s.restoreTo != n { CBLAS.setThreadCount(n) }
            }
            s.depth += 1
        }
        defer {
            state.withLock { s in
                s.depth -= 1
                if s.depth == 0 && CBLAS.threadCount() != s.restoreTo { CBLAS.setThreadCount(s.restoreTo) }
            }
        }
        return try body()
    }

    /// Number of active processors.
    public static var processorCount: Int { ProcessInfoShim.activeProcessorCount }
}
