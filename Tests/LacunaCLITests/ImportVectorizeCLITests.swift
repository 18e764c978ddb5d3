import Foundation
import Testing
import _LacunaTestSupport

@Suite("CLI: import, vectorize, profile, bench")
struct ImportVectorizeCLITests {
    static let fixtures = lacunaPackageRoot + "/Tests/LacunaTextTests/Fixtures/readers"

    @Test("import reads every format of one bibliography to the same JSON Lines records")
    func importFormats() throws {
        var titles: [String: [String]] = [:]
        for name in ["biblio.bib", "biblio.ris", "biblio.csv", "biblio.tsv", "biblio.wos.txt", "biblio.openalex.json"] {
            let r = runLacuna(["import", "\(Self.fixtures)/\(name)", "--format", "jsonl"])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let lines = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            titles[name] = lines.compactMap { $0["title"] as? String }.sorted()
        }
        let reference = try #require(titles["biblio.bib"])
        #expect(reference.count == 3)
        for (name, t) in titles { #expect(t == reference, "\(name)") }
    }

    @Test("Malformed BibTeX: exit 1, the file and line on stderr, and no output file left behind")
    func malformedImport() {
        let bad = CLIFixtures.file("broken.bib", "@article{a,\n  title = {Fine},\n}\n@article{b,\n  title = {Never closed,\n  year = 2001\n")
        let out = CLIFixtures.scratch + "/should-not-exist.jsonl"
        let r = runLacuna(["import", bad, "--out", out, "--format", "jsonl"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("broken.bib:"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("import reads standard input with -, and --dedupe drops the repeated record")
    func importStdinDedupe() {
        let line = #"{"id": "x1", "title": "Alliances and Armies", "year": 2001, "doi": "10.1/abc"}"#
        let dup = #"{"id": "x2", "title": "Alliances and armies", "year": 2001, "doi": "10.1/ABC"}"#
        let r = runLacuna(["import", "-", "--dedupe", "--format", "jsonl"], stdin: line + "\n" + dup + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 1)
    }

    @Test("vectorize in scikit-learn mode writes id and term weights with unit norm")
    func vectorizeSklearnMode() throws {
        let r = runLacuna(["vectorize", CLIFixtures.reviewed, "--format", "jsonl", "--stemmer", "none", "--stop-words", "none",
                           "--ngrams", "1", "--token-pattern", #"(?u)\b\w\w+\b"#])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n")
        #expect(rows.count == 25)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(rows[0].utf8)) as? [String: Any])
        let terms = try #require(first["terms"] as? [String: Double])
        let norm = terms.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-5)
        #expect(first["id"] as? String != nil)
    }

    @Test("Bad flags exit 64 with the valid range")
    func badFlags() {
        let r = runLacuna(["vectorize", CLIFixtures.reviewed, "--max-df", "1.5"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("max-df"))
    }

    @Test("profile check passes the bundled profile and fails a broken one")
    func profileCheck() {
        let root = lacunaPackageRoot
        let ok = runLacuna(["profile", "check", "\(root)/Models/alliance-military-gap.json", "--model", "\(root)/Models/default.lacuna", "--format", "json"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let broken = CLIFixtures.file("broken-profile.json", """
        {"id": "x", "name": "x", "description": "", "alliance_side": [], "military_side": ["procurement"],
         "direction_cues": [], "covered_strands": ["S1"], "ideal_abstract": "x", "weights": {"bridge": 2}}
        """)
        let bad = runLacuna(["profile", "check", broken, "--model", "\(root)/Models/default.lacuna", "--format", "json"])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("alliance_side") && bad.stdout.contains("weights.bridge"))
    }

    @Test("bench --format json reports the kernel fields on a small shape")
    func benchJSON() throws {
        let r = runLacuna(["bench", "--kernel", "spmm", "--rows", "300", "--cols", "200", "--nnz", "3000", "--dense-cols", "16",
                           "--repeats", "1", "--no-ceilings", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["kernel"] as? String == "spmm")
        #expect((rows.first?["gflops"] as? Double ?? 0) > 0)
        #expect((rows.first?["check"] as? String)?.contains("max rel err") == true)
    }
}
