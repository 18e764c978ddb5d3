import Foundation
import Testing
@testable import LacunaText

@Suite("Readers: gzip and text encodings")
struct ReadersEncodingTests {
    /// gzip-compresses bytes with the system's gzip (deterministic with -n).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lacuna-gz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("x")
        try Data(bytes).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-n", "-f", file.path]
        try p.run()
        p.waitUntilExit()
        return Array(try Data(contentsOf: dir.appendingPathComponent("x.gz")))
    }

    @Test("Gzip round trip of every fixture gives the same records", arguments: ["biblio.bib", "biblio.ris", "biblio.csv", "biblio.tsv", "biblio.wos.txt", "biblio.openalex.json", "biblio.jsonl"])
    func gzipRoundTrip(file: String) throws {
        let plain = Array(try Data(contentsOf: URL(fileURLWithPath: readerFixture(file))))
        let expected = try readAll(readerFixture(file))
        let packed = try Self.gzip(plain)
        #expect(packed.starts(with: [0x1F, 0x8B]))
        let got = try readBytes(packed, name: file + ".gz").records
        #expect(got == expected)
    }

    @Test("Gzip: a large stream across many chunks, concatenated members, truncation and corruption")
    func gzipStream() throws {
        let lines = (0..<40_000).map { "{\"id\":\"r\($0)\",\"title\":\"Title \($0)\",\"abstract\":\"\(String(repeating: "abc ", count: 60))\"}\n" }
        let text = Array(lines.joined().utf8)  // about 10 MB: more than one decoder chunk
        let packed = try Self.gzip(text)
        let r = try readBytes(packed, name: "big.jsonl.gz").records
        #expect(r.count == 40_000)
        #expect(r.last?.id == "r39999")
        let two = try Self.gzip(Array(lines[0].utf8)) + Self.gzip(Array(lines[1].utf8))
        #expect(try readBytes(two, name: "two.jsonl.gz").records.map(\.id) == ["r0", "r1"])
        let truncated = Array(packed.prefix(packed.count / 2))
        #expect(firstError(bytes: truncated, name: "t.jsonl.gz")?.message.contains("truncated gzip") == true)
        var corrupt = packed
        for i in 100..<200 { corrupt[i] ^= 0x5A }
        if case .corruptCompressedData? = firstError(bytes: corrupt, name: "c.jsonl.gz") {} else {
            Issue.record("expected corrupt gzip data")
        }
    }

    @Test("Invalid UTF-8 is an error naming its line and column, never replaced")
    func invalidUTF8() {
        var bytes = Array("{\"id\":\"a\",\"title\":\"Fine\"}\n{\"id\":\"b\",\"title\":\"Caf".utf8)
        bytes += [0xC3, 0x28]  // a lead byte followed by ASCII
        bytes += Array("\"}\n".utf8)
        // Mostly invalid bytes that are not Latin-1 letters either: not taken for Latin-1.
        let e = firstError(bytes: bytes + [0x80, 0x81, 0x82], name: "u.jsonl")
        #expect(e?.location?.description == "u.jsonl:2:23")
        #expect(e?.message.contains("invalid UTF-8 (byte 0xC3)") == true)
        // A NUL byte is binary data.
        let nul = firstError(bytes: Array("TY  - JOUR\nTI  - a".utf8) + [0] + Array("b\nER  - \n".utf8), name: "n.ris")
        #expect(nul?.location?.description == "n.ris:2:8")
        #expect(nul?.message.contains("NUL byte") == true)
    }

    @Test("Invalid UTF-8 after the first chunk is found at the right line")
    func invalidLate() {
        var bytes: [UInt8] = []
        let line = Array("{\"id\":\"a\",\"title\":\"\(String(repeating: "é", count: 500))\"}\n".utf8)
        while bytes.count < TextDecoder.chunkSize + 5000 { bytes += line }
        let lines = bytes.count / line.count
        bytes += Array("{\"title\":\"x".utf8) + [0xFF] + Array("\"}\n".utf8)
        let e = firstError(bytes: bytes, name: "late.jsonl")
        #expect(e?.location?.description == "late.jsonl:\(lines + 1):12")
    }

    @Test("UTF-16 with a byte-order mark is decoded", arguments: [true, false])
    func utf16(bigEndian: Bool) throws {
        let text = "TY  - JOUR\r\nTI  - Défense européenne 日本 😀\r\nPY  - 2016\r\nER  - \r\n"
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for u in text.utf16 { bytes += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let r = try readBytes(bytes, name: "w.ris").records
        #expect(r.map(\.title) == ["Défense européenne 日本 😀"])
        #expect(r.map(\.year) == [2016])
    }

    @Test("Latin-1 text is detected and decoded; random high bytes are not")
    func latin1() throws {
        let latin1: [UInt8] = Array("@article{k,\n  title = {D".utf8) + [0xE9] + Array("fense europ".utf8) + [0xE9] + Array("enne},\n  author = {M".utf8)
            + [0xFC] + Array("ller, J".utf8) + [0xFC] + Array("rgen}\n}\n".utf8)
        let r = try readBytes(latin1, name: "l.bib").records
        #expect(r.first?.title == "Défense européenne")
        #expect(r.first?.authors == ["Müller, Jürgen"])
        #expect(TextDecoder.looksLatin1(latin1))
        #expect(!TextDecoder.looksLatin1([0x41, 0x80, 0x81, 0x9F, 0x20, 0x8D]))
    }

    @Test("A UTF-8 byte-order mark is dropped")
    func bom() throws {
        let r = try readBytes([0xEF, 0xBB, 0xBF] + Array("title,year\nA,2001\n".utf8), name: "b.csv").records
        #expect(r.map(\.title) == ["A"])
    }
}
