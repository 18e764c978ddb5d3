import Foundation

/// Constants of the model file format (see ``ModelFile`` for the layout).
enum ModelFileFormat {
    /// `"LACUNA\0M"`.
    static let magic: [UInt8] = Array("LACUNA".utf8) + [0, UInt8(ascii: "M")]
    /// Byte-order mark as written by a little-endian writer.
    static let byteOrderMark: UInt32 = 0x0102_0304
    /// Size of the fixed header.
    static let headerSize = 32
    /// Size of one section-table entry.
    static let entrySize = 24
    /// Alignment of every section's offset.
    static let alignment = 64
    /// Most sections a file may declare (a bound for corrupt counts).
    static let maxSections = 64

    /// Section tags, in the order the writer emits them.
    enum Tag {
        static let meta = "META", terms = "TERM", surfaceForms = "SURF", idf = "IDF ", sigma = "SIGM"
        static let loadings = "VLOD", recordIDs = "RIDS", embeddings = "EMBD", strands = "STRD"
        static let centroids = "CENT"
    }

    /// `n` rounded up to the alignment.
    static func aligned(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }
}

/// The bytes of one section, referenced (not copied) from the model where they already exist.
struct ModelFileSection {
    enum Payload {
        case bytes([UInt8])
        case floats([Float])
    }

    /// Four-byte ASCII tag.
    var tag: String
    var payload: Payload

    /// Length in bytes.
    var length: Int {
        switch payload {
        case .bytes(let b): return b.count
        case .floats(let f): return f.count * MemoryLayout<Float>.size
        }
    }

    /// Calls `body` with the little-endian bytes of the payload.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch payload {
        case .bytes(let b):
            return b.withUnsafeBytes(body)
        case .floats(let f):
            #if _endian(big)
            let le = f.map { $0.bitPattern.littleEndian }
            return le.withUnsafeBytes(body)
            #else
            return f.withUnsafeBytes(body)
            #endif
        }
    }

    /// CRC-32 of the payload.
    var crc32: UInt32 {
        withBytes { CRC32.checksum($0) }
    }
}

/// One entry of the section table as read from a file.
struct ModelFileSectionEntry: Sendable, Hashable {
    var tag: String
    var crc32: UInt32
    var offset: UInt64
    var length: UInt64
}

/// Offsets and checksums of a set of sections, and the header and table that describe them.
struct ModelFileLayout {
    var entries: [ModelFileSectionEntry]
    var fileLength: Int
    var header: [UInt8]

    init(sections: [ModelFileSection]) {
        precondition(sections.count <= ModelFileFormat.maxSections, "too many model file sections")
        var offset = ModelFileFormat.aligned(ModelFileFormat.headerSize + ModelFileFormat.entrySize * sections.count)
        var entries: [ModelFileSectionEntry] = []
        for s in sections {
            precondition(s.tag.utf8.count == 4, "section tag '\(s.tag)' must be 4 bytes")
            entries.append(ModelFileSectionEntry(tag: s.tag, crc32: s.crc32, offset: UInt64(offset), length: UInt64(s.length)))
            offset = ModelFileFormat.aligned(offset + s.length)
        }
        self.entries = entries
        self.fileLength = offset
        var h: [UInt8] = ModelFileFormat.magic
        h.appendLittleEndian(ModelFile.formatVersion)
        h.appendLittleEndian(ModelFileFormat.byteOrderMark)
        h.appendLittleEndian(UInt32(sections.count))
        h.appendLittleEndian(UInt32(0))  // header CRC, filled below
        h.appendLittleEndian(UInt64(offset))
        for e in entries {
            h.append(contentsOf: e.tag.utf8)
            h.appendLittleEndian(e.crc32)
            h.appendLittleEndian(e.offset)
            h.appendLittleEndian(e.length)
        }
        let crc = Self.headerChecksum(h)
        Swift.withUnsafeBytes(of: crc.littleEndian) { h.replaceSubrange(20..<24, with: $0) }
        self.header = h
    }

    /// CRC-32 of a header-and-table buffer, skipping the checksum field at 20..<24.
    static func headerChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let first = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<20]))
        return CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[24...]), continuing: first)
    }

    static func headerChecksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { headerChecksum($0) }
    }

    /// Writes the header, table, sections and zero padding to `sink`, in pieces of at most 1 MiB
    /// so a large section is never duplicated in the sink's buffer.
    func write(_ sections: [ModelFileSection], to sink: ByteSink) throws(OutputError) {
        var position = 0
        try sink.write(bytes: header)
        position += header.count
        let zeros = [UInt8](repeating: 0, count: ModelFileFormat.alignment)
        for (s, e) in zip(sections, entries) {
            let pad = Int(e.offset) - position
            try sink.write(bytes: zeros[0..<pad])
            let written = s.withBytes { raw in
                Result { () throws(OutputError) in
                    var start = 0
                    while start < raw.count {
                        let end = min(raw.count, start + (1 << 20))
                        try sink.write(bytes: UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                        start = end
                    }
                }
            }
            try written.get()
            position = Int(e.offset) + s.length
        }
        try sink.write(bytes: zeros[0..<(fileLength - position)])
    }
}

extension [UInt8] {
    /// Appends the little-endian bytes of an integer.
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ v: T) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }
}
