/// Where a piece of input came from: a file name (as given on the command line, `<stdin>`
/// for standard input), a 1-based line, and optionally a 1-based column counted in
/// Unicode scalars from the start of the line.
///
/// Its `description` is the familiar `refs.bib:42:7` (or `refs.bib:42` without a column,
/// or just `refs.bib` when the line is unknown, i.e. 0).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file name as the user gave it.
    public var file: String
    /// 1-based line number; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column in Unicode scalars, when it helps.
    public var column: Int?

    /// A location in `file` at `line` (and `column`).
    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, `file:line` or `file`.
    public var description: String {
        guard line > 0 else { return file }
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }
}

/// Maps byte offsets in a UTF-8 document to line and column numbers.
///
/// - Complexity: O(n) to build (one pass for newlines); O(log lines + column) per lookup.
struct LineIndex {
    /// Byte offset of the first byte of every line.
    private var starts: [Int] = [0]
    private let bytes: [UInt8]
    let file: String
    /// Lines before the document (for chunks of a longer stream).
    let lineOffset: Int

    init(_ bytes: [UInt8], file: String, lineOffset: Int = 0) {
        self.bytes = bytes
        self.file = file
        self.lineOffset = lineOffset
        bytes.withUnsafeBufferPointer { p in
            for i in 0..<p.count where p[i] == 0x0A { starts.append(i + 1) }
        }
    }

    /// The location of the byte at `offset` (clamped to the document).
    func location(_ offset: Int, column wantColumn: Bool = true) -> SourceLocation {
        let offset = max(0, min(offset, bytes.count))
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        guard wantColumn else { return SourceLocation(file: file, line: lineOffset + lo + 1) }
        var column = 1
        var i = starts[lo]
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(file: file, line: lineOffset + lo + 1, column: column)
    }

    /// The input at `offset` (a few characters, quoted) for "found …" in messages.
    func snippet(at offset: Int, limit: Int = 12) -> String {
        guard offset < bytes.count else { return "end of input" }
        var stop = offset
        while stop < bytes.count, stop - offset < limit * 4, bytes[stop] != 0x0A { stop += 1 }
        if stop == offset { return "end of line" }
        // Do not cut a multi-byte character.
        while stop < bytes.count, bytes[stop] & 0xC0 == 0x80 { stop += 1 }
        return quoted(bytes[offset..<stop], limit: limit * 4)
    }

    /// The 1-based line of the byte at `offset`.
    func line(_ offset: Int) -> Int { location(offset, column: false).line }
}
