import Foundation
import Testing
@testable import LacunaText

@Suite("Readers: malformed input is an error with file, line and column")
struct ReadersErrorTests {
    @Test("BibTeX: unterminated brace, named at its opening brace")
    func bibUnterminatedBrace() {
        let text = "@article{a,\n  title = {Fine},\n  year = 2001,\n}\n@article{b,\n  title  = {Never {closed},\n  year = 2002\n}\n"
        // The brace swallows the entry's own closing brace, so at the end of the file the entry is open.
        expectError(text, name: "refs.bib", at: "refs.bib:5:9", saying: "unterminated entry 'b'")
        // With an entry after it, the value runs into the next '@' line: the brace is named.
        expectError(text + "@misc{c, title = {C}}\n", name: "refs.bib", at: "refs.bib:6:12", saying: "unterminated brace in field 'title'")
    }

    @Test("BibTeX: unterminated quote, missing '=', undefined macro, missing title")
    func bibOthers() {
        expectError("@article{a,\n title = \"Open\n}\n", name: "q.bib", at: "q.bib:2:10", saying: "unterminated quote in field 'title'")
        expectError("@article{a,\n title {T}\n}\n", name: "e.bib", at: "e.bib:2:8", saying: "expected '=' after field name 'title'")
        expectError("@article{a,\n title = {T},\n journal = nosuch,\n}\n", name: "m.bib", at: "m.bib:3:12", saying: "undefined @string macro 'nosuch'")
        expectError("\n@book{a,\n year = 2001\n}\n", name: "t.bib", at: "t.bib:2:1", saying: "record has no 'title'")
        expectError("@article{a,\n title = {T},\n year = {soon}\n}\n", name: "y.bib", at: "y.bib:3:9", saying: "expected a four-digit year")
    }

    @Test("BibTeX: --skip-invalid steps over a bad entry and resumes at the next '@'")
    func bibSkip() throws {
        let text = "@article{a,\n title = {Broken\n}\n\n@article{b,\n title = {Good}\n}\n@misc{c, author = {X}}\n"
        let (records, skipped) = try readText(text, name: "s.bib", skipInvalid: true)
        #expect(records.map(\.id) == ["b"])
        #expect(skipped.map { $0.location?.description ?? "" } == ["s.bib:5:1", "s.bib:8:1"])
        #expect(skipped.first?.message.contains("is a closing brace missing above?") == true)
    }

    @Test("RIS: tag before TY, record without ER, missing title")
    func ris() {
        expectError("TI  - Stray\nTY  - JOUR\nTI  - T\nER  - \n", name: "a.ris", at: "a.ris:1:1", saying: "expected 'TY  - ' to start a record")
        expectError("TY  - JOUR\nTI  - T\nER  - \nTY  - JOUR\nTI  - Open\n", name: "b.ris", at: "b.ris:4", saying: "no 'ER  - '")
        expectError("TY  - JOUR\r\nAU  - Walt, S.\r\nER  - \r\n", name: "c.ris", at: "c.ris:1", saying: "record has no 'title")
    }

    @Test("CSV: unterminated quote reported where it opened; too many fields; missing title")
    func csv() {
        expectError("title,abstract\nok,fine\nx,\"never closed\nmore\nlines\n", name: "u.csv", at: "u.csv:3:3", saying: "unterminated quoted field")
        expectError("title,abstract\na,b,c\n", name: "f.csv", at: "f.csv:2", saying: "expected 2 fields as in the header, found 3")
        expectError("title,abstract\n,only abstract\n", name: "t.csv", at: "t.csv:2", saying: "record has no 'title'")
        expectError("title,year\nT,next year\n", name: "y.csv", at: "y.csv:2", saying: "field 'year': expected a four-digit year")
    }

    @Test("Web of Science tab-delimited and tagged")
    func wos() {
        expectError("PT\tTI\tPY\nJ\tA title\t1999\nJ\tB\t2000\textra\n", name: "w.tsv", at: "w.tsv:3", saying: "at most 3 tab-separated fields")
        expectError("hello\tworld\nJ\tT\n", name: "h.tsv", format: .wosTab, at: "h.tsv:1:1", saying: "Web of Science header")
        expectError("FN Clarivate\nVR 1.0\nPT J\nTI A title\nER\n\nPT J\nTI Open\n", name: "w.txt", at: "w.txt:7", saying: "no 'ER'")
        expectError("FN Clarivate\nVR 1.0\nPT J\nTI Fine\nthis is not a tag\nER\n", name: "v.txt", at: "v.txt:5:1", saying: "two-letter field tag")
        expectError("FN Clarivate\nVR 1.0\nPT J\nAU Someone\nER\n", name: "n.txt", at: "n.txt:3", saying: "record has no 'title (TI)'")
    }

    @Test("JSON Lines: syntax errors at line and column; wrong types; missing title")
    func jsonl() {
        expectError("{\"id\":\"a\",\"title\":\"T\"}\n{\"id\":\"b\",\"title\":\"T\" \"year\":1}\n", name: "r.jsonl", at: "r.jsonl:2:23", saying: "expected ',' or '}'")
        expectError("{\"id\":\"a\",\"title\":\"T\"}\n\n{\"id\":\"b\",\"title\":\"unclosed}\n", name: "s.jsonl", at: "s.jsonl:3:19", saying: "closing '\"'")
        expectError("{\"id\":\"a\",\"title\":\"T\",\"year\":\"soon\"}\n", name: "y.jsonl", at: "y.jsonl:1", saying: "field 'year': expected a four-digit year")
        expectError("{\"id\":\"a\",\"title\":\"T\",\"authors\":[1]}\n", name: "a.jsonl", at: "a.jsonl:1", saying: "field 'authors': expected an array of strings")
        expectError("{\"id\":\"a\",\"title\":\"T\",\"grade\":3}\n", name: "g.jsonl", at: "g.jsonl:1", saying: "field 'grade': expected 0, 1 or 2")
        expectError("{\"id\":\"a\",\"abstract\":\"no title\"}\n", name: "t.jsonl", at: "t.jsonl:1", saying: "record has no 'title'")
        expectError("{\"id\":\"a\",\"title\":\"T\"}\n[1,2]\n", name: "k.jsonl", at: "k.jsonl:2:1", saying: "a JSON object (one record per line)")
        expectError("{\"id\":\"a\",\"title\":\"\\ud800x\"}\n", name: "u.jsonl", at: "u.jsonl:1:20", saying: "low surrogate")
    }

    @Test("JSON: deep nesting is a depth-limit error, not a crash (also inside parallel workers)")
    func deepNesting() throws {
        let deep = "{\"id\":\"a\",\"title\":\"T\",\"x\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}\n"
        expectError(deep, name: "d.jsonl", at: "d.jsonl:1:\(26 + JSONParser.depthLimit)", saying: "nested deeper than \(JSONParser.depthLimit)")
        expectError(String(repeating: "[", count: 50_000), name: "d.json", at: "d.json:1:\(JSONParser.depthLimit + 1)", saying: "nested deeper")
        // Many lines, so the parallel path runs, with a deep one in the middle.
        var lines = (0..<3000).map { "{\"id\":\"r\($0)\",\"title\":\"T\"}" }
        lines[2000] = "{\"id\":\"x\",\"title\":\"T\",\"x\":" + String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "}"
        let (records, skipped) = try readText(lines.joined(separator: "\n"), name: "p.jsonl", skipInvalid: true)
        #expect(records.count == 2999)
        #expect(skipped.map { $0.location?.line } == [2001])
        #expect(records[2000].id == "r2001")
    }

    @Test("JSON document: syntax errors and non-object elements")
    func jsonDocument() throws {
        expectError("[\n {\"id\":\"a\",\"title\":\"T\"},\n {\"id\":\"b\" \"title\":\"T\"}\n]\n", name: "a.json", at: "a.json:3:12", saying: "expected ',' or '}'")
        expectError("[\n {\"id\":\"a\",\"title\":\"T\"},\n 42\n]\n", name: "b.json", at: "b.json:3", saying: "a JSON object (one record)")
        let (r, skipped) = try readText("[{\"title\":\"A\"},{\"id\":\"x\"},{\"title\":\"C\"}]", name: "c.json", skipInvalid: true)
        #expect(r.map(\.title) == ["A", "C"])
        #expect(skipped.count == 1)
    }

    @Test("Huge fields are fine; binary junk is an error")
    func hugeAndJunk() throws {
        let huge = String(repeating: "word ", count: 2_000_000)
        let (r, _) = try readText("{\"id\":\"h\",\"title\":\"T\",\"abstract\":\"\(huge)\"}\n", name: "h.jsonl")
        #expect(r.first?.abstract.utf8.count == huge.utf8.count)
        var junk: [UInt8] = []
        var g = SplitMix(seed: 7)
        for _ in 0..<4096 { junk.append(UInt8(truncatingIfNeeded: g.next())) }
        for format in InputFormat.allCases {
            #expect(firstError(bytes: junk, name: "junk.bin", format: format) != nil, "format \(format)")
        }
        #expect(firstError(bytes: junk, name: "junk.bin") != nil)
    }

    @Test("Missing file and folder")
    func missing() {
        #expect(throws: RecordParseError.cannotRead(file: "/nonexistent/x.bib", reason: "No such file or directory")) {
            _ = try RecordReader(path: "/nonexistent/x.bib")
        }
        #expect(throws: RecordParseError.cannotRead(file: "/tmp", reason: "is a directory")) {
            _ = try RecordReader(path: "/tmp")
        }
    }

    @Test("Error descriptions put the location first")
    func descriptions() {
        let e = RecordParseError.unterminated(SourceLocation(file: "refs.bib", line: 42, column: 7), what: "brace in field 'title'")
        #expect(e.description == "refs.bib:42:7: unterminated brace in field 'title'")
        #expect(SourceLocation(file: "a", line: 3).description == "a:3")
        #expect(SourceLocation(file: "a", line: 0).description == "a")
    }
}

/// A tiny deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
