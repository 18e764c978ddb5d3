import Foundation
import LacunaKernels
import LacunaText

/// The output of `lacuna bench`.
struct BenchReport {
    var blasCore: String
    var blasThreads: Int
    var cores: Int
    var ceilings: KernelBench.Ceilings?
    var results: [KernelBench.Measurement]

    private struct Row: Encodable {
        var kernel: String, shape: String, seconds: Double
        var gflops: Double?, gbps: Double?, ceiling_fraction: Double?
        var check: String
        var ceilings: Ceil?
        struct Ceil: Encodable { var sgemm_gflops: Double; var bandwidth_gbps: Double }
        var blas_core: String, cores: Int
    }

    func write(to out: ByteSink, format: OutputFormat) throws {
        let ceil = ceilings.map { Row.Ceil(sgemm_gflops: $0.gflops, bandwidth_gbps: $0.gbps) }
        let rows = results.map {
            Row(kernel: $0.kernel, shape: $0.shape, seconds: $0.seconds, gflops: $0.gflops, gbps: $0.gbps,
                ceiling_fraction: $0.ceilingFraction, check: $0.check, ceilings: ceil, blas_core: blasCore, cores: cores)
        }
        switch format {
        case .json: try out.write(try JSONOutput.pretty(rows) + "\n")
        case .jsonl: for r in rows { try out.write(try JSONOutput.line(r) + "\n") }
        case .table, .csv, .markdown:
            func f(_ v: Double?, _ digits: Int = 2) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "" }
            let table = TableRenderer(
                headers: ["kernel", "shape", "seconds", "GFLOP/s", "GB/s", "ceiling", "check"],
                rows: results.map { [$0.kernel, $0.shape, f($0.seconds, 4), f($0.gflops), f($0.gbps),
                                     $0.ceilingFraction.map { String(format: "%.0f%%", $0 * 100) } ?? "", $0.check] })
            var header = "OpenBLAS core \(blasCore), \(cores) cores"
            if let c = ceilings { header += String(format: "; ceilings: sgemm %.1f GFLOP/s, bandwidth %.1f GB/s", c.gflops, c.gbps) }
            switch format {
            case .csv: try out.write(table.csv())
            case .markdown: try out.write(header + "\n\n" + table.markdown())
            default: try out.write(header + "\n" + table.text(maxColumnWidth: 80))
            }
        }
    }
}
