import Foundation
import Testing
@testable import Lacuna

/// Small hand-made corpora and temporary files for the model file tests.
enum ModelFileFixtures {
    /// Words per theme; records draw from one theme plus a few shared words.
    static let themes: [(strand: String, words: [String])] = [
        ("S1", ["balancing", "bandwagoning", "threat", "deterrence", "pact", "power", "realist", "formation", "rival", "security"]),
        ("S2", ["liberal", "order", "institutions", "network", "hierarchy", "cooperation", "trade", "norms", "multilateral", "regime"]),
        ("G", ["procurement", "interoperability", "standardisation", "force", "structure", "specialisation", "spending", "industry", "armaments", "doctrine"]),
    ]
    static let shared = ["alliance", "state", "members", "war", "policy", "treaty", "allies", "defence"]

    /// `count` records with unique ids, some unlabelled, from a seeded generator.
    static func records(count: Int = 36, seed: UInt64 = 7) -> [PaperRecord] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { i in
            let theme = themes[i % themes.count]
            func pick(_ words: [String], _ n: Int) -> String {
                (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
            }
            let title = pick(theme.words, 3) + " " + pick(shared, 1)
            let abstract = pick(theme.words, 12) + " " + pick(shared, 5) + (i == 5 ? " Ærø café naïve" : "")
            return PaperRecord(id: "rec-\(i)", title: title, abstract: abstract,
                               strand: i % 4 == 3 ? nil : theme.strand)
        }
    }

    /// A small, fast model: unigrams, a handful of dimensions.
    static func model(seed: UInt64 = 3, dims: Int = 4, records: [PaperRecord] = records()) throws -> LSAModel {
        var analyzer = AnalyzerOptions()
        analyzer.ngramRange = 1...1
        let fitter = LSAFitter(vectorizer: .init(analyzer: analyzer), lsa: LSAOptions(dimensions: dims, seed: seed),
                               strandNames: ["S1": "realist alliance formation", "G": "the gap"])
        return try fitter.fit(records)
    }

    /// A fresh temporary folder; remove it with ``cleanUp(_:)``.
    static func temporaryFolder() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lacuna-modelfile-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func cleanUp(_ folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func bytes(_ path: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: path)!)
    }

    static func put(_ bytes: [UInt8], at path: String) {
        let ok = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        precondition(ok, "cannot write \(path)")
    }

    /// Little-endian UInt32 at `offset`.
    static func u32(_ b: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[offset + $1]) << (8 * $1) }
    }

    static func setU32(_ b: inout [UInt8], _ offset: Int, _ v: UInt32) {
        for k in 0..<4 { b[offset + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
    }

    /// Recomputes the header CRC after a deliberate edit of the header or table.
    static func resealHeader(_ b: inout [UInt8]) {
        let count = Int(u32(b, 16))
        let tableEnd = ModelFileFormat.headerSize + ModelFileFormat.entrySize * count
        let crc = ModelFileLayout.headerChecksum(Array(b[0..<tableEnd]))
        setU32(&b, 20, crc)
    }

    /// The bytes of a file made from explicit sections (for well-sealed but inconsistent files).
    static func encode(_ sections: [ModelFileSection]) -> [UInt8] {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        let path = folder + "/x.lacuna"
        let writer = try! AtomicFileWriter(path: path)
        try! ModelFileLayout(sections: sections).write(sections, to: writer.sink)
        try! writer.commit()
        return bytes(path)
    }

    /// The error reading `path` gives, or nil when it reads.
    static func readError(_ path: String) -> ModelFileError? {
        do {
            _ = try ModelFile.read(path)
            return nil
        } catch {
            return error
        }
    }
}
