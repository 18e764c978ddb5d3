import Foundation
import LacunaKernels
import Testing
@testable import LacunaText

/// The fixture made by scripts/fixtures/make_tfidf_fixture.py.
struct SklearnTfidfFixture: Decodable {
    struct Config: Decodable {
        let name: String
        let vocabulary: [String]
        let idf: [Double]
        let indptr: [Int]
        let indices: [Int32]
        let data: [Double]
    }
    let sklearn: String
    let texts: [String]
    let configs: [Config]

    static let shared: SklearnTfidfFixture = {
        let data = try! Data(contentsOf: AnalysisFixtures.url("tfidf-sklearn", "json"))
        return try! JSONDecoder().decode(SklearnTfidfFixture.self, from: data)
    }()
}

@Suite("TF-IDF against scikit-learn")
struct TfidfVectorizerTests {
    static let configurations: [(String, TfidfVectorizer.Options)] = [
        ("plain", .init(analyzer: .sklearn())),
        ("sklearn-stop-bigrams", .init(analyzer: .sklearn(stopWords: .sklearn, ngramRange: 1...2),
                                       minDocumentFrequency: .count(2), maxDocumentFrequency: .proportion(0.5),
                                       sublinearTF: true)),
        ("plain-idf-no-norm", .init(analyzer: .sklearn(), minDocumentFrequency: .proportion(0.01),
                                    maxDocumentFrequency: .count(25), smoothIDF: false, norm: .none)),
    ]

    @Test("Vocabulary, idf and weights match TfidfVectorizer", arguments: configurations.map(\.0))
    func matchesSklearn(name: String) throws {
        let fixture = SklearnTfidfFixture.shared
        let expected = try #require(fixture.configs.first { $0.name == name })
        let options = try #require(Self.configurations.first { $0.0 == name }?.1)
        let (model, x) = try TfidfVectorizer(options: options).fitTransform(fixture.texts)
        #expect(model.terms.count == expected.vocabulary.count)
        let diff = zip(model.terms, expected.vocabulary).filter { $0 != $1 }.prefix(5)
        #expect(model.terms == expected.vocabulary, "first differences: \(Array(diff))")
        guard model.terms == expected.vocabulary else { return }
        for (a, b) in zip(model.idf, expected.idf) { #expect(abs(Double(a) - b) <= 1e-5 * max(1, b)) }
        #expect(x.rowCount == fixture.texts.count)
        #expect(x.rowPointers == expected.indptr)
        #expect(x.columnIndices == expected.indices)
        var worst = 0.0
        for (a, b) in zip(x.values, expected.data) { worst = max(worst, abs(Double(a) - b)) }
        #expect(worst <= 1e-5, "largest weight difference \(worst)")
        // transform on the fitted model gives the same matrix.
        #expect(model.transform(fixture.texts) == x)
    }

    @Test("Lacuna analyzer: bigrams count as terms and surface forms are unstemmed")
    func lacunaMode() throws {
        let texts = ["Burden sharing shapes force structure.", "Force structure and burden sharing among allies.",
                     "Allied force structures and burden-sharing debates."]
        let (model, x) = try TfidfVectorizer(options: .init()).fitTransform(texts)
        let share = try #require(model.index(of: "burden share"))
        #expect(model.surfaceForms[share] == "burden sharing")
        let structure = try #require(model.index(of: "forc structur"))
        #expect(model.surfaceForms[structure] == "force structure")
        #expect(model.terms == model.terms.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(x.rowCount == 3 && x.columnCount == model.terms.count)
        for i in 0..<3 {
            let norm = x.row(i).values.reduce(0) { $0 + Double($1) * Double($1) }
            #expect(abs(norm - 1) < 1e-5)
        }
    }

    @Test("Result is the same for any chunking of the work")
    func deterministic() throws {
        let texts = (0..<5000).map { i in "document \(i % 97) about alliance \(i % 13) burden sharing force structure w\(i % 1000)" }
        let v = TfidfVectorizer(options: .init(minDocumentFrequency: .count(2)))
        let (m1, x1) = try v.fitTransform(texts)
        let (m2, x2) = try v.fitTransform(texts)
        #expect(m1.terms == m2.terms && x1 == x2)
        // The same documents fitted one chunk at a time give the same vocabulary.
        let small = Array(texts.prefix(1500))
        let (m3, x3) = try v.fitTransform(small)
        #expect(m3.transform(small) == x3)
    }

    @Test("min-df and max-df errors say what to do", arguments: [
        (TfidfVectorizer.DocumentFrequency.count(5), TfidfVectorizer.DocumentFrequency.proportion(1.0), "--min-df 5 leaves no terms: every term appears in fewer than 5 documents. Try a lower --min-df"),
        (.count(1), .proportion(1.5), "--max-df must be in (0, 1] or a count; got 1.5"),
        (.count(3), .count(2), "--max-df admits at most 2 documents but --min-df requires at least 3"),
    ])
    func errors(minDF: TfidfVectorizer.DocumentFrequency, maxDF: TfidfVectorizer.DocumentFrequency, message: String) {
        let v = TfidfVectorizer(options: .init(minDocumentFrequency: minDF, maxDocumentFrequency: maxDF))
        do {
            _ = try v.fit(["alliance politics", "force structure", "burden sharing", "arms procurement", "defence industry",
                           "military doctrine"])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test("Vocabulary equals the analyzer's terms, for any n-gram range", arguments: [1...1, 1...2, 1...3, 2...3])
    func vocabularyMatchesAnalyzer(range: ClosedRange<Int>) throws {
        let texts = Array(SklearnTfidfFixture.shared.texts.prefix(120))
        let analyzer = AnalyzerOptions(ngramRange: range)
        let model = try TfidfVectorizer(options: .init(analyzer: analyzer)).fit(texts)
        let a = try Analyzer(options: analyzer)
        let expected = Set(texts.flatMap { a.terms($0) }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(model.terms == expected)
        // Document frequencies agree too: idf is a function of df.
        let df = Dictionary(texts.flatMap { Set(a.terms($0)) }.map { ($0, 1) }, uniquingKeysWith: +)
        for (j, term) in model.terms.enumerated().prefix(500) {
            let n = Double(texts.count), d = Double(df[term] ?? 0)
            #expect(abs(Double(model.idf[j]) - (log((1 + n) / (1 + d)) + 1)) < 1e-5)
        }
    }

    @Test("max-df alone says to raise it")
    func maxDFMessage() {
        let v = TfidfVectorizer(options: .init(analyzer: .sklearn(), maxDocumentFrequency: .count(2)))
        #expect {
            _ = try v.fit(["alliance", "alliance", "alliance"])
        } throws: { error in
            (error as? VectorizerError)?.description == "--max-df 2 leaves no terms: every term appears in more than 2 documents. Try a higher --max-df"
        }
    }

    @Test("Document frequency flags: integer is a count, a point makes a proportion")
    func documentFrequencyFlags() {
        #expect(TfidfVectorizer.DocumentFrequency(flag: "2") == .count(2))
        #expect(TfidfVectorizer.DocumentFrequency(flag: "0.5") == .proportion(0.5))
        #expect(TfidfVectorizer.DocumentFrequency(flag: "1.0") == .proportion(1.0))
        #expect(TfidfVectorizer.DocumentFrequency(flag: "x") == nil)
    }

    @Test("max-features keeps the most frequent terms, sorted")
    func maxFeatures() throws {
        let texts = ["a1 b2 b2 c3 c3 c3", "c3 d4 d4 d4 d4", "e5"]
        let options = TfidfVectorizer.Options(analyzer: .sklearn(), maxFeatures: 2)
        let model = try TfidfVectorizer(options: options).fit(texts)
        #expect(model.terms == ["c3", "d4"])
    }

    @Test("A model rebuilt from its parts transforms like the fitted one")
    func reload() throws {
        let texts = SklearnTfidfFixture.shared.texts
        let fitted = try TfidfVectorizer(options: .init()).fit(texts)
        let loaded = TfidfModel(options: fitted.options, terms: fitted.terms, idf: fitted.idf,
                                surfaceForms: fitted.surfaceForms, documentCount: fitted.documentCount)
        #expect(loaded.transform(texts) == fitted.transform(texts))
        #expect(loaded.index(of: fitted.terms[10]) == 10)
        #expect(loaded.index(of: "no such term") == nil)
    }
}
