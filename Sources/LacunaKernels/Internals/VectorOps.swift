/// Small SIMD helpers over raw pointers shared by the kernels.
enum VectorOps {
    /// y[0..<n] += a · x[0..<n].
    @inline(__always)
    static func axpy(_ n: Int, _ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        var j = 0
        let av = SIMD8<Float>(repeating: a)
        while j + 16 <= n {
            let x0 = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD8<Float>.self)
            let x1 = UnsafeRawPointer(x + j + 8).loadUnaligned(as: SIMD8<Float>.self)
            let y0 = UnsafeRawPointer(y + j).loadUnaligned(as: SIMD8<Float>.self)
            let y1 = UnsafeRawPointer(y + j + 8).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + j).storeBytes(of: y0 + av * x0, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + j + 8).storeBytes(of: y1 + av * x1, as: SIMD8<Float>.self)
            j += 16
        }
        while j + 8 <= n {
            let x0 = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD8<Float>.self)
            let y0 = UnsafeRawPointer(y + j).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + j).storeBytes(of: y0 + av * x0, as: SIMD8<Float>.self)
            j += 8
        }
        while j < n { y[j] += a * x[j]; j += 1 }
    }

    /// Dot product with two SIMD8 accumulators (fixed order, deterministic).
    @inline(__always)
    static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>()
        var j = 0
        while j + 16 <= n {
            s0 += UnsafeRawPointer(x + j).loadUnaligned(as: SIMD8<Float>.self) * UnsafeRawPointer(y + j).loadUnaligned(as: SIMD8<Float>.self)
            s1 += UnsafeRawPointer(x + j + 8).loadUnaligned(as: SIMD8<Float>.self) * UnsafeRawPointer(y + j + 8).loadUnaligned(as: SIMD8<Float>.self)
            j += 16
        }
        var s = (s0 + s1).sum()
        while j < n { s += x[j] * y[j]; j += 1 }
        return s
    }
}
