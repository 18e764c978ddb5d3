import Foundation

/// An open-addressing hash table from byte strings to dense ids `0..<count`, in insertion order.
///
/// Keys are copied into one growing arena, so callers hash a slice of a scratch buffer with no
/// `String` or `Array` allocation per lookup. Linear probing, power-of-two capacity, load ≤ 1/2.
/// Not thread-safe for writes; a table that is no longer written may be read from many threads.
///
/// - Complexity: expected O(key length) per lookup or insertion.
final class ByteKeyTable: @unchecked Sendable {
    /// One slot: the hash's top 32 bits, the key's offset in the arena (its 4-byte length sits
    /// just before it, on the same cache line), its id (-1 = empty) and a caller's value, so a
    /// lookup touches the slot and the key bytes only.
    struct Slot {
        var tag: UInt32
        var offset: UInt32
        var id: Int32
        var value: Int32
    }
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>
    @exclusivity(unchecked) private var mask: Int
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var arena: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var arenaCapacity: Int
    @exclusivity(unchecked) private var arenaCount = 0
    /// Offset of each key's bytes in the arena.
    @exclusivity(unchecked) private var starts: [Int] = []

    private static let empty = Slot(tag: 0, offset: 0, id: -1, value: -1)

    init(capacity: Int = 1024) {
        var cap = 16
        while cap * 3 < capacity * 4 { cap <<= 1 }
        slots = .allocate(capacity: cap)
        slots.initialize(repeating: Self.empty, count: cap)
        mask = cap - 1
        arenaCapacity = max(64, capacity * 12)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
    }

    /// The hash of `len` bytes at `p`.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ len: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(len) &* 0x1000_0000_01B3)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= len {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < len {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < len { w |= UInt64(p[i]) << shift; shift += 8; i += 1 }
            h = (h ^ w) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    /// ``hash(_:_:)`` for bytes followed by at least 8 readable bytes (the tail is read as one
    /// word and masked); the same value.
    @inline(__always)
    static func hashPadded(_ p: UnsafePointer<UInt8>, _ len: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(len) &* 0x1000_0000_01B3)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= len {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < len {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                & ((1 << (UInt64(len - i) &* 8)) &- 1)
            h = (h ^ w) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    @inline(__always)
    private func keyEquals(_ slot: Slot, _ p: UnsafePointer<UInt8>, _ len: Int) -> Bool {
        let a = UnsafeRawPointer(arena + Int(slot.offset)), b = UnsafeRawPointer(p)
        guard Int(a.loadUnaligned(fromByteOffset: -4, as: UInt32.self)) == len else { return false }
        var k = 0
        while k + 8 <= len {
            if a.loadUnaligned(fromByteOffset: k, as: UInt64.self) != b.loadUnaligned(fromByteOffset: k, as: UInt64.self) {
                return false
            }
            k += 8
        }
        while k < len {
            if a.load(fromByteOffset: k, as: UInt8.self) != b.load(fromByteOffset: k, as: UInt8.self) { return false }
            k += 1
        }
        return true
    }

    /// The id of the key, or -1.
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>, _ len: Int) -> Int32 {
        let h = Self.hash(p, len)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s.id < 0 { return -1 }
            if s.tag == tag && keyEquals(s, p, len) { return s.id }
            i = (i + 1) & mask
        }
    }

    /// The id of the key, inserting it with the next id when absent.
    @inline(__always)
    func findOrInsert(_ p: UnsafePointer<UInt8>, _ len: Int) -> (id: Int32, inserted: Bool) {
        findOrInsert(p, len, hash: Self.hash(p, len))
    }

    /// The id of the key with a precomputed ``hash(_:_:)``, inserting it when absent.
    @inline(__always)
    func findOrInsert(_ p: UnsafePointer<UInt8>, _ len: Int, hash h: UInt64) -> (id: Int32, inserted: Bool) {
        var inserted = false
        let (id, _) = findOrInsert(p, len, hash: h) { _ in inserted = true; return -1 }
        return (id, inserted)
    }

    /// The id and value of the key with a precomputed hash; when absent, inserts it with the
    /// value `makeValue(newID)`.
    @inline(__always)
    func findOrInsert(_ p: UnsafePointer<UInt8>, _ len: Int, hash h: UInt64,
                      makeValue: (Int32) -> Int32) -> (id: Int32, value: Int32) {
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s.id < 0 { break }
            if s.tag == tag && keyEquals(s, p, len) { return (s.id, s.value) }
            i = (i + 1) & mask
        }
        let id = Int32(count)
        let value = makeValue(id)
        let offset = appendKey(p, len)
        precondition(arenaCount <= Int(UInt32.max), "ByteKeyTable: more than 4 GiB of keys")
        slots[i] = Slot(tag: tag, offset: UInt32(offset), id: id, value: value)
        count += 1
        if count * 4 > (mask + 1) * 3 { grow() }
        return (id, value)
    }

    /// Inserts from a buffer.
    func findOrInsert(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, inserted: Bool) {
        guard let base = bytes.baseAddress else {
            var z: UInt8 = 0
            return findOrInsert(&z, 0)
        }
        return findOrInsert(base, bytes.count)
    }

    /// Looks up a `String`'s UTF-8 bytes.
    func find(_ s: String) -> Int32 {
        var s = s
        return s.withUTF8 { b in b.baseAddress.map { find($0, b.count) } ?? findEmpty() }
    }

    /// Inserts a `String`'s UTF-8 bytes.
    @discardableResult
    func insert(_ s: String) -> Int32 {
        var s = s
        return s.withUTF8 { findOrInsert($0).id }
    }

    private func findEmpty() -> Int32 {
        var z: UInt8 = 0
        return find(&z, 0)
    }

    /// Appends a key (4-byte length, then the bytes) and returns the offset of its bytes.
    private func appendKey(_ p: UnsafePointer<UInt8>, _ len: Int) -> Int {
        precondition(len <= Int(UInt32.max), "ByteKeyTable: key too long")
        if arenaCount + len + 4 > arenaCapacity {
            var newCap = arenaCapacity * 2
            while newCap < arenaCount + len + 4 { newCap *= 2 }
            let n = UnsafeMutablePointer<UInt8>.allocate(capacity: newCap)
            n.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = n
            arenaCapacity = newCap
        }
        UnsafeMutableRawPointer(arena + arenaCount).storeBytes(of: UInt32(len), as: UInt32.self)
        arenaCount += 4
        let offset = arenaCount
        (arena + arenaCount).update(from: p, count: len)
        arenaCount += len
        starts.append(offset)
        return offset
    }

    private func grow() {
        let oldCap = mask + 1
        let newCap = oldCap * 2
        let n = UnsafeMutablePointer<Slot>.allocate(capacity: newCap)
        n.initialize(repeating: Self.empty, count: newCap)
        let newMask = newCap - 1
        for j in 0..<oldCap where slots[j].id >= 0 {
            let s = slots[j]
            let h = Self.hash(arena + Int(s.offset), keyLength(Int(s.id)))
            var i = Int(truncatingIfNeeded: h) & newMask
            while n[i].id >= 0 { i = (i + 1) & newMask }
            n[i] = s
        }
        slots.deallocate()
        slots = n
        mask = newMask
    }

    /// The bytes of key `id` (valid until the next insertion).
    @inline(__always)
    func key(_ id: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena + starts[id], count: keyLength(id))
    }

    /// Length in bytes of key `id`.
    @inline(__always)
    func keyLength(_ id: Int) -> Int {
        Int(UnsafeRawPointer(arena + starts[id]).loadUnaligned(fromByteOffset: -4, as: UInt32.self))
    }

    /// Key `id` as a `String`.
    func string(_ id: Int) -> String { String(decoding: key(id), as: UTF8.self) }
}

/// An open-addressing hash table from pairs of 32-bit ids to dense ids `0..<count`.
/// Key and value share a slot, so a lookup touches one cache line.
final class PairTable: @unchecked Sendable {
    struct Slot {
        var key: UInt64
        var value: Int32
    }
    private static let emptyKey = UInt64.max
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>
    @exclusivity(unchecked) private var mask: Int
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int = 1024) {
        var cap = 16
        while cap * 3 < capacity * 4 { cap <<= 1 }
        slots = .allocate(capacity: cap)
        slots.initialize(repeating: Slot(key: Self.emptyKey, value: -1), count: cap)
        mask = cap - 1
    }

    deinit {
        slots.deallocate()
    }

    @inline(__always)
    private static func hash(_ k: UInt64) -> Int {
        var h = k &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    /// The id of `(a, b)`, or -1.
    @inline(__always)
    func find(_ a: Int32, _ b: Int32) -> Int32 {
        let k = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        var i = Self.hash(k) & mask
        while true {
            let s = slots[i]
            if s.key == k { return s.value }
            if s.key == Self.emptyKey { return -1 }
            i = (i + 1) & mask
        }
    }

    /// The id of `(a, b)`, inserting `next` when absent (the caller allocates ids).
    @inline(__always)
    func findOrInsert(_ a: Int32, _ b: Int32, next: Int32) -> (id: Int32, inserted: Bool) {
        let k = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        var i = Self.hash(k) & mask
        while true {
            let s = slots[i]
            if s.key == k { return (s.value, false) }
            if s.key == Self.emptyKey { break }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: k, value: next)
        count += 1
        if count * 4 > (mask + 1) * 3 { grow() }
        return (next, true)
    }

    private func grow() {
        let oldCap = mask + 1
        let newCap = oldCap * 2
        let n = UnsafeMutablePointer<Slot>.allocate(capacity: newCap)
        n.initialize(repeating: Slot(key: Self.emptyKey, value: -1), count: newCap)
        let newMask = newCap - 1
        for j in 0..<oldCap where slots[j].key != Self.emptyKey {
            var i = Self.hash(slots[j].key) & newMask
            while n[i].key != Self.emptyKey { i = (i + 1) & newMask }
            n[i] = slots[j]
        }
        slots.deallocate()
        slots = n
        mask = newMask
    }
}
