internal import CZlib

/// CRC-32 (the zlib/PNG polynomial 0xEDB88320, reflected) of a byte range, via zlib's `crc32`.
///
/// zlib takes a 32-bit length, so ranges are fed in 1 GiB pieces; the result is the same as
/// one call over the whole range. The corresponding zlib routine is `crc32`.
/// - Complexity: O(count); several GB/s (zlib's slicing implementation).
enum CRC32 {
    /// The CRC-32 of `bytes`, continuing from `start` (0 for a fresh checksum).
    static func checksum(_ bytes: UnsafeRawBufferPointer, continuing start: UInt32 = 0) -> UInt32 {
        var crc = UInt(start)
        guard var p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return start }
        var left = bytes.count
        let piece = 1 << 30
        while left > 0 {
            let n = min(left, piece)
            crc = UInt(CZlib.crc32(uLong(crc), p, uInt(n)))
            p += n
            left -= n
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// The CRC-32 of an array of bytes.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}
