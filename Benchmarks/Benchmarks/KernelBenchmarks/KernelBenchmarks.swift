import Benchmark
import LacunaKernels

// One registration function per area; every result is checked, then passed to blackHole.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(3), maxIterations: 50)
    registerDense()
    registerSparse()
    registerDecompositions()
}

func registerDense() {
    Benchmark("sgemm 1024x1024x1024") { benchmark in
        var rng = SplitMix64(seed: 1)
        let a = DenseMatrix.uniform(rows: 1024, columns: 1024, using: &rng)
        let b = DenseMatrix.uniform(rows: 1024, columns: 1024, using: &rng)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let c = a * b
            precondition(c[0, 0] > 0)
            blackHole(c)
        }
    }
    Benchmark("topk_cosine 1000 queries x 50000x200, k=10") { benchmark in
        var rng = SplitMix64(seed: 2)
        let index = CosineIndex(DenseMatrix.gaussian(rows: 50_000, columns: 200, using: &rng))
        let q = DenseMatrix.gaussian(rows: 1000, columns: 200, using: &rng)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let r = index.search(q, k: 10)
            precondition(r.count == 1000 && r[0].count == 10)
            blackHole(r)
        }
    }
}

func registerSparse() {
    var rng = SplitMix64(seed: 3)
    let a = CSRMatrix.random(rows: 100_000, columns: 50_000, nonZeros: 10_000_000, using: &rng)
    let b = DenseMatrix.uniform(rows: 50_000, columns: 200, using: &rng)
    let bt = DenseMatrix.uniform(rows: 100_000, columns: 200, using: &rng)
    Benchmark("spmm 100000x50000 nnz=10M x 200") { benchmark in
        for _ in benchmark.scaledIterations {
            let c = a.multiply(b)
            precondition(c.rowCount == 100_000)
            blackHole(c)
        }
    }
    Benchmark("spmm_t 100000x50000 nnz=10M x 200") { benchmark in
        for _ in benchmark.scaledIterations {
            let c = a.transposeMultiply(bt)
            precondition(c.rowCount == 50_000)
            blackHole(c)
        }
    }
}

func registerDecompositions() {
    var rng = SplitMix64(seed: 4)
    let a = CSRMatrix.random(rows: 50_000, columns: 20_000, nonZeros: 2_500_000, using: &rng)
    Benchmark("randomized_svd 50000x20000 nnz=2.5M k=100 q=5", configuration: .init(maxIterations: 5)) { benchmark in
        for _ in benchmark.scaledIterations {
            var r = SplitMix64(seed: 1)
            let s = try randomizedSVD(a, rank: 100, powerIterations: .count(5), using: &r)
            precondition(s.singularValues[0] >= s.singularValues[99])
            blackHole(s)
        }
    }
    let x = DenseMatrix.gaussian(rows: 50_000, columns: 100, using: &rng)
    Benchmark("kmeans 50000x100 k=40", configuration: .init(maxIterations: 5)) { benchmark in
        for _ in benchmark.scaledIterations {
            var r = SplitMix64(seed: 1)
            let km = try SphericalKMeans(options: .init(clusterCount: 40, maxIterations: 20, restarts: 1)).fit(x, using: &r)
            precondition(Set(km.assignments).count == 40)
            blackHole(km)
        }
    }
}
