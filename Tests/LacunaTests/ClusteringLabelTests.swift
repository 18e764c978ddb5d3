import Foundation
import Testing
@testable import Lacuna

@Suite("Clustering: c-TF-IDF labels")
struct ClusteringLabelTests {
    @Test("Weights follow (t / class mass) · log(1 + A / f), computed by hand")
    func formula() throws {
        // 4 documents × 4 terms; classes {0, 1} and {2, 3}.
        let rows: [[(column: Int, value: Float)]] = [
            [(0, 1), (1, 2)],
            [(0, 1), (3, 1)],
            [(1, 1), (2, 3)],
            [(2, 1), (3, 1)],
        ]
        let x = try CSRMatrix(rows: rows, columns: 4)
        let got = ClassTFIDF.topTerms(rows: x, labels: [0, 0, 1, 1], classCount: 2, top: 4)
        // Class sums: c0 = [2, 2, 0, 1] (mass 5), c1 = [0, 1, 4, 1] (mass 6); f = [2, 3, 4, 2]; A = 11/2.
        let a = 11.0 / 2
        func w(_ t: Double, _ mass: Double, _ f: Double) -> Double { t / mass * log(1 + a / f) }
        let c0: [(Int, Double)] = [(0, w(2, 5, 2)), (1, w(2, 5, 3)), (3, w(1, 5, 2))]
        let c1: [(Int, Double)] = [(2, w(4, 6, 4)), (3, w(1, 6, 2)), (1, w(1, 6, 3))]
        for (want, have) in [(c0, got[0]), (c1, got[1])] {
            let sorted = want.sorted { $0.1 > $1.1 }
            #expect(have.map(\.column) == sorted.map(\.0))
            for (h, s) in zip(have, sorted) { #expect(abs(h.weight - s.1) < 1e-12) }
        }
    }

    @Test("A term only one cluster uses outranks a term every cluster uses equally often")
    func distinctiveBeatsCommon() throws {
        let rows: [[(column: Int, value: Float)]] = [[(0, 1), (1, 1)], [(0, 1), (2, 1)]]
        let got = ClassTFIDF.topTerms(rows: try CSRMatrix(rows: rows, columns: 3), labels: [0, 1], classCount: 2, top: 1)
        #expect(got[0].map(\.column) == [1])
        #expect(got[1].map(\.column) == [2])
    }

    @Test("An empty class gets no terms; top 0 gives none")
    func edges() throws {
        let x = try CSRMatrix(rows: [[(0, 1)], [(1, 1)]], columns: 2)
        let got = ClassTFIDF.topTerms(rows: x, labels: [0, 0], classCount: 2, top: 3)
        #expect(got[1].isEmpty)
        #expect(got[0].count == 2)
        let none = ClassTFIDF.topTerms(rows: x, labels: [0, 1], classCount: 2, top: 0)
        #expect(none.allSatisfy { $0.isEmpty })
    }

    @Test("Labels skip a term whose words are already shown")
    func nonRedundant() {
        let forms = ["federated", "defense", "federated defense", "war alliance", "war", "capabilities"]
        let ranked = [0, 1, 2, 3, 4, 5].map { ClassTFIDF.Term(column: $0, weight: Double(10 - $0)) }
        let kept = ClusterAnalyzer.nonRedundant(ranked, forms: forms, count: 4)
        #expect(kept.map { forms[$0.column] } == ["federated", "defense", "war alliance", "capabilities"])
    }
}
