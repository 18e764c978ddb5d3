import ArgumentParser
import Foundation
import LacunaKernels
import LacunaText

/// `lacuna bench`: vector-kernel benchmark table with the machine's measured ceilings.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark the vector kernels (GFLOP/s, GB/s) against ceilings measured in the same run.",
        discussion: """
        Ceilings: a large sgemm on all cores (arithmetic) and a streaming read+write of a large \
        array (memory bandwidth). Sparse matrices are seeded, with uniformly random sorted column \
        indices and values uniform in (0, 1), like scipy.sparse.random on the same shape. \
        Each kernel is run --repeats times; the best time is reported.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Run one kernel: sgemm|spmm|spmm_t|topk_cosine|randomized_svd|kmeans (default: all).")
    var kernel: String?

    @Option(name: .long, help: "Rows: of the sparse matrix (spmm, spmm_t, randomized_svd), of C (sgemm), or of the searched/clustered matrix (default per kernel).")
    var rows: Int?

    @Option(name: .long, help: "Columns: of the sparse matrix, of C (sgemm), or the dimension d (topk_cosine, kmeans) (default per kernel).")
    var cols: Int?

    @Option(name: .long, help: "Non-zeros of the sparse operand (default per kernel).")
    var nnz: Int?

    @Option(name: .customLong("dense-cols"), help: "Columns of the dense operand for spmm/spmm_t, inner dimension for sgemm (default 200).")
    var denseCols: Int?

    @Option(name: .long, help: "k: top-k neighbours, SVD components or k-means clusters (default 10, 100, 40).")
    var k: Int?

    @Option(name: .long, help: "Queries for topk_cosine (default 1000).")
    var queries: Int?

    @Option(name: .long, help: "Timed repetitions per kernel; the best is reported.")
    var repeats: Int = 3

    @Option(name: .long, help: "Seed for the random operands.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Skip measuring the ceilings (ceiling_fraction is then omitted).")
    var noCeilings = false

    func validate() throws {
        let known = KernelBench.Kernel.allCases.map(\.rawValue)
        if let kernel, !known.contains(kernel) {
            throw ValidationError("--kernel must be one of \(known.joined(separator: "|")); got \(kernel).")
        }
        for (name, value) in [("rows", rows), ("cols", cols), ("nnz", nnz), ("dense-cols", denseCols), ("k", k), ("queries", queries)] {
            if let value, value < 1 { throw ValidationError("--\(name) must be in 1...; got \(value).") }
        }
        if repeats < 1 { throw ValidationError("--repeats must be in 1...; got \(repeats).") }
    }

    func run() throws {
        if lacunaInternalChecksEnabled {
            printNote("warning: built with LACUNA_INTERNAL_CHECKS; figures are not representative")
        }
        let progress = global.progress
        let shape = KernelBench.Shape(rows: rows, columns: cols, nonZeros: nnz, denseColumns: denseCols, k: k, queries: queries)
        let bench = KernelBench(repeats: repeats, seed: seed)
        var ceilings: KernelBench.Ceilings?
        if !noCeilings {
            progress.report("measuring ceilings (sgemm, memory bandwidth)")
            ceilings = bench.measureCeilings()
        }
        let kernels = kernel.map { [KernelBench.Kernel(rawValue: $0)!] } ?? KernelBench.Kernel.allCases
        var results: [KernelBench.Measurement] = []
        for kern in kernels {
            progress.report("running \(kern.rawValue)")
            results.append(try bench.run(kern, shape: shape, ceilings: ceilings))
        }
        let report = BenchReport(blasCore: BLASThreads.coreName, blasThreads: BLASThreads.count,
                                 cores: BLASThreads.processorCount, ceilings: ceilings, results: results)
        try withOutput { out in try report.write(to: out, format: global.resolvedFormat(pipeDefault: .json)) }
    }
}
