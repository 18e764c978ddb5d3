#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a byte stream into validated UTF-8 chunks, counting lines for error messages.
///
/// The encoding is decided once, from the first chunk (up to ``chunkSize`` bytes):
/// - a UTF-8 byte-order mark is dropped;
/// - a UTF-16 byte-order mark (`FF FE` or `FE FF`) switches to UTF-16, transcoded on the fly;
/// - bytes that are not valid UTF-8 but look like Latin-1 text (at least 95 % of the bytes
///   ≥ 0x80 are Latin-1 letters next to other letters, or common Latin-1 punctuation) are
///   read as ISO 8859-1;
/// - otherwise the text must be UTF-8: the first invalid byte is an error naming its line
///   and column (never replaced by U+FFFD), and a NUL byte is reported as binary data.
/// Both fallbacks print a note on stderr.
///
/// Every chunk returned ends on a scalar boundary, so `String(decoding:as:)` over it can
/// never replace anything.
final class TextDecoder {
    enum Encoding: String { case utf8 = "UTF-8", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE", latin1 = "Latin-1 (ISO 8859-1)" }

    static let chunkSize = 8 << 20

    private let source: ByteSource
    let file: String
    private(set) var encoding: Encoding = .utf8
    private var started = false
    private var carry: [UInt8] = []      // incomplete sequence from the previous raw chunk
    private var pendingHighSurrogate: UInt16?
    /// Newlines in all chunks returned so far.
    private(set) var linesBefore = 0
    private var lastLineColumn = 1
    private let quietNotes: Bool
    private var firstRaw: [UInt8]?

    init(source: ByteSource, file: String, quietNotes: Bool = false) {
        self.source = source
        self.file = file
        self.quietNotes = quietNotes
    }

    /// The first decoded chunk without consuming it (for format sniffing).
    private var peeked: [UInt8]??

    func peek() throws(RecordParseError) -> [UInt8]? {
        if let peeked { return peeked }
        let c = try decodeNext()
        peeked = .some(c)
        return c
    }

    /// The next chunk of valid UTF-8 (nil at the end of the stream).
    func nextChunk() throws(RecordParseError) -> [UInt8]? {
        if let p = peeked { peeked = nil; return p }
        return try decodeNext()
    }

    /// The whole remaining text.
    func readAll() throws(RecordParseError) -> [UInt8] {
        var all: [UInt8] = []
        while let c = try nextChunk() {
            if all.isEmpty { all = c } else { all.append(contentsOf: c) }
        }
        return all
    }

    private func decodeNext() throws(RecordParseError) -> [UInt8]? {
        // Small inputs get a small buffer; a full chunk is reserved once the input proves large.
        let probe = 1 << 16
        var raw: [UInt8] = []
        raw.reserveCapacity(carry.count + probe)
        raw.append(contentsOf: carry)
        carry = []
        var n = try source.readFully(into: &raw, count: probe)
        if n == probe {
            raw.reserveCapacity(raw.count + TextDecoder.chunkSize - probe)
            n += try source.readFully(into: &raw, count: TextDecoder.chunkSize - probe)
        }
        let atEnd = n < TextDecoder.chunkSize
        if !started {
            started = true
            try chooseEncoding(&raw)
        }
        if raw.isEmpty {
            if pendingHighSurrogate != nil {
                throw .invalidEncoding(currentLocation(), detail: "truncated UTF-16 text (unpaired surrogate at end of file)")
            }
            return nil
        }
        var out: [UInt8]
        switch encoding {
        case .utf8:
            let valid = try validateUTF8(raw, atEnd: atEnd)
            if valid < raw.count { carry = Array(raw[valid...]); raw.removeLast(raw.count - valid) }
            out = raw
        case .latin1:
            out = []
            out.reserveCapacity(raw.count + raw.count / 8)
            for b in raw {
                if b < 0x80 { out.append(b) } else { out.append(0xC0 | (b >> 6)); out.append(0x80 | (b & 0x3F)) }
            }
            try checkNUL(out)
        case .utf16LE, .utf16BE:
            if raw.count % 2 == 1 {
                if atEnd { throw .invalidEncoding(currentLocation(), detail: "truncated UTF-16 text (odd number of bytes)") }
                carry = [raw.removeLast()]
            }
            out = try transcodeUTF16(raw, bigEndian: encoding == .utf16BE, atEnd: atEnd)
            try checkNUL(out)
        }
        countLines(out)
        if out.isEmpty && !atEnd { return try decodeNext() }
        if out.isEmpty { return nil }
        return out
    }

    private func chooseEncoding(_ raw: inout [UInt8]) throws(RecordParseError) {
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) { raw.removeFirst(3); return }
        if raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) {
            encoding = raw[0] == 0xFF ? .utf16LE : .utf16BE
            raw.removeFirst(2)
            note("\(file): read as \(encoding.rawValue) (byte-order mark)")
            return
        }
        if firstInvalidUTF8(raw) != nil, TextDecoder.looksLatin1(raw) {
            encoding = .latin1
            note("\(file): not valid UTF-8; read as Latin-1 (ISO 8859-1)")
        }
    }

    private func note(_ s: String) { if !quietNotes { printNote(s) } }

    private func currentLocation() -> SourceLocation {
        SourceLocation(file: file, line: linesBefore + 1, column: lastLineColumn)
    }

    private func countLines(_ out: [UInt8]) {
        var last = -1
        out.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            var i = 0
            while i < p.count, let hit = memchr(base + i, 0x0A, p.count - i) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                linesBefore += 1
                last = at
                i = at + 1
            }
            var col = last >= 0 ? 1 : lastLineColumn
            for i in (last + 1)..<p.count where p[i] & 0xC0 != 0x80 { col += 1 }
            lastLineColumn = col
        }
    }

    private func location(in bytes: [UInt8], offset: Int) -> SourceLocation {
        var line = linesBefore + 1
        var col = lastLineColumn
        for i in 0..<offset {
            if bytes[i] == 0x0A { line += 1; col = 1 } else if bytes[i] & 0xC0 != 0x80 { col += 1 }
        }
        return SourceLocation(file: file, line: line, column: col)
    }

    private func checkNUL(_ bytes: [UInt8]) throws(RecordParseError) {
        if let z = bytes.firstIndex(of: 0) {
            throw .invalidEncoding(location(in: bytes, offset: z), detail: "NUL byte: this looks like binary data, not text")
        }
    }

    /// Validates `raw`; returns the length of the valid prefix that ends on a scalar
    /// boundary (shorter than `raw` only by an incomplete sequence at its end, when more
    /// input follows). Throws at the first invalid byte or NUL.
    private func validateUTF8(_ raw: [UInt8], atEnd: Bool) throws(RecordParseError) -> Int {
        let (bad, incompleteStart) = TextDecoder.scanUTF8(raw)
        if let bad {
            if raw[bad] == 0 {
                throw .invalidEncoding(location(in: raw, offset: bad), detail: "NUL byte: this looks like binary data, not text")
            }
            let byte = String(raw[bad], radix: 16, uppercase: true)
            throw .invalidEncoding(location(in: raw, offset: bad), detail: "invalid UTF-8 (byte 0x\(byte)); convert the file to UTF-8")
        }
        if let incompleteStart {
            if atEnd {
                throw .invalidEncoding(location(in: raw, offset: incompleteStart), detail: "invalid UTF-8 (truncated sequence at end of file)")
            }
            return incompleteStart
        }
        return raw.count
    }

    /// Scans UTF-8: the offset of the first invalid byte (or NUL), and the start of an
    /// incomplete sequence at the very end.
    /// - Complexity: O(n), eight bytes at a time over ASCII runs.
    static func scanUTF8(_ raw: [UInt8]) -> (bad: Int?, incomplete: Int?) {
        raw.withUnsafeBufferPointer { p -> (Int?, Int?) in
            let n = p.count
            var i = 0
            let base = UnsafeRawPointer(p.baseAddress)
            // NUL bytes first (memchr is vectorised), then the rest is plain UTF-8 validation.
            var firstNUL = n
            if let b = p.baseAddress, n > 0, let z = memchr(b, 0, n) {
                firstNUL = b.distance(to: z.assumingMemoryBound(to: UInt8.self))
            }
            let limit = firstNUL
            while i < limit {
                if let base, i + 32 <= limit {
                    // 32 ASCII bytes at a time.
                    let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        | base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                        | base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                        | base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                    if w & 0x8080808080808080 == 0 { i += 32; continue }
                }
                let b = p[i]
                if b < 0x80 {
                    i += 1
                    continue
                }
                let len: Int
                var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: len = 2
                case 0xE0: len = 3; lo = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: len = 3
                case 0xED: len = 3; hi = 0x9F
                case 0xF0: len = 4; lo = 0x90
                case 0xF1...0xF3: len = 4
                case 0xF4: len = 4; hi = 0x8F
                default: return (i, nil)
                }
                var k = 1
                while k < len {
                    if i + k >= limit { return limit < n ? (limit, nil) : (nil, i) }
                    let c = p[i + k]
                    if k == 1 ? (c < lo || c > hi) : (c & 0xC0 != 0x80) { return (i, nil) }
                    k += 1
                }
                i += len
            }
            return limit < n ? (limit, nil) : (nil, nil)
        }
    }

    /// The first invalid UTF-8 byte, ignoring an incomplete sequence at the end.
    func firstInvalidUTF8(_ raw: [UInt8]) -> Int? { TextDecoder.scanUTF8(raw).bad }

    /// Whether invalid-UTF-8 bytes look like Latin-1 text (see the type's documentation).
    static func looksLatin1(_ raw: [UInt8]) -> Bool {
        var high = 0, plausible = 0, controls = 0
        let punctuation: Set<UInt8> = [0xA0, 0xA1, 0xA2, 0xA3, 0xA5, 0xA7, 0xA9, 0xAA, 0xAB, 0xAE, 0xB0, 0xB1,
                                       0xB2, 0xB3, 0xB4, 0xB5, 0xB7, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF]
        func isLetter(_ b: UInt8) -> Bool { isASCIILetter(b) || (b >= 0xC0 && b != 0xD7 && b != 0xF7) }
        for (i, b) in raw.enumerated() {
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { controls += 1 }
            guard b >= 0x80 else { continue }
            high += 1
            if punctuation.contains(b) { plausible += 1; continue }
            if b >= 0xC0 && b != 0xD7 && b != 0xF7 {
                let before = i > 0 ? raw[i - 1] : 0x20
                let after = i + 1 < raw.count ? raw[i + 1] : 0x20
                if isLetter(before) || isLetter(after) { plausible += 1 }
            }
        }
        guard high > 0, controls * 100 <= raw.count else { return false }
        return plausible * 100 >= high * 95
    }

    private func transcodeUTF16(_ raw: [UInt8], bigEndian: Bool, atEnd: Bool) throws(RecordParseError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i + 1 < raw.count {
            let u = bigEndian ? UInt16(raw[i]) << 8 | UInt16(raw[i + 1]) : UInt16(raw[i + 1]) << 8 | UInt16(raw[i])
            i += 2
            var scalar: UInt32
            if let high = pendingHighSurrogate {
                pendingHighSurrogate = nil
                guard (0xDC00...0xDFFF).contains(u) else {
                    throw .invalidEncoding(location(in: out, offset: out.count), detail: "invalid UTF-16 (unpaired surrogate)")
                }
                scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(u) - 0xDC00)
            } else if (0xD800...0xDBFF).contains(u) {
                pendingHighSurrogate = u
                continue
            } else if (0xDC00...0xDFFF).contains(u) {
                throw .invalidEncoding(location(in: out, offset: out.count), detail: "invalid UTF-16 (unpaired surrogate)")
            } else {
                scalar = UInt32(u)
            }
            appendUTF8(scalar, to: &out)
        }
        if atEnd, pendingHighSurrogate != nil {
            throw .invalidEncoding(location(in: out, offset: out.count), detail: "invalid UTF-16 (unpaired surrogate at end of file)")
        }
        return out
    }
}

/// Appends the UTF-8 encoding of `scalar` (assumed valid) to `out`.
@inline(__always) func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80: out.append(UInt8(scalar))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | (scalar >> 6))); out.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | (scalar >> 12))); out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
        out.append(UInt8(0xF0 | (scalar >> 18))); out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F))); out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
}
