import Foundation
import Testing
@testable import LacunaText

@Suite("Readers: CSV parser against Python's csv module")
struct ReadersCSVTests {
    struct Reference: Decodable {
        var rows: [[String]]?
        var error: String?
    }

    static let reference: [String: Reference] = {
        let url = URL(fileURLWithPath: readerFixture("csv/csv_python.json"))
        return (try? JSONDecoder().decode([String: Reference].self, from: Data(contentsOf: url))) ?? [:]
    }()

    @Test("Same rows as csv.reader", arguments: ["quoted.csv", "lineends.csv", "bom.csv", "oddquotes.csv", "trailing.csv", "unicode.csv"])
    func sameRows(file: String) throws {
        let expected = try #require(Self.reference[file]?.rows)
        // Through the decoder, as the readers see it (the BOM removed).
        let decoder = TextDecoder(source: try FileDescriptorSource(path: readerFixture("csv/" + file)), file: file)
        let text = try decoder.readAll()
        let rows = try CSVParser().rows(text, file: file)
        #expect(rows.map(\.fields) == expected)
    }

    @Test("Unterminated quote: Python (strict) fails at the end; we name where the quote opened")
    func unterminated() throws {
        #expect(Self.reference["unterminated.csv"]?.error?.contains("unexpected end of data") == true)
        let text = Array(try Data(contentsOf: URL(fileURLWithPath: readerFixture("csv/unterminated.csv"))))
        #expect(throws: RecordParseError.unterminated(SourceLocation(file: "unterminated.csv", line: 3, column: 1),
                                                      what: "quoted field (the quote opened here never closes)")) {
            _ = try CSVParser().rows(text, file: "unterminated.csv")
        }
    }

    @Test("Row lines count line breaks inside quoted fields")
    func rowLines() throws {
        let rows = try CSVParser().rows(Array("a,b\n\"x\ny\",z\r\nlast,row".utf8), file: "l.csv")
        #expect(rows.map(\.line) == [1, 2, 4])
    }
}

@Suite("Readers: duplicates")
struct ReadersDedupeTests {
    @Test("Duplicates by DOI (any case), then by normalised title and year")
    func dedupe() {
        let records = [
            PaperRecord(id: "a", title: "The Origins of Alliances", year: 1987, doi: "10.1/X"),
            PaperRecord(id: "b", title: "Something else", year: 1987, doi: "10.1/x"),
            PaperRecord(id: "c", title: "the origins of  ALLIANCES!", year: 1987),
            PaperRecord(id: "d", title: "The Origins of Alliances", year: 1988),
            PaperRecord(id: "e", title: "Introduction", year: 2000, doi: "10.2/one"),
            PaperRecord(id: "f", title: "Introduction", year: 2000, doi: "10.2/two"),
            PaperRecord(id: "g", title: "Défense", year: nil),
            PaperRecord(id: "h", title: "defense", year: nil),
        ]
        let (kept, dups) = Deduplicator().dedupe(records)
        #expect(kept.map(\.id) == ["a", "d", "e", "f", "g"])
        #expect(dups.map(\.dropped) == ["b", "c", "h"])
        #expect(dups.map(\.kept) == ["a", "a", "g"])
        #expect(dups[0].reason == "same DOI 10.1/x")
        #expect(dups[1].reason == "same title and year (1987)")
    }

    @Test("The same bibliography from two formats dedupes to three records")
    func acrossFormats() throws {
        let all = try readRecords(paths: [readerFixture("biblio.bib"), readerFixture("biblio.ris"), readerFixture("biblio.openalex.json")])
        #expect(all.count == 9)
        let (kept, dups) = Deduplicator().dedupe(all)
        #expect(kept.map(\.id) == ["walt1985", "schweller1994", "mueller2016"])
        #expect(dups.count == 6)
    }
}
