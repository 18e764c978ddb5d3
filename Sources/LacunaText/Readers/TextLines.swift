/// The lines of a byte buffer with their 1-based numbers, split on LF with a trailing CR removed
/// (CRLF files read like LF files). A final line without LF is included; an empty trailing
/// segment after the last LF is not.
struct TextLines: Sequence, IteratorProtocol {
    private let text: [UInt8]
    private var start = 0
    private var number = 0

    init(_ text: [UInt8]) { self.text = text }

    mutating func next() -> (number: Int, line: ArraySlice<UInt8>)? {
        guard start < text.count else { return nil }
        var end = start
        while end < text.count, text[end] != 0x0A { end += 1 }
        number += 1
        var stop = end
        if stop > start, text[stop - 1] == 0x0D { stop -= 1 }
        defer { start = end + 1 }
        return (number, text[start..<stop])
    }
}
