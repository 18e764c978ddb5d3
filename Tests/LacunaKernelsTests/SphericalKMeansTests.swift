import Testing
import LacunaKernels
import _LacunaTestSupport

@Suite("Spherical k-means", .serialized)
struct SphericalKMeansTests {
    /// `k` well-separated directions with small noise, `perCluster` points each, shuffled.
    static func blobs(k: Int, perCluster: Int, dims: Int, noise: Float, seed: UInt64) -> (DenseMatrix, [Int]) {
        var rng = SplitMix64(seed: seed)
        let centers = Reference.orthonormalColumns(rows: dims, columns: k, seed: seed &+ 1)
        var rows: [[Float]] = [], labels: [Int] = []
        for c in 0..<k {
            for _ in 0..<perCluster {
                let g = DenseMatrix.gaussian(rows: 1, columns: dims, using: &rng)
                rows.append((0..<dims).map { Float(centers[$0][c]) + noise * g[0, $0] })
                labels.append(c)
            }
        }
        var order = Array(0..<rows.count)
        order.shuffle(using: &rng)
        return (DenseMatrix(rows: order.map { rows[$0] }), order.map { labels[$0] })
    }

    @Test("Recovers well-separated blobs exactly", arguments: [3, 8, 20])
    func recoversBlobs(k: Int) throws {
        let (x, truth) = Self.blobs(k: k, perCluster: 60, dims: 40, noise: 0.05, seed: UInt64(k))
        var rng = SplitMix64(seed: 1)
        let result = try SphericalKMeans(options: .init(clusterCount: k)).fit(x, using: &rng)
        #expect(Reference.adjustedRandIndex(result.assignments, truth) == 1)
        #expect(result.centroids.rowNorms().allSatisfy { abs($0 - 1) < 1e-4 })
        #expect(result.inertia < Double(x.rowCount) * 0.1)
    }

    @Test("Same seed gives identical results whatever the BLAS thread count")
    func deterministic() throws {
        let (x, _) = Self.blobs(k: 6, perCluster: 700, dims: 30, noise: 0.6, seed: 4)
        let saved = BLASThreads.count
        defer { BLASThreads.set(saved) }
        BLASThreads.set(1)
        var r1 = SplitMix64(seed: 9)
        let a = try SphericalKMeans(options: .init(clusterCount: 6)).fit(x, using: &r1)
        BLASThreads.set(2)
        var r2 = SplitMix64(seed: 9)
        let b = try SphericalKMeans(options: .init(clusterCount: 6)).fit(x, using: &r2)
        #expect(Bool(a == b), "1 and 2 BLAS threads differ")
    }

    @Test("Every cluster is non-empty even with duplicate points")
    func emptyClusterRepair() throws {
        var rows = [[Float]](repeating: [1, 0, 0], count: 30)
        rows += [[0, 1, 0], [0, 0, 1], [0, 1, 1]]
        let x = DenseMatrix(rows: rows)
        var rng = SplitMix64(seed: 2)
        let r = try SphericalKMeans(options: .init(clusterCount: 4)).fit(x, using: &rng)
        #expect(Set(r.assignments).count == 4)
    }

    @Test("k out of range is rejected with the valid range")
    func invalidK() {
        let x = DenseMatrix(rows: 3, columns: 2, repeating: 1)
        var rng = SplitMix64(seed: 1)
        #expect(throws: DecompositionError.invalidParameter(name: "k", expected: "1...3", got: "4")) {
            _ = try SphericalKMeans(options: .init(clusterCount: 4)).fit(x, using: &rng)
        }
    }
}
