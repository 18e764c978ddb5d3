/// A small, fast, seedable generator (Steele, Lea & Flood 2014), used for every random choice
/// Lacuna makes so that `--seed` reproduces results bit for bit on any machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator seeded with `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) built from the top 53 bits.
    @inline(__always)
    mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A pair of independent standard normal variates (Box–Muller).
    @inline(__always)
    mutating func nextGaussianPair() -> (Float, Float) {
        var u1 = nextUnitDouble()
        while u1 <= 1e-300 { u1 = nextUnitDouble() }
        let u2 = nextUnitDouble()
        let r = (-2 * _log(u1)).squareRoot()
        let t = 2 * Double.pi * u2
        return (Float(r * _cos(t)), Float(r * _sin(t)))
    }
}

extension DenseMatrix {
    /// A matrix of independent standard normal entries drawn from `rng`.
    /// - Complexity: O(rows × columns).
    public static func gaussian(rows: Int, columns: Int, using rng: inout some RandomNumberGenerator) -> DenseMatrix {
        var m = DenseMatrix(rows: rows, columns: columns)
        let n = rows * columns
        var i = 0
        while i < n {
            let (a, b) = rng.nextGaussianPair()
            m.values[i] = a
            if i + 1 < n { m.values[i + 1] = b }
            i += 2
        }
        return m
    }

    /// A matrix of uniform entries in [0, 1) drawn from `rng`.
    public static func uniform(rows: Int, columns: Int, using rng: inout some RandomNumberGenerator) -> DenseMatrix {
        var m = DenseMatrix(rows: rows, columns: columns)
        for i in 0..<(rows * columns) { m.values[i] = Float(rng.nextUnitDouble()) }
        return m
    }
}
