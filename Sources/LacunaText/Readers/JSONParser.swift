/// A JSON parser (RFC 8259) over validated UTF-8 bytes, producing ``JSONValue``.
///
/// Written for the JSON Lines hot path: no Foundation, strings without escapes become
/// `String`s straight from the bytes, and nesting is limited to ``depthLimit`` levels so
/// hostile input cannot overflow the (small) stack of a Dispatch worker thread.
/// Errors carry the byte offset; callers turn it into a line and column.
///
/// Edge cases: duplicate keys keep the last value; numbers become `Double` (integers up to
/// 2^53 exactly); an unpaired `\u` surrogate escape is an error rather than U+FFFD.
struct JSONParser {
    /// How deep arrays and objects may nest.
    static let depthLimit = 128

    struct Failure: Error {
        var offset: Int
        var expected: String
        var tooDeep = false
    }

    private let p: UnsafeBufferPointer<UInt8>
    private(set) var i: Int
    private let end: Int

    init(_ p: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.p = p
        self.i = range.lowerBound
        self.end = range.upperBound
    }

    /// Parses one value surrounded by optional whitespace, and nothing else.
    mutating func parseDocument() throws(Failure) -> JSONValue {
        skipSpace()
        let v = try parseValue(depth: 0)
        skipSpace()
        if i < end { throw Failure(offset: i, expected: "end of input after the JSON value") }
        return v
    }

    /// Moves to `offset` (within the parser's range).
    mutating func seek(_ offset: Int) { i = offset }

    /// Whether only whitespace remains.
    mutating func atEnd() -> Bool { skipSpace(); return i >= end }

    /// Current offset (after skipping whitespace).
    mutating func offsetOfNextValue() -> Int { skipSpace(); return i }

    @inline(__always) mutating func skipSpace() {
        while i < end {
            let b = p[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { break }
        }
    }

    /// Consumes `byte` (after whitespace) if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        if i < end && p[i] == byte { i += 1; return true }
        return false
    }

    mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard i < end else { throw Failure(offset: i, expected: "a JSON value") }
        switch p[i] {
        case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["):
            guard depth + 1 <= JSONParser.depthLimit else { throw Failure(offset: i, expected: "", tooDeep: true) }
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < end && p[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
                guard i < end else { throw Failure(offset: i, expected: "',' or ']'") }
                if p[i] == UInt8(ascii: ",") { i += 1; continue }
                if p[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw Failure(offset: i, expected: "',' or ']'")
            }
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw Failure(offset: i, expected: "a JSON value")
        }
    }

    /// Parses an object whose `{` is at the current offset.
    mutating func parseObject(depth: Int) throws(Failure) -> [String: JSONValue] {
        guard depth <= JSONParser.depthLimit else { throw Failure(offset: i, expected: "", tooDeep: true) }
        guard i < end, p[i] == UInt8(ascii: "{") else { throw Failure(offset: i, expected: "'{'") }
        i += 1
        var object: [String: JSONValue] = [:]
        skipSpace()
        if i < end && p[i] == UInt8(ascii: "}") { i += 1; return object }
        while true {
            skipSpace()
            guard i < end, p[i] == UInt8(ascii: "\"") else { throw Failure(offset: i, expected: "a string key") }
            let key = try parseString()
            skipSpace()
            guard i < end, p[i] == UInt8(ascii: ":") else { throw Failure(offset: i, expected: "':'") }
            i += 1
            skipSpace()
            object[key] = try parseValue(depth: depth)
            skipSpace()
            guard i < end else { throw Failure(offset: i, expected: "',' or '}'") }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == UInt8(ascii: "}") { i += 1; return object }
            throw Failure(offset: i, expected: "',' or '}'")
        }
    }

    /// Parses a top-level record object (its `{` at the current offset) straight into the
    /// schema's slots: known keys are recognised from their bytes without hashing, and only
    /// the other keys are collected into a dictionary. This is the JSON Lines hot path.
    mutating func parseRecordObject() throws(Failure) -> SchemaFields {
        guard i < end, p[i] == UInt8(ascii: "{") else { throw Failure(offset: i, expected: "'{'") }
        i += 1
        var fields = SchemaFields()
        skipSpace()
        if i < end && p[i] == UInt8(ascii: "}") { i += 1; return fields }
        while true {
            skipSpace()
            guard i < end, p[i] == UInt8(ascii: "\"") else { throw Failure(offset: i, expected: "a string key") }
            let slot = knownKey()
            let key: String? = slot == nil ? try parseString() : nil
            skipSpace()
            guard i < end, p[i] == UInt8(ascii: ":") else { throw Failure(offset: i, expected: "':'") }
            i += 1
            skipSpace()
            let value = try parseValue(depth: 1)
            if let slot { fields[slot] = value } else if let key {
                if key == "abstract_inverted_index" { fields.looksOpenAlex = true }
                fields.extra[key] = value
            }
            skipSpace()
            guard i < end else { throw Failure(offset: i, expected: "',' or '}'") }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == UInt8(ascii: "}") { i += 1; return fields }
            throw Failure(offset: i, expected: "',' or '}'")
        }
    }

    /// If the string key at the current offset is one of the schema's (written without
    /// escapes), consumes it and returns its slot.
    private mutating func knownKey() -> Int? {
        let start = i + 1
        var j = start
        while j < end, j - start <= 8, p[j] != UInt8(ascii: "\"") {
            if p[j] == UInt8(ascii: "\\") { return nil }
            j += 1
        }
        guard j < end, p[j] == UInt8(ascii: "\"") else { return nil }
        let n = j - start
        func equals(_ name: StaticString) -> Bool {
            guard name.utf8CodeUnitCount == n else { return false }
            let w = name.utf8Start
            for k in 0..<n where p[start + k] != w[k] { return false }
            return true
        }
        let slot: Int?
        switch n {
        case 2: slot = equals("id") ? 0 : nil
        case 3: slot = equals("doi") ? 6 : nil
        case 4: slot = equals("year") ? 4 : nil
        case 5: slot = equals("title") ? 1 : equals("venue") ? 5 : equals("grade") ? 9 : nil
        case 6: slot = equals("strand") ? 8 : nil
        case 7: slot = equals("authors") ? 3 : nil
        case 8: slot = equals("abstract") ? 2 : equals("keywords") ? 7 : nil
        default: slot = nil
        }
        if slot != nil { i = j + 1 }
        return slot
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let n = word.utf8CodeUnitCount
        guard i + n <= end else { throw Failure(offset: i, expected: "'\(word)'") }
        let w = word.utf8Start
        for k in 0..<n where p[i + k] != w[k] { throw Failure(offset: i, expected: "'\(word)'") }
        i += n
    }

    private mutating func parseNumber() throws(Failure) -> Double {
        let start = i
        var negative = false
        if p[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard i < end, isASCIIDigit(p[i]) else { throw Failure(offset: i, expected: "a digit") }
        var integer: UInt64 = 0
        var digits = 0
        if p[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < end, isASCIIDigit(p[i]) {
                integer = integer &* 10 &+ UInt64(p[i] - 0x30)
                digits += 1
                i += 1
            }
        }
        var simple = digits <= 15
        if i < end, p[i] == UInt8(ascii: ".") {
            simple = false
            i += 1
            guard i < end, isASCIIDigit(p[i]) else { throw Failure(offset: i, expected: "a digit after '.'") }
            while i < end, isASCIIDigit(p[i]) { i += 1 }
        }
        if i < end, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            simple = false
            i += 1
            if i < end, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < end, isASCIIDigit(p[i]) else { throw Failure(offset: i, expected: "a digit in the exponent") }
            while i < end, isASCIIDigit(p[i]) { i += 1 }
        }
        if simple { return negative ? -Double(integer) : Double(integer) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw Failure(offset: start, expected: "a finite number") }
        return d
    }

    /// Parses a string whose opening quote is at the current offset.
    mutating func parseString() throws(Failure) -> String {
        let open = i
        i += 1
        let start = i
        // Fast path: no escapes. Skip eight bytes at a time while none of them is '"', '\\'
        // or a control character (SWAR: a zero byte in w ^ pattern marks a match).
        if let base = UnsafeRawPointer(p.baseAddress) {
            while i + 8 <= end {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let q = w ^ 0x2222_2222_2222_2222
                let bs = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                let hit = ((q &- ones) & ~q) | ((bs &- ones) & ~bs) | ((w &- 0x2020_2020_2020_2020) & ~w)
                if hit & highs != 0 { break }
                i += 8
            }
        }
        while i < end {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw Failure(offset: i, expected: "no control character inside a string (escape it)") }
            i += 1
        }
        guard i < end else { throw Failure(offset: open, expected: "a closing '\"' for the string that starts here") }
        var out = [UInt8](UnsafeBufferPointer(rebasing: p[start..<i]))
        while i < end {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw Failure(offset: i, expected: "no control character inside a string (escape it)") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < end else { break }
            let e = p[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var u = try hex4()
                if (0xD800...0xDBFF).contains(u) {
                    guard i + 1 < end, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") else {
                        throw Failure(offset: i - 6, expected: "a low surrogate '\\uDC00'…'\\uDFFF' after this high surrogate")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw Failure(offset: i - 6, expected: "a low surrogate '\\uDC00'…'\\uDFFF'")
                    }
                    u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(u) {
                    throw Failure(offset: i - 6, expected: "a high surrogate before this low surrogate")
                }
                if u == 0 { throw Failure(offset: i - 6, expected: "no NUL character (\\u0000)") }
                appendUTF8(u, to: &out)
            default:
                throw Failure(offset: i - 2, expected: "a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
            }
        }
        throw Failure(offset: open, expected: "a closing '\"' for the string that starts here")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 <= end else { throw Failure(offset: i, expected: "four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = p[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw Failure(offset: i, expected: "a hex digit")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}

extension JSONParser.Failure {
    /// The reader error at this failure's offset, located with a document's line index.
    func error(_ index: LineIndex) -> RecordParseError {
        let loc = index.location(offset)
        if tooDeep { return .nestingTooDeep(loc, limit: JSONParser.depthLimit) }
        return .syntax(loc, expected: expected, found: index.snippet(at: offset))
    }

    /// The reader error at this failure's offset, for a single line of `bytes` that starts at
    /// `lineStart` and is line `line` of `file`.
    func error(_ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, lineEnd: Int, line: Int, file: String) -> RecordParseError {
        var column = 1
        var k = lineStart
        while k < offset && k < bytes.count { if bytes[k] & 0xC0 != 0x80 { column += 1 }; k += 1 }
        let loc = SourceLocation(file: file, line: line, column: column)
        if tooDeep { return .nestingTooDeep(loc, limit: JSONParser.depthLimit) }
        let stop = max(offset, min(lineEnd, bytes.count))
        return .syntax(loc, expected: expected, found: quoted(UnsafeBufferPointer(rebasing: bytes[min(offset, stop)..<stop]), limit: 12))
    }
}
