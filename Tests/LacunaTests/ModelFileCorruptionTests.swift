import Foundation
import Testing
@testable import Lacuna

@Suite("Model file corruption")
struct ModelFileCorruptionTests {
    typealias F = ModelFileFixtures

    /// A small model file's bytes (about 4 KiB: 2 dims, unigrams, 12 records).
    static func smallModelBytes() throws -> [UInt8] {
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let path = folder + "/m.lacuna"
        try ModelFile.write(try F.model(dims: 2, records: F.records(count: 12)), to: path)
        return F.bytes(path)
    }

    @Test("Truncating the file at every byte offset gives a model file error, never a crash")
    func truncateEverywhere() throws {
        let bytes = try Self.smallModelBytes()
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let path = folder + "/t.lacuna"
        var kinds: [String: Int] = [:]
        for cut in 0..<bytes.count {
            F.put(Array(bytes[0..<cut]), at: path)
            guard let error = F.readError(path) else {
                Issue.record("a file truncated to \(cut) of \(bytes.count) bytes was read")
                continue
            }
            switch error {
            case .truncated: kinds["truncated", default: 0] += 1
            default: Issue.record("cut at \(cut): unexpected \(error)")
            }
            #expect(throws: ModelFileError.self) { try ModelFile.inspect(path) }
        }
        #expect(kinds["truncated"] == bytes.count)
    }

    @Test("Changing any single byte gives a model file error, never a crash")
    func flipEveryByte() throws {
        let bytes = try Self.smallModelBytes()
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let path = folder + "/f.lacuna"
        for offset in 0..<bytes.count {
            var b = bytes
            b[offset] ^= offset % 2 == 0 ? 0xFF : 0x01
            F.put(b, at: path)
            if F.readError(path) == nil { Issue.record("a file with byte \(offset) changed was read") }
        }
    }

    @Test("A flipped byte inside a section names that section")
    func flipInEverySection() throws {
        let bytes = try Self.smallModelBytes()
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let good = folder + "/good.lacuna", path = folder + "/f.lacuna"
        F.put(bytes, at: good)
        let sections = try ModelFile.inspect(good).sections
        for s in sections where s.length > 0 {
            for at in Set([s.offset, s.offset + s.length / 2, s.offset + s.length - 1]) {
                var b = bytes
                b[at] &+= 1
                F.put(b, at: path)
                #expect(F.readError(path) == .checksumMismatch(path: path, sections: [s.tag]), "byte \(at) in \(s.tag)")
                #expect(throws: ModelFileError.checksumMismatch(path: path, sections: [s.tag])) { try ModelFile.inspect(path) }
            }
        }
        // Two damaged sections are both named.
        var b = bytes
        b[sections[1].offset] &+= 1
        b[sections[7].offset] &+= 1
        F.put(b, at: path)
        let error = F.readError(path)
        #expect(error == .checksumMismatch(path: path, sections: [sections[1].tag, sections[7].tag]))
        #expect(error?.description == "\(path): corrupt: sections TERM, EMBD fail their CRC-32 check; refit with `lacuna fit FILE... --out MODEL`.")
    }

    @Test("A truncation inside a section says which bytes it needs")
    func truncatedMessage() throws {
        let bytes = try Self.smallModelBytes()
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let path = folder + "/model.lacuna"
        F.put(bytes, at: path)
        let embd = try ModelFile.inspect(path).sections.first { $0.tag == "EMBD" }!
        let cut = embd.offset + 10
        F.put(Array(bytes[0..<cut]), at: path)
        let error = F.readError(path)
        #expect(error?.description ==
            "\(path): truncated: section EMBD needs bytes \(embd.offset)..<\(embd.offset + embd.length) but the file has \(cut) bytes; "
            + "refit with `lacuna fit FILE... --out MODEL`.")
        F.put([], at: path)
        #expect(F.readError(path) == .truncated(path: path, detail: "the file is empty"))
        F.put(Array(bytes[0..<5]), at: path)
        #expect(F.readError(path)?.description.contains("truncated: the header needs bytes 0..<32 but the file has 5 bytes") == true)
    }

    @Test("Foreign files are recognised as not being models")
    func foreign() throws {
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let path = folder + "/x.lacuna"
        F.put(Array("{\"name\": \"a gap profile\"}\n".utf8), at: path)
        #expect(F.readError(path) == .notAModelFile(path: path, hint: "it looks like JSON; a gap profile goes to --profile, records to the FILE arguments"))
        F.put([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3], at: path)
        #expect(F.readError(path) == .notAModelFile(path: path, hint: "it is gzip-compressed"))
        var rng = SplitMix64(seed: 5)
        F.put((0..<5000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: path)
        guard case .notAModelFile(_, let hint)? = F.readError(path) else { Issue.record("random bytes read as a model"); return }
        #expect(hint.contains("not the model magic"))
        F.put(Array("LACUNA".utf8) + [1, 2, 3], at: path)
        #expect(F.readError(path).map { if case .notAModelFile = $0 { true } else { false } } == true)
        #expect(F.readError(folder) == .cannotRead(path: folder, reason: "it is a folder"))
        #expect(F.readError(folder + "/missing.lacuna") == .cannotRead(path: folder + "/missing.lacuna", reason: "no such file"))
        let description = ModelFileError.notAModelFile(path: "p", hint: "h").description
        #expect(description == "p: not a Lacuna model file (h); make one with `lacuna fit FILE... --out MODEL`.")
    }

    @Test("A newer format version is reported as such, with or without a valid header checksum")
    func newerVersion() throws {
        var bytes = try Self.smallModelBytes()
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let path = folder + "/v2.lacuna"
        F.setU32(&bytes, 8, 2)
        F.put(bytes, at: path)
        #expect(F.readError(path) == .newerVersion(path: path, found: 2, supported: 1))
        F.resealHeader(&bytes)
        F.put(bytes, at: path)
        #expect(F.readError(path) == .newerVersion(path: path, found: 2, supported: 1))
        #expect(throws: ModelFileError.newerVersion(path: path, found: 2, supported: 1)) { try ModelFile.inspect(path) }
        #expect(F.readError(path)?.description.contains("model format 2 is newer than this Lacuna reads (format 1)") == true)
        // A big-endian writer's byte-order mark.
        F.setU32(&bytes, 8, 1)
        F.setU32(&bytes, 12, 0x0403_0201)
        F.resealHeader(&bytes)
        F.put(bytes, at: path)
        #expect(F.readError(path) == .byteOrder(path: path))
    }

    @Test("Trailing bytes after the recorded end are rejected")
    func trailingBytes() throws {
        let bytes = try Self.smallModelBytes()
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let path = folder + "/t.lacuna"
        F.put(bytes + [0], at: path)
        guard case .corrupt(_, let detail)? = F.readError(path) else { Issue.record("trailing byte accepted"); return }
        #expect(detail.contains("1 bytes follow the end"))
    }

    /// Sections of a real model with one replaced.
    static func sections(replacing tag: String, with payload: ModelFileSection.Payload) throws -> [ModelFileSection] {
        let model = try F.model(dims: 2, records: F.records(count: 12))
        return ModelFileEncoder.sections(of: model).map { $0.tag == tag ? ModelFileSection(tag: tag, payload: payload) : $0 }
    }

    /// META of the small model, edited.
    static func meta(_ edit: (inout ModelFileMetadata) -> Void) throws -> ModelFileSection.Payload {
        let model = try F.model(dims: 2, records: F.records(count: 12))
        guard case .bytes(let json) = ModelFileEncoder.sections(of: model)[0].payload,
              case .success(var meta) = ModelFileJSON.decode(ModelFileMetadata.self, from: Data(json)) else {
            preconditionFailure("META must decode")
        }
        edit(&meta)
        return .bytes(ModelFileJSON.encode(meta))
    }

    @Test("Well-sealed files whose contents disagree are rejected, not trapped on")
    func inconsistentContents() throws {
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let path = folder + "/c.lacuna"
        func check(_ sections: [ModelFileSection], _ phrase: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            F.put(F.encode(sections), at: path)
            guard case .corrupt(_, let detail)? = F.readError(path) else {
                Issue.record("expected a corrupt-file error about '\(phrase)', got \(String(describing: F.readError(path)))",
                             sourceLocation: sourceLocation)
                return
            }
            #expect(detail.contains(phrase), "\(detail)", sourceLocation: sourceLocation)
        }
        check(try Self.sections(replacing: "META", with: try Self.meta { $0.counts.records += 1 }), "section EMBD holds")
        check(try Self.sections(replacing: "META", with: try Self.meta { $0.counts.terms = Int.max / 2 }), "need more than fit")
        check(try Self.sections(replacing: "META", with: try Self.meta { $0.counts.dims = 0 }), "impossible counts")
        check(try Self.sections(replacing: "META", with: try Self.meta { $0.counts.strands += 1 }), "section CENT holds")
        check(try Self.sections(replacing: "META", with: try Self.meta { $0.format = "something-else" }), "names the format")
        check(try Self.sections(replacing: "META", with: try Self.meta { $0.vectorizerOptions.analyzer.ngramRange = 0...9 }),
              "invalid vectoriser options")
        check(try Self.sections(replacing: "META", with: .bytes(Array("{\"counts\": [".utf8))), "not valid model metadata")
        check(try Self.sections(replacing: "STRD", with: .bytes(Array("[]".utf8))), "holds 0 strands")
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 200_000)
        check(try Self.sections(replacing: "META", with: .bytes(deep)), "not valid model metadata")
        check(try Self.sections(replacing: "STRD", with: .bytes(deep)), "not a valid strand list")
        check(try Self.sections(replacing: "RIDS", with: .bytes([1, 0, 0, 0, 0, 0, 0, 0])), "holds 1 strings but META counts 12")
        let model = try F.model(dims: 2, records: F.records(count: 12))
        var terms = model.vectorizer.terms
        terms[1] = terms[0]
        check(try Self.sections(replacing: "TERM", with: .bytes(ModelFileEncoder.stringTable(terms))), "twice")
        var table = ModelFileEncoder.stringTable(model.recordIDs)
        table[8] = 0xFF  // first end offset points far past the text
        check(try Self.sections(replacing: "RIDS", with: .bytes(table)), "string 0 ends at")
        table = ModelFileEncoder.stringTable(model.recordIDs)
        table[table.count - 1] = 0xFF  // invalid UTF-8 in the last id
        check(try Self.sections(replacing: "RIDS", with: .bytes(table)), "not valid UTF-8")
        check(try Self.sections(replacing: "RIDS", with: .bytes(ModelFileEncoder.stringTable(model.recordIDs) + [0x41])), "after its last string")
        check(Array(try Self.sections(replacing: "EMBD", with: .floats([])).filter { $0.tag != "EMBD" }), "EMBD is missing")
    }
}
