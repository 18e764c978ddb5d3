import ArgumentParser
import Foundation
import LacunaText

extension AnalyzerOptions.Stemmer: ExpressibleByArgument {}
extension TfidfVectorizer.Norm: ExpressibleByArgument {}

/// The TF-IDF flags shared by `vectorize`, `fit` and `cluster` (an `@OptionGroup`).
///
/// Defaults are Lacuna's analyzer (Unicode tokeniser, Lacuna's stop words, Porter2 stemming,
/// unigrams and bigrams) with scikit-learn's weighting defaults (`--min-df 1`, `--max-df 1.0`,
/// smooth idf, l2 norm). `--token-pattern` switches to scikit-learn's tokeniser; the other
/// flags still apply as given, so scikit-learn's exact analyzer is
/// `--token-pattern '(?u)\b\w\w+\b' --stemmer none --stop-words sklearn --ngrams 1`.
struct VectorizerFlags: ParsableArguments {
    @Option(name: .long, help: "Stemmer: english (Snowball Porter2) or none.")
    var stemmer: AnalyzerOptions.Stemmer = .english

    @Option(name: .customLong("stop-words"), help: ArgumentHelp(
        "Stop words: english (Lacuna's list), sklearn (scikit-learn's ENGLISH_STOP_WORDS), none, or a FILE with one word a line ('#' starts a comment).",
        valueName: "english|sklearn|none|FILE"))
    var stopWords = "english"

    @Option(name: .long, help: ArgumentHelp("Word n-gram lengths: 1-2 (unigrams and bigrams, formed after stop-word removal) or 1.", valueName: "MIN-MAX"))
    var ngrams = "1-2"

    @Option(name: .customLong("min-df"), help: ArgumentHelp(
        "Drop terms in fewer documents: an integer is a count (2), a number with a point a proportion (0.01), as in scikit-learn. Default: 1 for vectorize (scikit-learn's); 2 for fit and cluster on 50 or more records, since a term in one record adds nothing to LSA but size.",
        valueName: "N|P"))
    var minDF: String?

    @Option(name: .customLong("max-df"), help: ArgumentHelp(
        "Drop terms in more documents: a count (500) or a proportion in (0, 1] (0.5; 1.0 keeps all).", valueName: "N|P"))
    var maxDF = "1.0"

    @Option(name: .customLong("max-features"), help: "Keep at most this many terms, the most frequent.")
    var maxFeatures: Int?

    @Flag(name: .customLong("sublinear-tf"), help: "Use 1 + ln(count) as term frequency.")
    var sublinearTF = false

    @Flag(name: .customLong("no-smooth-idf"), help: "idf = ln(n/df) + 1 instead of ln((1+n)/(1+df)) + 1.")
    var noSmoothIDF = false

    @Option(name: .long, help: "Row normalisation: l2 or none.")
    var norm: TfidfVectorizer.Norm = .l2

    @Option(name: .customLong("token-pattern"), help: ArgumentHelp(
        "Tokenise like scikit-learn: Python lower() then this regular expression (Python re meaning; '(?u)\\b\\w\\w+\\b' is scikit-learn's default).",
        valueName: "REGEX"))
    var tokenPattern: String?

    @Flag(name: .long, help: "Vectorise keywords with title and abstract.")
    var keywords = false

    @Flag(name: .customLong("fold-diacritics"), help: "Fold diacritics (café → cafe, Ærø → aero) in Lacuna's tokeniser.")
    var foldDiacritics = false

    func validate() throws {
        _ = try ngramRange()
        _ = try documentFrequency(minDF ?? "1", flag: "min-df")
        _ = try documentFrequency(maxDF, flag: "max-df")
        _ = try options()
    }

    private func ngramRange() throws -> ClosedRange<Int> {
        let parts = ngrams.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        switch parts.count {
        case 1: if let n = parts[0], n >= 1, n <= 5 { return n...n }
        case 2: if let a = parts[0], let b = parts[1], a >= 1, a <= b, b <= 5 { return a...b }
        default: break
        }
        throw ValidationError("--ngrams must be N or MIN-MAX within 1-5 (e.g. 1-2); got \(ngrams)")
    }

    private func documentFrequency(_ value: String, flag: String) throws -> TfidfVectorizer.DocumentFrequency {
        guard let df = TfidfVectorizer.DocumentFrequency(flag: value) else {
            throw ValidationError("--\(flag) must be a count (2) or a proportion (0.5); got \(value)")
        }
        return df
    }

    private func stopWordSet() throws -> AnalyzerOptions.StopWordSet {
        switch stopWords {
        case "english": return .english
        case "sklearn": return .sklearn
        case "none": return .none
        default:
            guard let data = FileManager.default.contents(atPath: stopWords) else {
                throw ValidationError("--stop-words must be english, sklearn, none or a readable file; cannot read \(stopWords)")
            }
            let words = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line -> String? in
                let w = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let t = w.trimmingCharacters(in: .whitespaces)
                return t.isEmpty ? nil : t
            }
            return .custom(words)
        }
    }

    /// The vectorizer options these flags describe, validated. Without `--min-df`, the minimum
    /// document frequency is 1, or 2 when `lsaDocumentCount` (the corpus of an LSA fit) is 50 or more.
    /// - Throws: `ValidationError` (exit 64) for a bad flag value.
    func options(lsaDocumentCount: Int? = nil) throws -> TfidfVectorizer.Options {
        let minDF = self.minDF ?? ((lsaDocumentCount ?? 0) >= 50 ? "2" : "1")
        let analyzer = AnalyzerOptions(stemmer: stemmer, stopWords: try stopWordSet(), ngramRange: try ngramRange(),
                                       tokenPattern: tokenPattern, foldDiacritics: foldDiacritics)
        let options = TfidfVectorizer.Options(
            analyzer: analyzer, minDocumentFrequency: try documentFrequency(minDF, flag: "min-df"),
            maxDocumentFrequency: try documentFrequency(maxDF, flag: "max-df"), maxFeatures: maxFeatures,
            sublinearTF: sublinearTF, smoothIDF: !noSmoothIDF, norm: norm, includeKeywords: keywords)
        do {
            try options.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return options
    }
}
