import Foundation

/// Turns a text into terms: tokens, minus stop words, stemmed, plus word n-grams.
///
/// The analyzer is a value built once from ``AnalyzerOptions``; it is cheap to copy and safe to
/// share between threads (each call makes its own scratch tokenizer; the vectorizer keeps one
/// per work chunk).
///
/// Example: with the defaults, "NATO's burden-sharing debates, e.g. in 1999" gives
/// `["nato", "burden-share", "debat", "1999", "nato burden-share", "burden-share debat", "debat 1999"]`.
public struct Analyzer: Sendable {
    /// The options this analyzer applies.
    public let options: AnalyzerOptions
    let mode: Tokenizer.Mode
    let stopWords: ByteKeyTable
    let stems: Bool

    /// An analyzer for `options`.
    /// - Throws: ``VectorizerError`` when the options are invalid (see ``AnalyzerOptions/validate()``).
    public init(options: AnalyzerOptions) throws(VectorizerError) {
        try options.validate()
        self.options = options
        if let p = options.tokenPattern {
            mode = p == AnalyzerOptions.sklearnDefaultPattern
                ? .sklearnDefault(lowercase: options.lowercase)
                : .regex(try RegexTokenPattern(p), lowercase: options.lowercase)
        } else {
            mode = .lacuna(foldDiacritics: options.foldDiacritics, lowercase: options.lowercase)
        }
        stems = options.stemmer == .english
        let table = ByteKeyTable(capacity: 512)
        for w in options.stopWords.words {
            table.insert(Self.normalizeStopWord(w, mode: mode))
        }
        stopWords = table
    }

    /// A stop word as tokens are normalised in `mode`.
    static func normalizeStopWord(_ w: String, mode: Tokenizer.Mode) -> String {
        let trimmed = w.trimmingCharacters(in: .whitespaces)
        switch mode {
        case let .lacuna(fold, lower):
            var out: [UInt8] = []
            var s = trimmed
            s.withUTF8 { Tokenizer.normalizeLacuna($0, fold: fold, lower: lower, into: &out) }
            return String(decoding: out, as: UTF8.self)
        case let .sklearnDefault(lower), let .regex(_, lower):
            return lower ? Tokenizer.pythonLower(trimmed) : trimmed
        }
    }

    /// A fresh tokenizer for this analyzer's mode.
    func makeTokenizer() -> Tokenizer { Tokenizer(mode: mode) }

    /// Whether a token is a stop word.
    @inline(__always)
    func isStopWord(_ p: UnsafePointer<UInt8>, _ len: Int) -> Bool {
        stopWords.count > 0 && stopWords.find(p, len) >= 0
    }

    /// Appends the term of a kept token to `out`: the token itself, or its stem. In a hyphenated
    /// compound only the last part is stemmed ("burden-sharing" → "burden-share").
    func appendTerm(of token: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard stems else { out.append(contentsOf: token); return }
        var cut = 0
        if case .lacuna = mode, let h = token.lastIndex(of: UInt8(ascii: "-")) { cut = h + 1 }
        if cut > 0 { out.append(contentsOf: UnsafeBufferPointer(rebasing: token[0..<cut])) }
        EnglishStemmer().stem(utf8: UnsafeBufferPointer(rebasing: token[cut...]), into: &out)
    }

    /// The tokens of `text` after normalisation, before stop words and stemming.
    public func tokens(_ text: String) -> [String] {
        let t = makeTokenizer()
        t.tokenize(text)
        return t.tokenStrings()
    }

    /// The terms of `text`: kept tokens (stemmed) and then, for each n-gram length in
    /// ``AnalyzerOptions/ngramRange`` above 1, the n-grams of adjacent kept tokens joined by a space,
    /// in scikit-learn's order (all unigrams first, then all bigrams, …).
    /// - Complexity: O(length of text).
    public func terms(_ text: String) -> [String] {
        let t = makeTokenizer()
        t.tokenize(text)
        var kept: [String] = []
        var scratch: [UInt8] = []
        for k in 0..<t.count {
            let tok = t.token(k)
            if isStopWord(tok.baseAddress!, tok.count) { continue }
            scratch.removeAll(keepingCapacity: true)
            appendTerm(of: tok, to: &scratch)
            kept.append(String(decoding: scratch, as: UTF8.self))
        }
        var out: [String] = []
        let range = options.ngramRange
        if range.lowerBound == 1 { out = kept }
        for n in max(2, range.lowerBound)...max(2, range.upperBound) where n <= range.upperBound {
            if kept.count < n { break }
            for i in 0...(kept.count - n) { out.append(kept[i..<(i + n)].joined(separator: " ")) }
        }
        return out
    }
}
