import Testing
@testable import LacunaText

@Suite("English (Porter2) stemmer")
struct EnglishStemmerTests {
    @Test("Stems equal snowballstemmer 3.1.1 on 26,000 dictionary words")
    func matchesSnowball() throws {
        let lines = try AnalysisFixtures.text("porter2-snowball", "tsv").split(separator: "\n")
        #expect(lines.first?.hasPrefix("# snowballstemmer 3.1.1") == true)
        let stemmer = EnglishStemmer()
        var checked = 0, mismatches: [String] = []
        for line in lines where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let got = stemmer.stem(String(parts[0]))
            if got != parts[1] { mismatches.append("\(parts[0]): expected \(parts[1]), got \(got)") }
            checked += 1
        }
        #expect(checked >= 25_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(10))")
    }

    @Test("Byte-level stemming agrees with the String API", arguments: ["generously", "naïvely", "burden", "sharing", "café"])
    func byteLevel(word: String) {
        var out: [UInt8] = []
        Array(word.utf8).withUnsafeBufferPointer { EnglishStemmer().stem(utf8: $0, into: &out) }
        #expect(String(decoding: out, as: UTF8.self) == EnglishStemmer().stem(word))
    }

    @Test("Known stems from the Snowball vocabulary")
    func knownStems() {
        let s = EnglishStemmer()
        #expect(s.stem("consigned") == "consign")
        #expect(s.stem("generously") == "generous")
        #expect(s.stem("skies") == "sky")
        #expect(s.stem("alliances") == "allianc")
        #expect(s.stem("by") == "by")
    }
}
