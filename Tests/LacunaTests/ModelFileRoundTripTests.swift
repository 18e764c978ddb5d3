import Foundation
import Testing
@testable import Lacuna

@Suite("Model file round trip")
struct ModelFileRoundTripTests {
    typealias F = ModelFileFixtures

    /// Every stored field of two models, compared exactly (bit patterns for floats).
    static func expectIdentical(_ a: LSAModel, _ b: LSAModel, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(a.vectorizer.options == b.vectorizer.options, sourceLocation: sourceLocation)
        #expect(a.vectorizer.terms == b.vectorizer.terms, sourceLocation: sourceLocation)
        #expect(a.vectorizer.idf.map(\.bitPattern) == b.vectorizer.idf.map(\.bitPattern), sourceLocation: sourceLocation)
        #expect(a.vectorizer.surfaceForms == b.vectorizer.surfaceForms, sourceLocation: sourceLocation)
        #expect(a.vectorizer.documentCount == b.vectorizer.documentCount, sourceLocation: sourceLocation)
        #expect(a.singularValues.map(\.bitPattern) == b.singularValues.map(\.bitPattern), sourceLocation: sourceLocation)
        #expect(a.termLoadings.rowCount == b.termLoadings.rowCount && a.termLoadings.columnCount == b.termLoadings.columnCount,
                sourceLocation: sourceLocation)
        #expect(a.termLoadings.values.map(\.bitPattern) == b.termLoadings.values.map(\.bitPattern), sourceLocation: sourceLocation)
        #expect(a.recordIDs == b.recordIDs, sourceLocation: sourceLocation)
        #expect(a.embeddings.rowCount == b.embeddings.rowCount && a.embeddings.columnCount == b.embeddings.columnCount,
                sourceLocation: sourceLocation)
        #expect(a.embeddings.values.map(\.bitPattern) == b.embeddings.values.map(\.bitPattern), sourceLocation: sourceLocation)
        #expect(a.strands == b.strands, sourceLocation: sourceLocation)
        #expect(a.strands.map { $0.centroid.map(\.bitPattern) } == b.strands.map { $0.centroid.map(\.bitPattern) },
                sourceLocation: sourceLocation)
        #expect(a.strands.map(\.cohesion.bitPattern) == b.strands.map(\.cohesion.bitPattern), sourceLocation: sourceLocation)
        #expect(a.options == b.options, sourceLocation: sourceLocation)
        #expect(a.provenance == b.provenance, sourceLocation: sourceLocation)
        #expect(a.provenance.totalEnergy.bitPattern == b.provenance.totalEnergy.bitPattern, sourceLocation: sourceLocation)
    }

    @Test("A written model reads back identical in every field")
    func roundTrip() throws {
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let model = try F.model()
        #expect(model.strands.count == 3)
        #expect(model.vectorizer.terms.contains { $0.unicodeScalars.contains { !$0.isASCII } })
        let path = folder + "/m.lacuna"
        try ModelFile.write(model, to: path)
        let loaded = try ModelFile.read(path)
        Self.expectIdentical(model, loaded)
        // The loaded model behaves the same: lookups and fold-in.
        for id in model.recordIDs { #expect(loaded.row(ofID: id) == model.row(ofID: id)) }
        for t in model.vectorizer.terms { #expect(loaded.vectorizer.index(of: t) == model.vectorizer.index(of: t)) }
        let texts = ["deterrence pact alliance threat", "procurement interoperability allies", "nothing known here"]
        #expect(loaded.foldIn(texts: texts).values.map(\.bitPattern) == model.foldIn(texts: texts).values.map(\.bitPattern))
        let records = F.records()
        #expect(loaded.embed(records) == model.embed(records))
        #expect(loaded.assignStrands(loaded.embeddings) == model.assignStrands(model.embeddings))
    }

    @Test("Rewriting a loaded model gives the same bytes")
    func byteIdenticalRewrite() throws {
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let a = folder + "/a.lacuna", b = folder + "/b.lacuna"
        try ModelFile.write(try F.model(), to: a)
        try ModelFile.write(try ModelFile.read(a), to: b)
        #expect(F.bytes(a) == F.bytes(b))
    }

    @Test("Refitting with the same input, options and seed gives a byte-identical file")
    func refitTwice() throws {
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let a = folder + "/a.lacuna", b = folder + "/b.lacuna", c = folder + "/c.lacuna"
        try ModelFile.write(try F.model(seed: 11), to: a)
        try ModelFile.write(try F.model(seed: 11), to: b)
        try ModelFile.write(try F.model(seed: 12), to: c)
        #expect(F.bytes(a) == F.bytes(b))
        #expect(F.bytes(a) != F.bytes(c))
        // Overwriting an existing model replaces it whole.
        try ModelFile.write(try F.model(seed: 11), to: c)
        #expect(F.bytes(a) == F.bytes(c))
    }

    @Test("Sections are 64-byte aligned, in order, and described by inspect")
    func layoutAndInspect() throws {
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        let model = try F.model()
        let path = folder + "/m.lacuna"
        try ModelFile.write(model, to: path)
        let info = try ModelFile.inspect(path)
        #expect(info.sections.map(\.tag) == ["META", "TERM", "SURF", "IDF ", "SIGM", "VLOD", "RIDS", "EMBD", "STRD", "CENT"])
        #expect(info.sections.allSatisfy { $0.offset % 64 == 0 && $0.ok })
        #expect(info.fileSize == F.bytes(path).count && info.fileSize % 64 == 0)
        #expect(info.formatVersion == 1)
        #expect(info.dimensions == model.dimensions)
        #expect(info.vocabularySize == model.vectorizer.terms.count)
        #expect(info.documents == 36 && info.records == 36)
        #expect(info.singularValues == model.singularValues)
        #expect(info.explainedEnergy == model.explainedEnergy)
        #expect(info.lsaOptions == model.options && info.vectorizerOptions == model.vectorizer.options)
        #expect(info.provenance == model.provenance)
        #expect(info.strands.map(\.id) == model.strands.map(\.id))
        #expect(info.strands.map(\.size) == model.strands.map(\.members.count))
        #expect(info.strands.first { $0.id == "G" }?.name == "the gap")
        let v = info.sections.first { $0.tag == "VLOD" }!
        #expect(v.length == model.vectorizer.terms.count * model.dimensions * 4)
        // The header starts with the magic, version 1 and the byte-order mark.
        let b = F.bytes(path)
        #expect(Array(b[0..<8]) == Array("LACUNA\0M".utf8))
        #expect(F.u32(b, 8) == 1 && F.u32(b, 12) == 0x0102_0304 && F.u32(b, 16) == 10)
        // META is sorted-key JSON naming the BLAS core and thread count.
        let meta = info.sections[0]
        let json = String(decoding: b[meta.offset..<(meta.offset + meta.length)], as: UTF8.self)
        #expect(json.contains("\"blasCore\"") && json.contains("\"blasThreads\":1"))
        #expect(json.hasPrefix("{\"counts\":"))
    }

    @Test("A model with no strands and empty strings round-trips")
    func noStrands() throws {
        let folder = F.temporaryFolder()
        defer { F.cleanUp(folder) }
        var records = F.records(count: 12)
        for i in records.indices { records[i].strand = nil }
        records[3].id = ""
        let model = try F.model(dims: 2, records: records)
        #expect(model.strands.isEmpty)
        let path = folder + "/m.lacuna"
        try ModelFile.write(model, to: path)
        Self.expectIdentical(model, try ModelFile.read(path))
        #expect(try ModelFile.inspect(path).strands.isEmpty)
    }

    @Test("Writing into a folder that does not exist fails cleanly")
    func unwritable() throws {
        let model = try F.model(dims: 2, records: F.records(count: 9))
        #expect(throws: ModelFileError.self) { try ModelFile.write(model, to: "/nonexistent-lacuna-folder/m.lacuna") }
        do {
            try ModelFile.write(model, to: "/nonexistent-lacuna-folder/m.lacuna")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent-lacuna-folder/m.lacuna: cannot write the model:"))
        }
    }
}
