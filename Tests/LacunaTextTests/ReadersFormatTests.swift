import Foundation
import Testing
@testable import LacunaText

@Suite("Readers: the same bibliography in every format")
struct ReadersFormatTests {
    static let titles = [
        "Alliance Formation and the Balance of World Power",
        "Bandwagoning for Profit: Bringing the Revisionist State Back In",
        "Défense européenne: l'alliance façonne-t-elle les armées?",
    ]
    static let authors = [["Walt, Stephen M."], ["Schweller, Randall L."], ["Müller, Jürgen", "Ødegård, Åse", "Çelik, Ayşe"]]
    static let years = [1985, 1994, 2016]
    static let dois = ["10.2307/2538540", "10.2307/2539149", "10.9999/lacuna.test.3"]

    @Test("Every format gives the same titles, authors, years and DOIs", arguments: [
        ("biblio.bib", InputFormat.bibtex), ("biblio.ris", .ris), ("biblio.csv", .csv), ("biblio.tsv", .wosTab),
        ("biblio.wos.txt", .wos), ("biblio.openalex.json", .openalex), ("biblio.openalex.jsonl", .openalex),
        ("biblio.json", .json), ("biblio.jsonl", .jsonl),
    ])
    func sameBibliography(file: String, format: InputFormat) throws {
        var reader = try RecordReader(path: readerFixture(file))
        #expect(reader.detectedFormat == format)
        var records: [PaperRecord] = []
        while let r = try reader.next() { records.append(r) }
        try #require(records.count == 3)
        #expect(records.map(\.title) == Self.titles)
        #expect(records.map(\.authors) == Self.authors)
        #expect(records.map(\.year) == Self.years)
        #expect(records.map(\.doi) == Self.dois)
        #expect(records.allSatisfy { !$0.id.isEmpty })
    }

    @Test("BibTeX: macros, concatenation, month macros, LaTeX turned into Unicode")
    func bibtexDetails() throws {
        let r = try readAll(readerFixture("biblio.bib"))
        #expect(r.map(\.id) == ["walt1985", "schweller1994", "mueller2016"])
        #expect(r[0].venue == "International Security")
        #expect(r[1].venue == "International Security")  // @string secjour = IS # ""
        #expect(r[0].extra["month"] == .string("April"))
        #expect(r[0].extra["pages"] == .string("3–43"))
        #expect(r[0].extra["entry_type"] == .string("article"))
        #expect(r[0].keywords == ["alliances", "balance of threat", "balancing"])
        #expect(r[0].abstract == "States facing an external threat either balance against it or bandwagon with it; balancing is the more common choice.")
        #expect(r[1].abstract.contains("threat – and revisionist states “bandwagon for profit”"))
        #expect(r[2].venue == "Alliances & Armies")  // booktitle before publisher
        #expect(r[2].extra["publisher"] == .string("Test Press"))
        #expect(r[2].abstract == "Membership in an alliance shapes procurement — and force structure; costs rise as $n^2$ with interoperability 50 % of the time.")
    }

    @Test("LaTeX accents and commands", arguments: [(String, String)]([
        (#"\'e \`a \^o \"u \~n \=a \.z \u{g} \v{s} \H{o} \c{c} \k{a} \r{a} \d{s}"#, "é à ô ü ñ ā ż ğ š ő ç ą å ṣ"),
        (#"\"{o} {\"o} \"{\i} \'{\i} {\ss} \o{} {\AE} \l{} \L x"#, "ö ö ï í ß ø Æ ł Łx"),
        (##"a -- b --- c ``q'' \& \% \$ \# \_"##, "a – b — c “q” & % $ # _"),
        (#"\textit{Italic} and \emph{em} and {\em old} \textbf{bold} \url{x.org}"#, "Italic and em and old bold x.org"),
        (#"$\alpha$-stable {NATO} \LaTeX~rocks"#, "$\\alpha$-stable NATO LaTeX rocks"),
        (#"Schr{\"o}dinger's \href{http://x}{cat}"#, "Schrödinger's cat"),
    ]))
    func latex(input: String, expected: String) {
        #expect(LaTeXText.decode(input) == expected)
    }

    @Test("Author names become \"Family, Given\"", arguments: [(String, String)]([
        ("Stephen M. Walt", "Walt, Stephen M."), ("Walt, Stephen M.", "Walt, Stephen M."), ("Walt SM", "Walt, SM"),
        ("Walt S.M.", "Walt, S.M."), ("Ludwig van Beethoven", "van Beethoven, Ludwig"), ("Plato", "Plato"),
        ("Martin Luther King Jr.", "King, Jr., Martin Luther"), ("J. Smith", "Smith, J."),
    ]))
    func authorNames(raw: String, expected: String) {
        #expect(AuthorName.normalized(raw) == expected)
    }

    @Test("BibTeX authors split on \" and \" outside braces")
    func bibtexAuthorSplit() {
        #expect(BibTeXParser.splitAuthors("{Barnes and Noble} and Kenneth N. Waltz AND Walt, Stephen and others")
                == ["Barnes and Noble", "Waltz, Kenneth N.", "Walt, Stephen"])
    }

    @Test("OpenAlex: abstract rebuilt from the inverted index, short id, venue, DOI without prefix")
    func openAlex() throws {
        let r = try readAll(readerFixture("biblio.openalex.json"))
        #expect(r.map(\.id) == ["W1000000001", "W1000000002", "W1000000003"])
        #expect(r[0].abstract == "States facing an external threat either balance against it or bandwagon with it; balancing is the more common choice.")
        #expect(r[0].venue == "International Security")
        #expect(r[0].keywords == ["alliances"])
        #expect(r[2].venue == nil)
        #expect(r[0].extra["cited_by_count"] == .number(1500))
        #expect(r[0].extra["abstract_inverted_index"] == nil)
        #expect(r[0].extra["openalex_keywords"] != nil)  // OpenAlex's keyword objects, kept apart from the schema's
        // What import writes from works reads back as the same records (not as works again).
        for file in ["biblio.openalex.json", "biblio.bib", "biblio.csv", "biblio.ris", "biblio.tsv", "biblio.wos.txt"] {
            let records = try readAll(readerFixture(file))
            let again = try readText(records.map { $0.jsonLine() }.joined(separator: "\n"), name: "again.jsonl").records
            #expect(again == records, "\(file)")
        }
        // A record in the schema whose id happens to be an OpenAlex URL stays a record.
        let record = PaperRecord(id: "https://openalex.org/W9", title: "T", abstract: "A", authors: ["X, Y"], year: 2001)
        #expect(try readText(record.jsonLine(), name: "r.jsonl").records == [record])
        // Forcing --input-format openalex maps every object as a work.
        #expect(try readText(#"{"id":"W1","title":"T","abstract":"kept?"}"#, name: "f.jsonl", format: .openalex).records.first?.abstract == "")
        // A single work on its own.
        let single = try readText(#"{"id": "https://openalex.org/W42", "display_name": "Only a display name", "publication_year": 2020, "abstract_inverted_index": {"b": [1], "a": [0, 2]}}"#, name: "w.json")
        #expect(single.records.map(\.id) == ["W42"])
        #expect(single.records.first?.title == "Only a display name")
        #expect(single.records.first?.abstract == "a b a")
    }

    @Test("Scopus CSV: EID as id, full author names, [No abstract available] as empty; other columns kept")
    func scopus() throws {
        let r = try readAll(readerFixture("biblio.csv"))
        #expect(r.map(\.id) == ["2-s2.0-0000000001", "2-s2.0-0000000002", "2-s2.0-0000000003"])
        #expect(r[0].abstract == "States facing an external threat either balance against it, or bandwagon with it; balancing is the more common choice.")
        #expect(r[2].abstract == "")
        #expect(r[0].keywords == ["alliances", "balance of threat"])
        #expect(r[0].extra["Cited by"] == .string("1500"))
        #expect(r[0].extra["Authors"] == .string("Walt S.M."))
    }

    @Test("Plain CSV with title,abstract,... and labels")
    func plainCSV() throws {
        let text = "title,abstract,year,authors,strand,grade,source\n\"A, title\",\"Line one\nline two\",2001,Walt S.M.; Snyder G.H.,S1,2,hand\nSecond,,,,,,\n"
        let (r, _) = try readText(text, name: "plain.csv")
        #expect(r.count == 2)
        #expect(r[0].title == "A, title")
        #expect(r[0].abstract == "Line one line two")
        #expect(r[0].authors == ["Walt, S.M.", "Snyder, G.H."])
        #expect(r[0].strand == "S1")
        #expect(r[0].grade == 2)
        #expect(r[0].extra["source"] == .string("hand"))
        #expect(r[1].abstract == "")
        #expect(r[1].id == FieldValues.derivedID(title: "Second", year: nil, doi: nil))
    }

    @Test("JSON records: extras kept and written back in schema order")
    func jsonRoundTrip() throws {
        let r = try readAll(readerFixture("biblio.jsonl"))
        #expect(r[0].extra == ["pages": .string("3-43"), "checked": .bool(true)])
        #expect(r[0].jsonLine() == #"{"id":"walt1985","title":"Alliance Formation and the Balance of World Power","abstract":"States facing an external threat either balance against it or bandwagon with it.","authors":["Walt, Stephen M."],"year":1985,"venue":"International Security","doi":"10.2307/2538540","keywords":["alliances"],"strand":"S1","grade":0,"checked":true,"pages":"3-43"}"#)
        #expect(r[2].id == "10.9999/lacuna.test.3")  // derived from the DOI
        #expect(r[2].extra["notes"] == .object(["source": .string("synthetic"), "tags": .array([.string("a"), .string("b")])]))
        // Writing and reading again gives the same records.
        let text = r.map { $0.jsonLine() }.joined(separator: "\n")
        let again = try readText(text, name: "again.jsonl").records
        #expect(again == r)
        // Escapes survive.
        let odd = PaperRecord(id: "x", title: "Quote \" backslash \\ tab \t nl \n bell \u{07} é 日本")
        #expect(try readText(odd.jsonLine(), name: "odd.jsonl").records == [odd])
    }

    @Test("Derived ids: DOI in lower case, else a stable FNV-1a hash of title and year")
    func derivedIDs() {
        #expect(FieldValues.derivedID(title: "T", year: 2000, doi: "10.1/ABC") == "10.1/abc")
        let a = FieldValues.derivedID(title: "The Origins of Alliances!", year: 1987, doi: nil)
        #expect(a == FieldValues.derivedID(title: "the origins of  alliances", year: 1987, doi: nil))
        #expect(a != FieldValues.derivedID(title: "The Origins of Alliances", year: 1988, doi: nil))
        #expect(a.hasPrefix("h") && a.count == 17)
        // Pinned (computed with Python): the hash must never change between versions.
        #expect(FieldValues.derivedID(title: "Alliance Formation and the Balance of World Power", year: 1985, doi: nil) == "hcaedcb8efe51f9f0")
    }

    @Test("Format detection by extension (with .gz) and by content")
    func detection() {
        #expect(InputFormat(fileExtensionOf: "a/refs.BIB.gz") == .bibtex)
        #expect(InputFormat(fileExtensionOf: "x.ndjson") == .jsonl)
        #expect(InputFormat(fileExtensionOf: "x.tsv") == .wosTab)
        #expect(InputFormat(fileExtensionOf: "savedrecs.txt") == nil)
        #expect(InputFormat(fileExtensionOf: "dir.v2/file") == nil)
        #expect(InputFormat.sniff(Array("% c\n@Article{k,\n".utf8)) == .bibtex)
        #expect(InputFormat.sniff(Array("TY  - JOUR\n".utf8)) == .ris)
        #expect(InputFormat.sniff(Array("FN Clarivate\nVR 1.0\n".utf8)) == .wos)
        #expect(InputFormat.sniff(Array("PT\tAU\tTI\n".utf8)) == .wosTab)
        #expect(InputFormat.sniff(Array("title,abstract\n".utf8)) == .csv)
        #expect(InputFormat.sniff(Array("{\"id\":\"a\",\"title\":\"t\"}\n{}".utf8)) == .jsonl)
        #expect(InputFormat.sniff(Array("{\n \"id\": 1\n}".utf8)) == .json)
        #expect(InputFormat.sniff(Array("[{\"id\":\"https://openalex.org/W1\"}]".utf8)) == .openalex)
        #expect(InputFormat.sniff(Array("{\"id\":\"W1\",\"openalex_id\":\"https://openalex.org/W1\"}\n".utf8)) == .jsonl)
        #expect(InputFormat.sniff(Array("just words\n".utf8)) == nil)
    }

    @Test("Forcing a format overrides the name")
    func forced() throws {
        let (r, _) = try readText("TY  - JOUR\nTI  - T\nER  - \n", name: "x.dat", format: .ris)
        #expect(r.map(\.title) == ["T"])
        #expect(throws: RecordParseError.self) { try readText("some words\n", name: "x.dat") }
    }
}
