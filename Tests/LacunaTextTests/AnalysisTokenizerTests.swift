import Testing
@testable import LacunaText

@Suite("Lacuna tokeniser")
struct AnalysisTokenizerTests {
    let plain = try! Analyzer(options: AnalyzerOptions(stemmer: .none, stopWords: .none, ngramRange: 1...1))

    @Test("Possessives lose 's; plural possessives keep the word")
    func possessives() {
        #expect(plain.tokens("NATO's allies' burden; the states’ share") == ["nato", "allies", "burden", "the", "states", "share"])
        #expect(plain.tokens("O'Neill don't") == ["o'neill", "don't"])
    }

    @Test("Hyphenated compounds stay one token")
    func hyphens() {
        #expect(plain.tokens("burden-sharing, F-35 and post-Cold War -- x - y") ==
                ["burden-sharing", "f-35", "and", "post-cold", "war"])
        #expect(plain.tokens("non‐state actors") == ["non-state", "actors"])
    }

    @Test("Years and four-digit numbers stay; other numbers go; decades stay")
    func numbers() {
        #expect(plain.tokens("In 1949, 12 states; by the 1990s 2,000 troops and 3.5 percent, G7") ==
                ["in", "1949", "states", "by", "the", "1990s", "troops", "and", "percent", "g7"])
    }

    @Test("Letter abbreviations keep their dots")
    func abbreviations() {
        #expect(plain.tokens("e.g. the U.S. and i.e. Ph.D. end.") == ["e.g", "the", "u.s", "and", "i.e", "ph", "end"])
    }

    @Test("Unicode: NFKC, case folding, Turkish dotted I, combining accents, ligatures")
    func unicode() {
        #expect(plain.tokens("Ærø") == ["ærø"])
        #expect(plain.tokens("STRASSE Straße") == ["strasse", "strasse"])
        #expect(plain.tokens("ẞ") == ["ss"])
        #expect(plain.tokens("İstanbul ISTANBUL") == ["istanbul", "istanbul"])
        // "é" precomposed and as e + U+0301 give the same token.
        #expect(plain.tokens("caf\u{E9} cafe\u{301}") == ["café", "café"])
        #expect(plain.tokens("ﬁnancial ﬂows") == ["financial", "flows"])
        #expect(plain.tokens("ΟΔΥΣΣΕΥΣ") == ["οδυσσευσ"])
    }

    @Test("Diacritic folding")
    func diacritics() throws {
        let folding = try Analyzer(options: AnalyzerOptions(stemmer: .none, stopWords: .none, ngramRange: 1...1,
                                                            foldDiacritics: true))
        #expect(folding.tokens("Ærø café naïve Łódź Straße") == ["aero", "cafe", "naive", "lodz", "strasse"])
    }

    @Test("Stop words, stemming and bigrams of adjacent kept tokens")
    func terms() throws {
        let a = try Analyzer(options: AnalyzerOptions())
        #expect(a.terms("NATO's burden-sharing debates, e.g. in 1999 et al.") ==
                ["nato", "burden-share", "debat", "1999", "nato burden-share", "burden-share debat", "debat 1999"])
        #expect(a.terms("force structure of the alliances") ==
                ["forc", "structur", "allianc", "forc structur", "structur allianc"])
    }

    @Test("Custom stop words are normalised like tokens")
    func customStopWords() throws {
        let a = try Analyzer(options: AnalyzerOptions(stemmer: .none, stopWords: .custom(["Straße", "NATO"]), ngramRange: 1...1))
        #expect(a.terms("nato strasse alliance") == ["alliance"])
    }
}

@Suite("scikit-learn tokeniser")
struct AnalysisSklearnTokenizerTests {
    let sk = try! Analyzer(options: .sklearn())

    @Test("Default pattern: runs of two or more word characters, Python lower()")
    func defaultPattern() {
        #expect(sk.tokens("NATO's burden-sharing in 1999: a b_c x2") == ["nato", "burden", "sharing", "in", "1999", "b_c", "x2"])
        #expect(sk.tokens("Straße ẞ") == ["straße", "ß"].filter { $0.count >= 2 })
        // Python: "İ".lower() is "i" + U+0307, a combining mark, which is not \w: it splits the word.
        #expect(sk.tokens("İstanbul") == ["stanbul"])
        #expect(sk.tokens("ΟΔΥΣΣΕΥΣ ΣΟΦΙΑ") == ["οδυσσευς", "σοφια"])
        #expect(sk.tokens("x² ①② Ⅻ") == ["x²", "①②"])
        #expect(sk.tokens("cafe\u{301}") == ["cafe"])
    }

    @Test("Other patterns go through NSRegularExpression")
    func otherPattern() throws {
        let a = try Analyzer(options: AnalyzerOptions(stemmer: .none, stopWords: .none, ngramRange: 1...1, tokenPattern: #"[a-z]+"#))
        #expect(a.tokens("Burden-Sharing 1999 x") == ["burden", "sharing", "x"])
        #expect(throws: VectorizerError.self) {
            try Analyzer(options: AnalyzerOptions(tokenPattern: "(a)(b)"))
        }
    }
}
