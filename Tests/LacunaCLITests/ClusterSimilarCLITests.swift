import Foundation
import Testing
import _LacunaTestSupport

@Suite("CLI: cluster")
struct ClusterCLITests {
    @Test("cluster --format json has the documented fields, consistent with the assignments")
    func jsonShape() throws {
        let r = runLacuna(["cluster", CLIFixtures.reviewed, "--model", CLIFixtures.model, "--k", "4", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(CLIFixtures.json(r.stdout) as? [String: Any])
        #expect(report["k"] as? Int == 4)
        let clusters = try #require(report["clusters"] as? [[String: Any]])
        let assignments = try #require(report["assignments"] as? [String: Int])
        #expect(clusters.count == 4)
        #expect(Set(assignments.keys) == Set(CLIFixtures.reviewedIDs))
        var sizes = 0
        for (n, c) in clusters.enumerated() {
            #expect(c["id"] as? Int == n)
            let members = try #require(c["members"] as? [String])
            #expect(c["size"] as? Int == members.count)
            sizes += members.count
            for m in members { #expect(assignments[m] == n) }
            #expect(!((c["terms"] as? [String]) ?? []).isEmpty)
            #expect(c["strand"] is String)   // the reviewed works carry strand labels
            #expect(c["strand_name"] is String)   // named by --strands when the model was fitted
            #expect(c["silhouette"] is Double)
            #expect((c["strand_share"] as? Double).map { $0 > 0 && $0 <= 1 } == true)
        }
        #expect(sizes == CLIFixtures.reviewedIDs.count)
        #expect(report["k_curve"] == nil)
    }

    @Test("cluster --k-range shows the silhouette curve and keeps its best k")
    func kRange() throws {
        let r = runLacuna(["cluster", CLIFixtures.reviewed, "--model", CLIFixtures.model, "--k-range", "2..5", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("silhouette by k"))
        let report = try #require(CLIFixtures.json(r.stdout) as? [String: Any])
        let curve = try #require(report["k_curve"] as? [[String: Any]])
        #expect(curve.compactMap { $0["k"] as? Int } == [2, 3, 4, 5])
        let best = curve.max { ($0["silhouette"] as? Double ?? 0) < ($1["silhouette"] as? Double ?? 0) }
        #expect(best?["k"] as? Int == report["k"] as? Int)
    }

    @Test("cluster is deterministic for a seed, and fits on its input without --model (k = number of strands)")
    func deterministicOwnFit() throws {
        let args = ["cluster", CLIFixtures.reviewed, "--dims", "8", "--seed", "2", "--stemmer", "none", "--format", "json"]
        let a = runLacuna(args), b = runLacuna(args)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        let report = try #require(CLIFixtures.json(a.stdout) as? [String: Any])
        #expect(report["k"] as? Int == 7)
        #expect(report["strand_source"] as? String == "model")
    }

    @Test("cluster in table, jsonl, csv and markdown")
    func formats() {
        let base = ["cluster", CLIFixtures.reviewed, "--model", CLIFixtures.model, "--k", "3"]
        let table = runLacuna(base + ["--format", "table"])
        #expect(table.stdout.hasPrefix("id  size  silhouette  strand"))
        #expect(table.stdout.contains("k = 3, mean silhouette"))
        let jsonl = runLacuna(base + ["--format", "jsonl"])
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { CLIFixtures.json(String($0)) is [String: Any] })
        let csv = runLacuna(base + ["--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,size,silhouette,strand,strand_share,strand_cosine,terms,members\n"))
        let md = runLacuna(base + ["--format", "markdown"])
        #expect(md.stdout.hasPrefix("| id | size |"))
    }

    @Test("cluster: bad flags exit 64", arguments: [
        ["--k", "0"], ["--k-range", "5..2"], ["--k-range", "1..3"], ["--k-range", "two"], ["--k", "3", "--k-range", "2..4"],
        ["--restarts", "0"], ["--k", "26"], ["--format", "yaml"],
    ])
    func badFlags(extra: [String]) {
        let r = runLacuna(["cluster", CLIFixtures.reviewed, "--model", CLIFixtures.model] + extra)
        #expect(r.status == 64, "\(extra): \(r.stderr)")
    }

    @Test("cluster: bad input reports file and line (exit 1)")
    func badInput() {
        let bad = CLIFixtures.file("bad-cluster.jsonl", #"{"id": "a", "title": "Alliances"}"# + "\n" + #"{"id": "b"}"# + "\n")
        let r = runLacuna(["cluster", bad, "--model", CLIFixtures.model])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad-cluster.jsonl:2"))
    }
}

@Suite("CLI: similar")
struct SimilarCLITests {
    @Test("similar ID finds other works, best first, without the query itself")
    func byID() throws {
        let r = runLacuna(["similar", "waltz1979theory", "--model", CLIFixtures.model, "--top", "3", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let results = try #require(CLIFixtures.json(r.stdout) as? [[String: Any]])
        #expect(results.count == 1)
        #expect(results[0]["query"] as? String == "waltz1979theory")
        let neighbours = try #require(results[0]["neighbors"] as? [[String: Any]])
        #expect(neighbours.count == 3)
        #expect(!neighbours.contains { $0["id"] as? String == "waltz1979theory" })
        let sims = neighbours.compactMap { $0["similarity"] as? Double }
        #expect(sims == sims.sorted(by: >))
        #expect(neighbours.compactMap { $0["rank"] as? Int } == [1, 2, 3])
    }

    @Test("similar folds in new records from a file or standard input")
    func byFile() throws {
        let record = #"{"id": "new1", "title": "Balancing against threats", "abstract": "States form alliances to balance threats and power."}"#
        let path = CLIFixtures.file("query.jsonl", record + "\n")
        let fromFile = runLacuna(["similar", path, "--model", CLIFixtures.model, "--top", "4", "--format", "jsonl"])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        let rows = fromFile.stdout.split(separator: "\n").compactMap { CLIFixtures.json(String($0)) as? [String: Any] }
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0["query"] as? String == "new1" })
        let fromStdin = runLacuna(["similar", "-", "--model", CLIFixtures.model, "--top", "4", "--format", "jsonl"], stdin: record + "\n")
        #expect(fromStdin.stdout == fromFile.stdout)
        let csv = runLacuna(["similar", path, "waltz1979theory", "--model", CLIFixtures.model, "--top", "2", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("query,rank,id,similarity,strand\n"))
        #expect(csv.stdout.split(separator: "\n").count == 5)
    }

    @Test("similar: an unknown id that is not a file is a clear error (exit 1)")
    func unknownID() {
        let r = runLacuna(["similar", "nobody2099", "--model", CLIFixtures.model])
        #expect(r.status == 1)
        #expect(r.stderr.contains("'nobody2099' is neither the id of a work in the model"))
        #expect(r.stdout.isEmpty)
    }

    @Test("similar: --top 0 is a bad flag (exit 64)")
    func badTop() {
        #expect(runLacuna(["similar", "waltz1979theory", "--model", CLIFixtures.model, "--top", "0"]).status == 64)
    }
}
