import Foundation
import Testing
import _LacunaTestSupport

/// The shipped `Models/default.lacuna` must be what its documented `lacuna fit` command makes.
@Suite("Default model")
struct DefaultModelTests {
    /// The command documented in Models/README.md, with paths under the package root.
    static func fitArguments(out: String) -> [String] {
        let root = lacunaPackageRoot
        return ["fit", "\(root)/Corpus/reviewed.jsonl", "\(root)/Corpus/background.jsonl",
                "--strands", "\(root)/Corpus/strands.jsonl", "--min-df", "2", "--seed", "1", "--out", out, "--quiet"]
    }

    static func info(_ path: String) throws -> [String: Any] {
        let r = runLacuna(["info", path, "--format", "json"])
        #expect(r.status == 0, "lacuna info failed: \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test("A refit reproduces the shipped model: bytes when the BLAS core matches, else within tolerance")
    func refitReproducesShippedModel() throws {
        let shipped = "\(lacunaPackageRoot)/Models/default.lacuna"
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lacuna-default-\(UUID().uuidString).lacuna").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let fit = runLacuna(Self.fitArguments(out: out))
        try #require(fit.status == 0, "lacuna fit failed: \(fit.stderr)")
        let a = try Self.info(shipped), b = try Self.info(out)
        let coreA = (a["provenance"] as? [String: Any])?["blas_core"] as? String
        let coreB = (b["provenance"] as? [String: Any])?["blas_core"] as? String
        #expect(a["dims"] as? Int == b["dims"] as? Int)
        #expect(a["vocabulary_size"] as? Int == b["vocabulary_size"] as? Int)
        #expect(a["documents"] as? Int == b["documents"] as? Int)
        if coreA == coreB {
            // Same OpenBLAS kernels, and Lacuna pins BLAS to one thread: the bytes must agree.
            let bytesA = try Data(contentsOf: URL(fileURLWithPath: shipped))
            let bytesB = try Data(contentsOf: URL(fileURLWithPath: out))
            #expect(bytesA == bytesB, "refit differs from Models/default.lacuna; regenerate it with the command in Models/README.md")
        } else {
            // Another core's GEMM/LAPACK kernels round differently: compare the spectrum.
            let sa = try #require(a["singular_values"] as? [Double]), sb = try #require(b["singular_values"] as? [Double])
            #expect(sa.count == sb.count)
            for (x, y) in zip(sa, sb) { #expect(abs(x - y) <= 1e-3 * max(abs(x), 1e-6), "σ \(x) vs \(y)") }
        }
    }
}
