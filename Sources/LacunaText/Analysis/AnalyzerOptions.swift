/// How text becomes terms: the tokeniser, stop words, stemmer and n-grams.
///
/// Two tokenisers:
/// - **Lacuna's** (`tokenPattern == nil`, the default): Unicode-aware. Words are normalised with
///   NFKC and full case folding ("ß" → "ss", "ﬁ" → "fi", "İ" → "i"), optionally with diacritics
///   folded ("é" → "e", "ø" → "o", "æ" → "ae"). Hyphenated compounds stay one token
///   ("burden-sharing", "F-35"), possessives lose their "'s" ("NATO's" → "nato"), inner
///   apostrophes stay ("o'neill"), letter abbreviations keep their dots ("e.g.", "U.S." → "e.g",
///   "u.s"). Single characters are dropped. Pure numbers are dropped except four-digit ones
///   (years such as "1949"); tokens that mix letters and digits ("1990s", "G7") are kept.
///   Only tokens containing non-ASCII bytes are normalised, so ASCII text takes a byte-level
///   fast path.
/// - **scikit-learn's** (`tokenPattern != nil`): exactly `TfidfVectorizer(token_pattern=…)`:
///   Python's `str.lower()` (no NFKC, no case folding: "ß" stays "ß"), then the regular
///   expression with Python `re` meaning. The default pattern `(?u)\b\w\w+\b` has a
///   hand-written matcher (runs of two or more letters, digits or underscores, where a letter
///   is any Unicode letter and a digit any character with a numeric value); other patterns
///   run through `NSRegularExpression`, whose `\w` also counts combining marks.
///
/// Stop words are removed before stemming; the stemmer then applies (in both modes, as
/// given: pass `.none` for scikit-learn's exact behaviour); n-grams are formed afterwards from
/// adjacent kept tokens, joined by a space, as scikit-learn does ("burden sharing").
public struct AnalyzerOptions: Sendable, Hashable, Codable {
    /// Which stemmer to apply to every kept token.
    public enum Stemmer: String, Sendable, Hashable, Codable, CaseIterable {
        /// The Snowball English (Porter2) stemmer (``EnglishStemmer``).
        case english
        /// No stemming.
        case none
    }

    /// Which stop words to remove.
    public enum StopWordSet: Sendable, Hashable, Codable {
        /// Lacuna's list for academic English (``StopWords/lacunaEnglish``).
        case english
        /// scikit-learn's `ENGLISH_STOP_WORDS`, exactly (``StopWords/sklearnEnglish``).
        case sklearn
        /// No stop words.
        case none
        /// A list of your own (normalised like tokens before matching).
        case custom([String])

        /// The words of this set, before normalisation.
        public var words: [String] {
            switch self {
            case .english: return StopWords.lacunaEnglish
            case .sklearn: return StopWords.sklearnEnglish
            case .none: return []
            case .custom(let w): return w
            }
        }
    }

    /// The stemmer (default: English).
    public var stemmer: Stemmer
    /// The stop words (default: Lacuna's English list).
    public var stopWords: StopWordSet
    /// Lengths of the word n-grams to produce (default `1...2`, unigrams and bigrams).
    public var ngramRange: ClosedRange<Int>
    /// A token regular expression: switches to scikit-learn's tokeniser (see the type's summary).
    /// `AnalyzerOptions.sklearnDefaultPattern` gets the exact, fast built-in matcher.
    public var tokenPattern: String?
    /// Fold diacritics in Lacuna's tokeniser ("Ærø" → "aero"); ignored with a token pattern.
    public var foldDiacritics: Bool
    /// Lower-case (Lacuna: case-fold) the text; scikit-learn's `lowercase=True`.
    public var lowercase: Bool

    /// scikit-learn's default `token_pattern`.
    public static let sklearnDefaultPattern = #"(?u)\b\w\w+\b"#

    /// Options with Lacuna's defaults.
    public init(stemmer: Stemmer = .english, stopWords: StopWordSet = .english, ngramRange: ClosedRange<Int> = 1...2,
                tokenPattern: String? = nil, foldDiacritics: Bool = false, lowercase: Bool = true) {
        self.stemmer = stemmer; self.stopWords = stopWords; self.ngramRange = ngramRange
        self.tokenPattern = tokenPattern; self.foldDiacritics = foldDiacritics; self.lowercase = lowercase
    }

    /// Options that reproduce scikit-learn's `TfidfVectorizer` analyzer with the given settings
    /// (no stemming, the default token pattern).
    public static func sklearn(stopWords: StopWordSet = .none, ngramRange: ClosedRange<Int> = 1...1) -> AnalyzerOptions {
        AnalyzerOptions(stemmer: .none, stopWords: stopWords, ngramRange: ngramRange, tokenPattern: sklearnDefaultPattern)
    }

    /// Checks the options.
    /// - Throws: ``VectorizerError/invalidParameter(name:expected:got:)`` for an n-gram range
    ///   outside `1...5`, ``VectorizerError/invalidTokenPattern(_:reason:)`` for a bad pattern.
    public func validate() throws(VectorizerError) {
        guard ngramRange.lowerBound >= 1, ngramRange.upperBound <= 5 else {
            throw .invalidParameter(name: "ngrams", expected: "a range within 1-5",
                                    got: "\(ngramRange.lowerBound)-\(ngramRange.upperBound)")
        }
        if let p = tokenPattern, p != Self.sklearnDefaultPattern { _ = try RegexTokenPattern(p) }
    }
}
