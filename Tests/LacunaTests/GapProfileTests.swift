import Foundation
import Testing
@testable import Lacuna

@Suite("Gap profiles")
struct GapProfileTests {
    static let records: [PaperRecord] = [
        PaperRecord(id: "a", title: "Alliance membership and defence procurement", abstract: "NATO allies changed procurement and force structure.", strand: "G"),
        PaperRecord(id: "b", title: "Balancing and bandwagoning", abstract: "States balance threats by forming alliances.", strand: "S1"),
        PaperRecord(id: "c", title: "Democratisation through membership", abstract: "Membership in regional organisations promotes democracy.", strand: "S6"),
        PaperRecord(id: "d", title: "Interoperability in allied forces", abstract: "Standardisation of equipment among allies.", strand: "G"),
        PaperRecord(id: "e", title: "Deterrence by defence pacts", abstract: "Defence pacts deter conflict initiation.", strand: "S1"),
    ]

    static func model() throws -> LSAModel {
        var options = TfidfVectorizer.Options()
        options.analyzer.ngramRange = 1...2
        return try LSAFitter(vectorizer: options, lsa: LSAOptions(dimensions: 3, seed: 1)).fit(records)
    }

    static func profile() -> GapProfile {
        GapProfile(id: "test", name: "Test gap", description: "Alliances shaping procurement.",
                   allianceSide: ["alliance", "allies", "NATO"], militarySide: ["procurement", "force structure", "zeppelin"],
                   directionCues: ["membership led to"], coveredStrands: ["S1", "S6"], gapStrand: "G",
                   idealAbstract: "Alliance membership changed members' procurement.",
                   weights: ["gap_similarity": 0.4, "bridge": 0.25, "novelty": 0.15, "direction": 0.2])
    }

    @Test("A sound profile has only the unknown-term warning")
    func soundProfile() throws {
        let findings = Self.profile().check(against: try Self.model())
        #expect(findings.filter { $0.severity == .error }.isEmpty)
        let unknown = findings.first { $0.field == "military_side" }
        #expect(unknown?.message.contains("zeppelin") == true)
        #expect(unknown?.message.contains("force structure") == false)
    }

    @Test("Empty sides, bad weights and unknown strands are reported")
    func badProfile() throws {
        var p = Self.profile()
        p.allianceSide = []
        p.weights = ["gap_similarity": 1.5, "charisma": 0.1]
        p.coveredStrands = ["S1", "S9"]
        p.gapStrand = "S1"
        let findings = p.check(against: try Self.model())
        let errors = Set(findings.filter { $0.severity == .error }.map(\.field))
        #expect(errors == ["alliance_side", "weights.gap_similarity", "weights.charisma", "gap_strand"])
        #expect(findings.contains { $0.field == "covered_strands" && $0.message.contains("S9") })
    }

    @Test("The bundled profiles decode")
    func bundledProfilesDecode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["alliance-military-gap.json", "nuclear-proliferation-gap.json"] {
            let p = try GapProfile.load(root.appendingPathComponent("Models/\(name)").path)
            #expect(!p.allianceSide.isEmpty && !p.militarySide.isEmpty && !p.description.isEmpty, "\(name)")
            #expect(Set(p.weights.keys).isSubset(of: Set(GapProfile.knownWeights)), "\(name)")
        }
    }

    @Test("Malformed JSON names the file and line; a missing field is named")
    func malformed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lacuna-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\n  \"id\": \"x\",\n  \"name\": oops\n}\n".utf8).write(to: bad)
        do {
            _ = try GapProfile.load(bad.path)
            Issue.record("expected an error")
        } catch {
            guard case let .malformed(path, line, reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(path == bad.path && line == 3 && reason.hasPrefix("not valid JSON"))
        }
        let missing = dir.appendingPathComponent("missing.json")
        try Data("{\"id\": \"x\"}".utf8).write(to: missing)
        do {
            _ = try GapProfile.load(missing.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("missing field"))
        }
    }
}
