import Foundation
import Testing
import _LacunaTestSupport
@testable import Lacuna

/// Lacuna's TF-IDF + randomized SVD against exact singular values computed by NumPy/SciPy on
/// scikit-learn's TF-IDF matrix of the same corpus (fixture: scripts/fixtures/make_svd_fixture.py).
@Suite("SVD against SciPy")
struct SVDAgainstSciPyTests {
    struct Fixture: Decodable {
        var documents: Int
        var terms: Int
        var nnz: Int
        var singular_values: [Double]
    }

    @Test("Top 20 singular values of the bundled corpus within 0.5 % of the exact ones with the fit defaults")
    func topSingularValues() throws {
        let root = lacunaPackageRoot
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: URL(fileURLWithPath: "\(root)/Tests/LacunaTests/Fixtures/svd-scipy.json")))
        let records = try readRecords(paths: ["\(root)/Corpus/reviewed.jsonl", "\(root)/Corpus/background.jsonl"])
        var options = TfidfVectorizer.Options()
        options.analyzer = AnalyzerOptions.sklearn(stopWords: .none, ngramRange: 1...1)
        options.minDocumentFrequency = .count(2)
        let (_, x) = try TfidfVectorizer(options: options).fitTransform(records.map { $0.text() })
        #expect(x.rowCount == fixture.documents && x.columnCount == fixture.terms && x.nonZeroCount == fixture.nnz)
        var rng = SplitMix64(seed: 1)
        let lsa = LSAOptions(dimensions: 20, seed: 1)   // the fit defaults: q = 7, p = max(10, min(k, 50))
        let svd = try randomizedSVD(x, rank: 20, oversamples: lsa.resolvedOversamples(dimensions: 20),
                                    powerIterations: lsa.powerIterations, using: &rng)
        for (j, exact) in fixture.singular_values.enumerated() {
            #expect(abs(Double(svd.singularValues[j]) - exact) / exact < 5e-3, "σ\(j + 1): \(svd.singularValues[j]) vs \(exact)")
        }
    }
}
