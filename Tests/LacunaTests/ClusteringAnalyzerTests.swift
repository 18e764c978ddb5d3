import Foundation
import Testing
@testable import Lacuna

@Suite("Clustering: analysis")
struct ClusteringAnalyzerTests {
    /// Blobs with one distinctive term per cluster (column c) and a shared term (column k).
    static func input(k: Int, perCluster: Int, labelled: Bool = false, strands: [Strand] = []) throws -> (ClusterInput, [Int]) {
        let (x, truth) = sphereBlobs(k: k, perCluster: perCluster, dims: 16, noise: 0.1, seed: 11)
        let rows = truth.map { c in [(column: c, value: Float(1)), (column: k, value: Float(1))] }
        let tfidf = try CSRMatrix(rows: rows, columns: k + 1)
        let forms = (0..<k).map { "term\($0)" } + ["shared"]
        let ids = truth.indices.map { "r\($0)" }
        let labels: [String?] = truth.map { labelled ? "S\($0)" : nil }
        return (ClusterInput(embeddings: x, tfidf: tfidf, termForms: forms, recordIDs: ids, recordStrands: labels, strands: strands), truth)
    }

    @Test("Separated blobs are recovered exactly, labelled by their own term, numbered by size")
    func recovers() throws {
        let (input, truth) = try Self.input(k: 4, perCluster: 25)
        let a = try ClusterAnalyzer(options: .init(count: .fixed(4), seed: 3)).analyze(input)
        #expect(a.k == 4)
        // Same partition as the truth (up to renaming).
        var map: [Int: Int] = [:]
        for (t, c) in zip(truth, a.assignments) {
            if let m = map[t] { #expect(m == c) } else { map[t] = c }
        }
        #expect(Set(map.values).count == 4)
        for c in a.clusters {
            let t = truth[c.memberRows[0]]
            #expect(c.terms.first == "term\(t)")
            #expect(c.size == 25)
            #expect(c.silhouette > 0.8)
            #expect(c.strand == nil)
        }
        #expect(a.clusters.map(\.id) == [0, 1, 2, 3])
        // Equal sizes: ordered by earliest member.
        #expect(a.clusters.map { $0.memberRows[0] } == a.clusters.map { $0.memberRows[0] }.sorted())
    }

    @Test("The same seed gives the same analysis; a range keeps the k with the best silhouette")
    func deterministicAndRange() throws {
        let (input, _) = try Self.input(k: 5, perCluster: 20)
        let one = try ClusterAnalyzer(options: .init(count: .range(2...8), seed: 7)).analyze(input)
        let two = try ClusterAnalyzer(options: .init(count: .range(2...8), seed: 7)).analyze(input)
        #expect(one == two)
        #expect(one.k == 5)
        #expect(one.curve.map(\.k) == Array(2...8))
        #expect(one.curve.max { $0.silhouette < $1.silhouette }?.k == 5)
        // The chosen k matches a fixed-k run with the same seed.
        let fixed = try ClusterAnalyzer(options: .init(count: .fixed(5), seed: 7)).analyze(input)
        #expect(fixed.assignments == one.assignments)
    }

    @Test("Records' own labels map clusters to strands, with share and centroid cosine")
    func strandMapping() throws {
        let (input, truth) = try Self.input(k: 3, perCluster: 10, labelled: true)
        let a = try ClusterAnalyzer(options: .init(seed: 1)).analyze(input)
        #expect(a.k == 3)   // automatic: number of strands
        #expect(a.strandSource == "labels")
        for c in a.clusters {
            #expect(c.strand == "S\(truth[c.memberRows[0]])")
            #expect(c.strandShare == 1)
            #expect(abs((c.strandCosine ?? 0) - 1) < 1e-5)
        }
    }

    @Test("Model strands take unlabelled members by nearest centroid")
    func modelStrands() throws {
        let (plain, truth) = try Self.input(k: 2, perCluster: 10)
        let d = plain.embeddings.columnCount
        // One strand at blob 0's first member, one at blob 1's.
        let s0 = Strand(id: "A", name: "a", members: [], centroid: plain.embeddings.row(0), cohesion: 1)
        let s1 = Strand(id: "B", name: "b", members: [], centroid: plain.embeddings.row(1), cohesion: 1)
        let input = ClusterInput(embeddings: plain.embeddings, tfidf: plain.tfidf, termForms: plain.termForms,
                                 recordIDs: plain.recordIDs, recordStrands: plain.recordStrands, strands: [s0, s1])
        let a = try ClusterAnalyzer(options: .init(seed: 2)).analyze(input)
        #expect(a.strandSource == "model")
        for c in a.clusters {
            #expect(c.strand == (truth[c.memberRows[0]] == 0 ? "A" : "B"))
            #expect(c.strandShare == 1)
        }
        #expect(d == 16)
    }

    @Test("Bad k values throw with the flag's name", arguments: [ClusterCount.fixed(0), .fixed(31), .range(1...3), .range(2...40)])
    func badK(count: ClusterCount) throws {
        let (input, _) = try Self.input(k: 3, perCluster: 10)
        #expect(throws: ClusterError.self) { try ClusterAnalyzer(options: .init(count: count)).analyze(input) }
    }

    @Test("Default k is ⌈√(n/2)⌉ within 2...40 and at most n")
    func defaultK() {
        #expect(ClusterOptions.defaultClusterCount(documents: 1) == 1)
        #expect(ClusterOptions.defaultClusterCount(documents: 3) == 2)
        #expect(ClusterOptions.defaultClusterCount(documents: 338) == 13)
        #expect(ClusterOptions.defaultClusterCount(documents: 20_000) == 40)
    }
}

@Suite("Clustering: strand files and strand terms")
struct ClusteringStrandTests {
    @Test("Strand definitions are read; a bad line is reported with its number")
    func strandFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("strands-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.jsonl").path
        try #"{"id": "S1", "name": "Realism", "description": "d"}"#.appending("\n\n{\"id\": \"G\", \"name\": \"Gap\"}\n")
            .write(toFile: good, atomically: true, encoding: .utf8)
        let defs = try StrandDefinition.read(path: good)
        #expect(defs == [StrandDefinition(id: "S1", name: "Realism", description: "d"), StrandDefinition(id: "G", name: "Gap")])
        let bad = dir.appendingPathComponent("bad.jsonl").path
        try "{\"id\": \"S1\", \"name\": \"x\"}\n{\"id\": 3}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(throws: StrandFileError.invalid(file: bad, line: 2, reason: "missing string field 'id'")) { try StrandDefinition.read(path: bad) }
        #expect(throws: StrandFileError.self) { try StrandDefinition.read(path: dir.appendingPathComponent("none").path) }
    }

    @Test("Top terms along a direction are the largest entries of V · c")
    func topTerms() throws {
        let records = (0..<12).map { i in
            PaperRecord(id: "r\(i)", title: ["alliance treaty pact", "army procurement budget", "democracy regime election"][i % 3] + " \(i)",
                        abstract: ["balancing threat allies", "force structure spending", "voters leaders survival"][i % 3])
        }
        let model = try LSAFitter(lsa: LSAOptions(dimensions: 3, seed: 1)).fit(records)
        let c: [Float] = [0.3, -0.5, 0.8]
        let got = model.topTerms(along: c, count: 5)
        var all: [(Int, Float)] = []
        for j in 0..<model.vectorizer.terms.count {
            var s: Float = 0
            for t in 0..<3 { s += model.termLoadings[j, t] * c[t] }
            all.append((j, s))
        }
        all.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        #expect(got.map { $0.column } == all.prefix(5).map { $0.0 })
        for (g, w) in zip(got, all) { #expect(abs(g.loading - w.1) < 1e-5) }
    }
}
