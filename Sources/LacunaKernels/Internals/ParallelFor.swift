import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Processor count without pulling Foundation into the kernels.
enum ProcessInfoShim {
    static let activeProcessorCount: Int = {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }()
}

/// Runs `body(chunk)` for `chunk` in `0..<chunkCount` on all cores.
///
/// Work is split into a fixed number of chunks chosen by the caller (never by the thread
/// count), so any per-chunk result is the same whatever the machine; callers that reduce
/// combine chunk results in chunk order.
@inline(__always)
func parallelFor(_ chunkCount: Int, _ body: (Int) -> Void) {
    if chunkCount <= 0 { return }
    if chunkCount == 1 || ProcessInfoShim.activeProcessorCount == 1 {
        for c in 0..<chunkCount { body(c) }
        return
    }
    withoutActuallyEscaping(body) { escapable in
        // The chunks write disjoint memory by contract; the closure does not outlive this call.
        nonisolated(unsafe) let work = escapable
        DispatchQueue.concurrentPerform(iterations: chunkCount) { work($0) }
    }
}
