import Foundation
import Testing
import _LacunaTestSupport

/// Shared inputs of the CLI tests: the review's 25 labelled works and a model fitted on them once.
enum CLIFixtures {
    static let reviewed = lacunaPackageRoot + "/Corpus/reviewed.jsonl"
    static let strands = lacunaPackageRoot + "/Corpus/strands.jsonl"

    /// A scratch folder for this test process.
    static let scratch: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lacuna-cli-tests-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// Model fitted on `reviewed` with the strand names (10 dims, seed 3), made once.
    static let model: String = {
        let path = scratch + "/reviewed.lacuna"
        let r = runLacuna(["fit", reviewed, "--out", path, "--dims", "10", "--seed", "3", "--strands", strands, "--format", "json"])
        if r.status != 0 { Issue.record("fitting the CLI test model failed (\(r.status)): \(r.stderr)") }
        return path
    }()

    /// Writes `text` to a file in the scratch folder and returns its path.
    static func file(_ name: String, _ text: String) -> String {
        let path = scratch + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// Parses JSON output.
    static func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Any? {
        do { return try JSONSerialization.jsonObject(with: Data(text.utf8)) } catch {
            Issue.record("output is not JSON: \(error)\n\(text.prefix(300))", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Ids of the reviewed works.
    static let reviewedIDs: [String] = {
        let text = (try? String(contentsOfFile: reviewed, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])?["id"] as? String
        }
    }()
}
