import Foundation
import Testing
import _LacunaTestSupport

@Suite("CLI: fit and strands")
struct FitStrandsCLITests {
    @Test("fit reports its numerical choices and refits byte for byte")
    func fitIsReproducible() throws {
        let a = CLIFixtures.scratch + "/a.lacuna", b = CLIFixtures.scratch + "/b.lacuna"
        let args = ["fit", CLIFixtures.reviewed, "--dims", "8", "--seed", "5", "--stemmer", "none", "--format", "json"]
        let r1 = runLacuna(args + ["--out", a])
        #expect(r1.status == 0, "\(r1.stderr)")
        #expect(r1.stderr.contains("kept 8 factors"))
        #expect(r1.stderr.contains("% energy discarded"))
        let summary = CLIFixtures.json(r1.stdout) as? [String: Any]
        #expect(summary?["dims"] as? Int == 8)
        #expect(summary?["documents"] as? Int == CLIFixtures.reviewedIDs.count)
        let r2 = runLacuna(args + ["--out", b])
        #expect(r2.status == 0)
        let da = FileManager.default.contents(atPath: a), db = FileManager.default.contents(atPath: b)
        #expect(da != nil && da == db)
    }

    @Test("strands lists each strand with its works, terms and cohesion")
    func strandsJSON() throws {
        let r = runLacuna(["strands", "--model", CLIFixtures.model, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let strands = try #require(CLIFixtures.json(r.stdout) as? [[String: Any]])
        #expect(strands.compactMap { $0["id"] as? String } == ["G", "S1", "S2", "S3", "S4", "S5", "S6"])
        for s in strands {
            #expect(!((s["works"] as? [String]) ?? []).isEmpty)
            #expect(((s["terms"] as? [String]) ?? []).count == 10)
            #expect((s["cohesion"] as? Double).map { $0 > 0 && $0 <= 1.0001 } == true)
            #expect(s["name"] is String)
        }
        let s1 = strands.first { $0["id"] as? String == "S1" }
        #expect((s1?["works"] as? [String])?.contains("waltz1979theory") == true)
        #expect(s1?["name"] as? String == "Realist alliance formation")
    }

    @Test("strands in table, csv and markdown")
    func strandsFormats() {
        let table = runLacuna(["strands", "--model", CLIFixtures.model, "--format", "table"])
        #expect(table.stdout.hasPrefix("id  name"))
        let csv = runLacuna(["strands", "--model", CLIFixtures.model, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,name,cohesion,terms,works\n"))
        #expect(csv.stdout.split(separator: "\n").count == 8)
        let md = runLacuna(["strands", "--model", CLIFixtures.model, "--format", "markdown"])
        #expect(md.stdout.hasPrefix("| id | name |"))
    }

    @Test("A missing model is a clear error (exit 1)")
    func missingModel() {
        let r = runLacuna(["strands", "--model", CLIFixtures.scratch + "/nope.lacuna"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("nope.lacuna: cannot read the model"))
    }

    @Test("fit: bad flags exit 64", arguments: [
        ["fit", "x.jsonl"],                                       // no --out
        ["fit", "x.jsonl", "--out", "m", "--dims", "0"],
        ["fit", "x.jsonl", "--out", "m", "--power-iterations", "-1"],
        ["fit", "x.jsonl", "--out", "m", "--ngrams", "0-9"],
    ])
    func badFlags(args: [String]) {
        #expect(runLacuna(args).status == 64)
    }

    @Test("fit: more dims than the corpus allows is a bad flag (exit 64)")
    func tooManyDims() {
        let r = runLacuna(["fit", CLIFixtures.reviewed, "--out", CLIFixtures.scratch + "/big.lacuna", "--dims", "500"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--dims must be in 1...25; got 500"))
        #expect(!FileManager.default.fileExists(atPath: CLIFixtures.scratch + "/big.lacuna"))
    }

    @Test("fit: bad input reports file and line (exit 1) and writes no model")
    func badInput() {
        let bad = CLIFixtures.file("bad-fit.jsonl", #"{"id": "a", "title": "Alliances"}"# + "\n{\"id\": \"b\", \"title\": \n")
        let out = CLIFixtures.scratch + "/bad.lacuna"
        let r = runLacuna(["fit", bad, "--out", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad-fit.jsonl:2"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
