import Foundation
import LacunaKernels

/// TF-IDF with scikit-learn's `TfidfVectorizer` definitions.
///
/// For term t in document d of a corpus of n documents:
/// - tf(t, d) = count of t in d, or 1 + ln(count) with `sublinearTF`;
/// - idf(t) = ln((1 + n) / (1 + df(t))) + 1 with `smoothIDF` (default), else ln(n / df(t)) + 1;
/// - the row tf · idf is then divided by its Euclidean norm (`norm: .l2`), or left as is.
///
/// The vocabulary keeps terms with `minDocumentFrequency ≤ df ≤ maxDocumentFrequency` (a count,
/// or a proportion of n), then at most `maxFeatures` of them by total count (ties: the earlier
/// term), and lists them sorted by code point, as scikit-learn does.
///
/// Work runs on all cores over fixed chunks of 2,048 documents merged in chunk order, so the
/// result is identical for any thread count. `fit` makes one pass over the texts;
/// `fitTransform` reuses the counts of that pass to build the matrix.
public struct TfidfVectorizer: Sendable {
    /// How documents are counted for `minDocumentFrequency` / `maxDocumentFrequency`.
    public enum DocumentFrequency: Sendable, Hashable, Codable {
        /// A number of documents (scikit-learn's integer `min_df`/`max_df`).
        case count(Int)
        /// A proportion of the documents in `[0, 1]` (scikit-learn's float `min_df`/`max_df`).
        case proportion(Double)

        /// The threshold as a document count for `n` documents (not rounded, as in scikit-learn).
        public func threshold(documents n: Int) -> Double {
            switch self {
            case .count(let c): return Double(c)
            case .proportion(let p): return p * Double(n)
            }
        }

        /// Parses a flag value: an integer is a count ("2"), anything with a point or exponent a
        /// proportion ("0.5", "1.0"), as Python's int/float distinction in scikit-learn.
        public init?(flag: String) {
            let s = flag.trimmingCharacters(in: .whitespaces)
            if let c = Int(s) { self = .count(c); return }
            guard let p = Double(s), p.isFinite else { return nil }
            self = .proportion(p)
        }

        /// The value as it would be written on the command line.
        public var flagValue: String {
            switch self {
            case .count(let c): return String(c)
            case .proportion(let p): return String(p)
            }
        }
    }

    /// Row normalisation.
    public enum Norm: String, Sendable, Hashable, Codable, CaseIterable {
        /// Divide each row by its Euclidean norm (rows of zeros stay zero).
        case l2
        /// No normalisation.
        case none
    }

    /// The vectorizer's options (scikit-learn's parameters, camel-cased).
    public struct Options: Sendable, Hashable, Codable {
        /// How text becomes terms.
        public var analyzer: AnalyzerOptions
        /// Drop terms in fewer documents than this (default: 1 document).
        public var minDocumentFrequency: DocumentFrequency
        /// Drop terms in more documents than this (default: proportion 1.0).
        public var maxDocumentFrequency: DocumentFrequency
        /// Keep at most this many terms, the most frequent (default: all).
        public var maxFeatures: Int?
        /// tf = 1 + ln(count) instead of count.
        public var sublinearTF: Bool
        /// idf = ln((1+n)/(1+df)) + 1 (true, default) or ln(n/df) + 1.
        public var smoothIDF: Bool
        /// Row normalisation (default l2).
        public var norm: Norm
        /// Vectorise the record's keywords with its title and abstract (used by record readers).
        public var includeKeywords: Bool

        /// Options with scikit-learn's defaults and Lacuna's analyzer.
        public init(analyzer: AnalyzerOptions = AnalyzerOptions(), minDocumentFrequency: DocumentFrequency = .count(1),
                    maxDocumentFrequency: DocumentFrequency = .proportion(1.0), maxFeatures: Int? = nil,
                    sublinearTF: Bool = false, smoothIDF: Bool = true, norm: Norm = .l2, includeKeywords: Bool = false) {
            self.analyzer = analyzer; self.minDocumentFrequency = minDocumentFrequency
            self.maxDocumentFrequency = maxDocumentFrequency; self.maxFeatures = maxFeatures
            self.sublinearTF = sublinearTF; self.smoothIDF = smoothIDF; self.norm = norm
            self.includeKeywords = includeKeywords
        }

        /// Checks every option with one message format ("--max-df must be in (0, 1] or a count; got 1.5").
        /// - Throws: ``VectorizerError/invalidParameter(name:expected:got:)``.
        public func validate() throws(VectorizerError) {
            try analyzer.validate()
            switch minDocumentFrequency {
            case .count(let c) where c < 1:
                throw .invalidParameter(name: "min-df", expected: "in [0, 1] or a count of at least 1", got: String(c))
            case .proportion(let p) where !(p >= 0 && p <= 1):
                throw .invalidParameter(name: "min-df", expected: "in [0, 1] or a count of at least 1", got: String(p))
            default: break
            }
            switch maxDocumentFrequency {
            case .count(let c) where c < 1:
                throw .invalidParameter(name: "max-df", expected: "in (0, 1] or a count", got: String(c))
            case .proportion(let p) where !(p > 0 && p <= 1):
                throw .invalidParameter(name: "max-df", expected: "in (0, 1] or a count", got: String(p))
            default: break
            }
            if let m = maxFeatures, m < 1 {
                throw .invalidParameter(name: "max-features", expected: "at least 1", got: String(m))
            }
        }
    }

    /// Documents per work chunk (fixed, so results never depend on the thread count).
    static let chunkSize = 2048

    /// The options.
    public let options: Options

    /// A vectorizer with `options` (checked when fitting).
    public init(options: Options = Options()) { self.options = options }

    /// Learns the vocabulary and idf from `texts`.
    /// - Throws: ``VectorizerError`` for invalid options, or when no term survives pruning.
    /// - Complexity: O(total text length), one pass, on all cores.
    public func fit(_ texts: [String]) throws(VectorizerError) -> TfidfModel {
        try fitCounts(texts).model
    }

    /// Learns the vocabulary and idf from `texts` and returns their TF-IDF matrix
    /// (`texts.count` × vocabulary size, float32, columns sorted within rows).
    /// - Throws: ``VectorizerError`` for invalid options, or when no term survives pruning.
    /// - Complexity: O(total text length + nnz), one pass over the text.
    public func fitTransform(_ texts: [String]) throws(VectorizerError) -> (TfidfModel, CSRMatrix) {
        let fitted = try fitCounts(texts)
        let matrix = fitted.model.weigh(chunks: fitted.chunks, columns: fitted.columns)
        return (fitted.model, matrix)
    }

    private func fitCounts(_ texts: [String]) throws(VectorizerError) -> (model: TfidfModel, chunks: [TermCounter], columns: [[Int32]]) {
        try options.validate()
        let analyzer = try Analyzer(options: options.analyzer)
        var clock = PhaseClock()
        let chunks = forEachChunk(count: texts.count, chunkSize: Self.chunkSize) { range in
            let counter = TermCounter(analyzer: analyzer, expectedBytes: range.reduce(0) { $0 + texts[$1].utf8.count })
            for i in range { counter.add(texts[i]) }
            return counter
        }
        clock.lap("count")
        let vocabulary = Vocabulary(merging: chunks)
        clock.lap("merge")
        let n = texts.count
        guard n > 0 else { throw .emptyVocabulary(documents: 0) }
        let (ids, terms) = try vocabulary.select(documents: n, options: options)
        clock.lap("select")
        var globalToColumn = [Int32](repeating: -1, count: vocabulary.count)
        for (c, g) in ids.enumerated() { globalToColumn[Int(g)] = Int32(c) }
        let idf = ids.map { g -> Float in
            let df = Double(vocabulary.df[Int(g)])
            return Float(options.smoothIDF ? log((1 + Double(n)) / (1 + df)) + 1 : log(Double(n) / df) + 1)
        }
        let surface = surfaceForms(chunks: chunks, vocabulary: vocabulary, ids: ids, terms: terms)
        clock.lap("surface")
        let model = TfidfModel(options: options, terms: terms, idf: idf, surfaceForms: surface, documentCount: n,
                               analyzer: analyzer)
        let columns = vocabulary.localToGlobal.map { $0.map { $0 >= 0 ? globalToColumn[Int($0)] : -1 } }
        clock.lap("model")
        return (model, chunks, columns)
    }

    /// Per kept term, the most frequent unstemmed token that produced it (ties: the smaller
    /// one); n-grams join their parts' surface forms. Without stemming, the term itself.
    private func surfaceForms(chunks: [TermCounter], vocabulary: Vocabulary, ids: [Int32], terms: [String]) -> [String] {
        guard options.analyzer.stemmer != .none else { return terms }
        let tokens = ByteKeyTable(capacity: 1 << 16)
        var uses: [Int64] = [], term: [Int32] = []
        for (c, chunk) in chunks.enumerated() {
            let map = vocabulary.localToGlobal[c]
            for tok in 0..<chunk.tokens.count where chunk.tokenTerm[tok] >= 0 && chunk.tokenUses[tok] > 0 {
                let (id, inserted) = tokens.findOrInsert(chunk.tokens.key(tok))
                if inserted { uses.append(0); term.append(map[Int(chunk.tokenTerm[tok])]) }
                uses[Int(id)] += Int64(chunk.tokenUses[tok])
            }
        }
        var best = [Int32](repeating: -1, count: vocabulary.count)
        for tok in 0..<tokens.count {
            let g = Int(term[tok])
            let b = best[g]
            if b < 0 || uses[tok] > uses[Int(b)]
                || (uses[tok] == uses[Int(b)] && tokens.key(tok).lexicographicallyPrecedes(tokens.key(Int(b)))) {
                best[g] = Int32(tok)
            }
        }
        func surface(_ g: Int) -> String {
            if vocabulary.key[g] >= 0 {
                return best[g] >= 0 ? tokens.string(Int(best[g])) : ""
            }
            return surface(Int(vocabulary.left[g])) + " " + surface(Int(vocabulary.right[g]))
        }
        return zip(ids, terms).map { g, t in
            let s = surface(Int(g))
            return s.isEmpty ? t : s
        }
    }
}

/// Phase timings on stderr when `LACUNA_TIMING` is set (for profiling the vectorizer).
struct PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = PhaseClock.cpu()
    private let on = ProcessInfo.processInfo.environment["LACUNA_TIMING"] != nil

    private static func cpu() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    mutating func lap(_ name: String) {
        guard on else { return }
        let now = DispatchTime.now().uptimeNanoseconds, cpu = Self.cpu()
        let line = "\(name): \(Double(now - last) / 1e6) ms wall, \((cpu - lastCPU) * 1e3) ms cpu\n"
        FileHandle.standardError.write(line.data(using: .utf8)!)
        last = now
        lastCPU = cpu
    }
}
