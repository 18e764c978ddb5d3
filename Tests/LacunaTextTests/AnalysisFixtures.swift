import Foundation

/// Fixtures of the analysis tests (made by the scripts in scripts/fixtures/).
enum AnalysisFixtures {
    static func url(_ name: String, _ ext: String) -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/analysis") else {
            fatalError("missing fixture Fixtures/analysis/\(name).\(ext)")
        }
        return url
    }

    static func text(_ name: String, _ ext: String) throws -> String {
        try String(contentsOf: url(name, ext), encoding: .utf8)
    }
}
