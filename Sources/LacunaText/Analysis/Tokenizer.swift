import Foundation

/// Byte-level tokeniser over UTF-8 (see ``AnalyzerOptions`` for the rules of each mode).
///
/// One `Tokenizer` per thread: it owns scratch buffers reused from document to document.
/// `tokenize(_:)` fills `bytes` with the tokens of a text, back to back, and `ends` with the
/// end offset of each token, so a caller walks the tokens with no allocation per token.
/// ASCII runs take the fast path (a class table and `| 0x20` lower-casing); only whitespace-
/// delimited chunks containing non-ASCII bytes are normalised (see `Tokenizer+Unicode.swift`).
final class Tokenizer {
    enum Mode: Sendable {
        case lacuna(foldDiacritics: Bool, lowercase: Bool)
        case sklearnDefault(lowercase: Bool)
        case regex(RegexTokenPattern, lowercase: Bool)
    }

    let mode: Mode
    /// Token bytes of the last text, back to back (`byteCount` of `byteCapacity` used).
    @exclusivity(unchecked) private(set) var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var byteCount = 0
    @exclusivity(unchecked) private var byteCapacity: Int
    /// End offset in `bytes` of each token of the last text (`count` of them).
    @exclusivity(unchecked) private(set) var ends: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var endCapacity: Int
    /// Scratch for normalised chunks.
    @exclusivity(unchecked) var normalized: [UInt8] = []
    /// Python-lowercase and `\w` class of non-ASCII scalars seen so far (scikit-learn mode).
    @exclusivity(unchecked) var pythonCache: [UInt32: PythonScalarInfo] = [:]
    /// Lacuna classes of non-ASCII scalars seen so far.
    @exclusivity(unchecked) var classCache: [UInt32: UInt8] = [:]
    /// `asciiClass` and `asciiWord`, hoisted out of their lazy globals.
    private let classTable: UnsafeMutablePointer<UInt8>
    private let wordTable: UnsafeMutablePointer<Bool>

    init(mode: Mode) {
        self.mode = mode
        byteCapacity = 1 << 14
        bytes = .allocate(capacity: byteCapacity)
        endCapacity = 1 << 11
        ends = .allocate(capacity: endCapacity)
        classTable = .allocate(capacity: 128)
        classTable.initialize(from: Self.asciiClass, count: 128)
        wordTable = .allocate(capacity: 128)
        wordTable.initialize(from: Self.asciiWord, count: 128)
    }

    deinit {
        bytes.deallocate(); ends.deallocate(); classTable.deallocate(); wordTable.deallocate()
    }

    /// Makes room for `moreBytes` token bytes and `moreTokens` tokens.
    private func reserve(bytes moreBytes: Int, tokens moreTokens: Int) {
        if byteCount + moreBytes > byteCapacity {
            var c = byteCapacity * 2
            while c < byteCount + moreBytes { c *= 2 }
            let n = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            n.update(from: bytes, count: byteCount)
            bytes.deallocate(); bytes = n; byteCapacity = c
        }
        if count + moreTokens > endCapacity {
            var c = endCapacity * 2
            while c < count + moreTokens { c *= 2 }
            let n = UnsafeMutablePointer<Int32>.allocate(capacity: c)
            n.update(from: ends, count: count)
            ends.deallocate(); ends = n; endCapacity = c
        }
    }

    /// Token `k` of the last text.
    @inline(__always)
    func token(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        let start = k == 0 ? 0 : Int(ends[k - 1])
        return UnsafeBufferPointer(start: bytes + start, count: Int(ends[k]) - start)
    }

    /// Tokenises `text`, replacing the previous tokens.
    func tokenize(_ text: String) {
        byteCount = 0
        count = 0
        var text = text
        text.withUTF8 { buf in
            guard let p = buf.baseAddress, buf.count > 0 else { return }
            switch mode {
            case let .lacuna(fold, lower): scanLacunaText(p, buf.count, fold: fold, lower: lower)
            case let .sklearnDefault(lower): scanSklearnDefault(p, buf.count, lower: lower)
            case let .regex(pattern, lower): scanRegex(String(decoding: buf, as: UTF8.self), pattern, lower: lower)
            }
        }
    }

    /// The tokens of the last text as strings (for tests and small inputs).
    func tokenStrings() -> [String] {
        (0..<count).map { String(decoding: token($0), as: UTF8.self) }
    }

    // MARK: - Lacuna mode

    /// Character classes of Lacuna's tokeniser.
    enum Class {
        static let other: UInt8 = 0, letter: UInt8 = 1, digit: UInt8 = 2, hyphen: UInt8 = 3
        static let apostrophe: UInt8 = 4, period: UInt8 = 5, comma: UInt8 = 6, space: UInt8 = 7
    }

    static let asciiClass: [UInt8] = {
        var t = [UInt8](repeating: Class.other, count: 128)
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = Class.letter }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = Class.letter }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = Class.digit }
        t[Int(UInt8(ascii: "-"))] = Class.hyphen
        t[Int(UInt8(ascii: "'"))] = Class.apostrophe
        t[Int(UInt8(ascii: "."))] = Class.period
        t[Int(UInt8(ascii: ","))] = Class.comma
        for c in [9, 10, 11, 12, 13, 32] { t[c] = Class.space }
        return t
    }()

    private func scanLacunaText(_ p: UnsafePointer<UInt8>, _ n: Int, fold: Bool, lower: Bool) {
        // Whole text ASCII? Then one pass over the original bytes.
        var ascii = true
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { ascii = false; break }
            i += 8
        }
        if ascii { while i < n { if p[i] >= 0x80 { ascii = false; break }; i += 1 } }
        if ascii { scanLacunaChunk(p, n, lower: lower); return }
        // Otherwise chunk by chunk: normalise only chunks with non-ASCII bytes.
        let table = classTable
        i = 0
        while i < n {
            while i < n && p[i] < 0x80 && table[Int(p[i])] == Class.space { i += 1 }
            let start = i
            var nonASCII = false
            while i < n && !(p[i] < 0x80 && table[Int(p[i])] == Class.space) {
                if p[i] >= 0x80 { nonASCII = true }
                i += 1
            }
            if start == i { break }
            if !nonASCII {
                scanLacunaChunk(p + start, i - start, lower: lower)
            } else {
                var norm = normalized
                normalized = []
                norm.removeAll(keepingCapacity: true)
                Self.normalizeLacuna(UnsafeBufferPointer(start: p + start, count: i - start), fold: fold,
                                     lower: lower, into: &norm)
                norm.withUnsafeBufferPointer { b in
                    if let q = b.baseAddress, b.count > 0 { scanLacunaChunk(q, b.count, lower: lower) }
                }
                normalized = norm
            }
        }
    }

    /// Class and width of the character at `i` (decoding non-ASCII scalars).
    @inline(__always)
    private func classAt(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (UInt8, Int) {
        let b = p[i]
        if b < 0x80 { return (classTable[Int(b)], 1) }
        let (scalar, w) = Self.decode(p, i, n)
        if let c = classCache[scalar] { return (c, w) }
        let c = Self.lacunaClass(scalar)
        classCache[scalar] = c
        return (c, w)
    }

    /// The Lacuna rules over one chunk (ASCII, or already normalised).
    private func scanLacunaChunk(_ p: UnsafePointer<UInt8>, _ n: Int, lower: Bool) {
        reserve(bytes: n + 8, tokens: n / 2 + 2)
        let out = bytes
        var len = byteCount
        let endsOut = ends
        var tokenCount = count
        defer { byteCount = len; count = tokenCount }
        let table = classTable
        let lowerBit: UInt8 = lower ? 0x20 : 0
        var i = 0
        while i < n {
            // Skip separators (ASCII fast path).
            let b0 = p[i]
            if b0 < 0x80 {
                let c0 = table[Int(b0)]
                if c0 != Class.letter && c0 != Class.digit { i += 1; continue }
            } else {
                let (c0, w0) = classAt(p, i, n)
                if c0 != Class.letter && c0 != Class.digit { i += w0; continue }
            }
            // A token starts at i.
            let tokenStart = len
            var chars = 0, digits = 0
            var hasLetter = false, joined = false
            var segment = 0 // characters since the start or the last '.'
            var lastClass = Class.other
            while true {
                // A run of letters and digits.
                while i < n {
                    let b = p[i]
                    if b < 0x80 {
                        let c = table[Int(b)]
                        if c == Class.letter {
                            out[len] = b &- 0x41 < 26 ? b | lowerBit : b
                            hasLetter = true
                        } else if c == Class.digit {
                            out[len] = b
                            digits += 1
                        } else {
                            break
                        }
                        len += 1; i += 1
                        lastClass = c
                    } else {
                        let (c, w) = classAt(p, i, n)
                        if c == Class.letter { hasLetter = true } else if c == Class.digit { digits += 1 } else { break }
                        for k in 0..<w { out[len + k] = p[i + k] }
                        len += w; i += w
                        lastClass = c
                    }
                    chars += 1; segment += 1
                }
                // Joiners need a word character after them.
                guard i + 1 < n else { break }
                let (c, _) = classAt(p, i, n)
                guard c == Class.hyphen || c == Class.apostrophe || c == Class.period || c == Class.comma else { break }
                let (next, _) = classAt(p, i + 1, n)
                if c == Class.apostrophe {
                    // Possessive 's (or 'S) at the end of a word: dropped.
                    if p[i + 1] | 0x20 == UInt8(ascii: "s") && lastClass == Class.letter {
                        let after = i + 2
                        if after >= n || { let (a, _) = classAt(p, after, n); return a != Class.letter && a != Class.digit }() {
                            i = after
                            break
                        }
                    }
                    if next == Class.letter && lastClass == Class.letter {
                        out[len] = UInt8(ascii: "'"); len += 1; chars += 1; joined = true
                        i += 1; continue
                    }
                    break
                }
                if c == Class.hyphen {
                    if next == Class.letter || next == Class.digit {
                        out[len] = UInt8(ascii: "-"); len += 1; chars += 1; joined = true; segment = 0
                        i += 1; continue
                    }
                    break
                }
                if c == Class.period {
                    if next == Class.letter && lastClass == Class.letter && segment == 1 {
                        out[len] = UInt8(ascii: "."); len += 1; chars += 1; segment = 0
                        i += 1; continue
                    }
                    if next == Class.digit && lastClass == Class.digit && !hasLetter {
                        out[len] = UInt8(ascii: "."); len += 1; chars += 1; joined = true
                        i += 1; continue
                    }
                    break
                }
                // Comma: a thousands separator inside a number ("2,000") is skipped.
                if next == Class.digit && lastClass == Class.digit && !hasLetter {
                    joined = true
                    i += 1; continue
                }
                break
            }
            // Keep or drop the token.
            var keep = chars >= 2
            if keep && !hasLetter { keep = digits == 4 && !joined && chars == 4 }
            if keep && len - tokenStart > 64 { keep = false }
            if keep {
                endsOut[tokenCount] = Int32(len); tokenCount += 1
            } else {
                len = tokenStart
            }
        }
    }

    // MARK: - scikit-learn's default pattern `(?u)\b\w\w+\b`

    static let asciiWord: [Bool] = (0..<128).map { c in
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    /// Maximal runs of two or more `\w` characters of the Python-lowercased text.
    private func scanSklearnDefault(_ p: UnsafePointer<UInt8>, _ n: Int, lower: Bool) {
        reserve(bytes: 3 * n + 8, tokens: n / 2 + 2)
        let out = bytes
        var len = byteCount
        let endsOut = ends
        var tokenCount = count
        defer { byteCount = len; count = tokenCount }
        var tokenStart = len
        var chars = 0
        var previousCased = false
        @inline(__always) func flush() {
            if chars >= 2 { endsOut[tokenCount] = Int32(len); tokenCount += 1 } else { len = tokenStart }
            tokenStart = len
            chars = 0
        }
        @inline(__always) func put(_ v: UInt32) {
            if v < 0x80 {
                out[len] = UInt8(v); len += 1
            } else if v < 0x800 {
                out[len] = UInt8(0xC0 | (v >> 6)); out[len + 1] = UInt8(0x80 | (v & 0x3F)); len += 2
            } else if v < 0x10000 {
                out[len] = UInt8(0xE0 | (v >> 12)); out[len + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                out[len + 2] = UInt8(0x80 | (v & 0x3F)); len += 3
            } else {
                out[len] = UInt8(0xF0 | (v >> 18)); out[len + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                out[len + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[len + 3] = UInt8(0x80 | (v & 0x3F)); len += 4
            }
        }
        let word = wordTable
        let lowerBit: UInt8 = lower ? 0x20 : 0
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if word[Int(b)] {
                    // A run of ASCII word characters in one tight loop.
                    var j = i
                    var last = b
                    while j < n {
                        let c = p[j]
                        if c >= 0x80 || !word[Int(c)] { break }
                        out[len] = c &- 0x41 < 26 ? c | lowerBit : c
                        len += 1; j += 1
                        last = c
                    }
                    chars += j - i
                    i = j
                    previousCased = (last | 0x20) &- 0x61 < 26
                } else {
                    if chars > 0 { flush() }
                    previousCased = false
                    i += 1
                }
                continue
            }
            let (scalar, w) = Self.decode(p, i, n)
            let info = pythonInfo(scalar)
            if lower && scalar == 0x3A3 {
                // Python's final-sigma rule: Σ after a cased letter and not before one → ς.
                var final = previousCased
                if final && i + w < n {
                    let nb = p[i + w]
                    if nb < 0x80 {
                        final = !((nb | 0x20) >= 0x61 && (nb | 0x20) <= 0x7A)
                    } else {
                        let (ns, _) = Self.decode(p, i + w, n)
                        final = !pythonInfo(ns).cased
                    }
                }
                put(final ? 0x3C2 : 0x3C3)
                chars += 1
                previousCased = true
                i += w
                continue
            }
            if !lower || info.lower.count == 1 && info.lower[0] == scalar {
                if info.word { put(scalar); chars += 1 } else if chars > 0 { flush() }
            } else {
                for s in info.lower {
                    if pythonInfo(s).word { put(s); chars += 1 } else if chars > 0 { flush() }
                }
            }
            previousCased = info.cased || (info.caseIgnorable && previousCased)
            i += w
        }
        if chars > 0 { flush() }
    }

    // MARK: - Other patterns

    private func scanRegex(_ text: String, _ pattern: RegexTokenPattern, lower: Bool) {
        let t = lower ? Self.pythonLower(text) : text
        for token in pattern.matches(in: t) {
            let utf8 = Array(token.utf8)
            reserve(bytes: utf8.count + 8, tokens: 1)
            (bytes + byteCount).update(from: utf8, count: utf8.count)
            byteCount += utf8.count
            ends[count] = Int32(byteCount); count += 1
        }
    }
}

/// A compiled token pattern other than scikit-learn's default (run by `NSRegularExpression`).
struct RegexTokenPattern: @unchecked Sendable, Hashable {
    let pattern: String
    let regex: NSRegularExpression
    let group: Int

    init(_ pattern: String) throws(VectorizerError) {
        // Python's inline (?u) flag is the default in ICU; drop it.
        var p = pattern
        if p.hasPrefix("(?u)") { p.removeFirst(4) }
        do {
            regex = try NSRegularExpression(pattern: p)
        } catch {
            throw .invalidTokenPattern(pattern, reason: "it does not compile")
        }
        guard regex.numberOfCaptureGroups <= 1 else {
            throw .invalidTokenPattern(pattern, reason: "it has \(regex.numberOfCaptureGroups) capture groups; at most one is allowed")
        }
        self.pattern = pattern
        group = regex.numberOfCaptureGroups
    }

    func matches(in text: String) -> [String] {
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            let r = m.range(at: group)
            return r.location == NSNotFound ? "" : ns.substring(with: r)
        }
    }

    static func == (a: Self, b: Self) -> Bool { a.pattern == b.pattern }
    func hash(into h: inout Hasher) { h.combine(pattern) }
}
