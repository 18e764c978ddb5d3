import Foundation

/// A mapped model file whose structure and checksums have been verified.
///
/// `init` does every check that needs no decoding (magic, version, byte order, header CRC,
/// bounds, zero gaps, section CRCs); ``model()`` and ``info()`` then check the counts against
/// the section sizes before decoding. All pointer work happens in `withUnsafeBytes` scopes of
/// the mapped `Data` after the range in question was bounds-checked.
struct ModelFileReader {
    typealias Tag = ModelFileFormat.Tag

    let path: String
    /// The mapped file.
    let data: Data
    /// Format version from the header.
    let version: UInt32
    /// The section table, verified.
    let entries: [ModelFileSectionEntry]

    /// Maps `path` and verifies its structure and every checksum.
    init(path: String) throws(ModelFileError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .cannotRead(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .cannotRead(path: path, reason: "it is a folder") }
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            let reason = (error as? CocoaError).flatMap { ($0.userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription }
                ?? error.localizedDescription
            throw .cannotRead(path: path, reason: reason)
        }
        let result = data.withUnsafeBytes { raw in
            Result { () throws(ModelFileError) in try Self.verify(raw, path: path) }
        }
        (version, entries) = try result.get()
    }

    // MARK: - Structure

    private static func verify(_ raw: UnsafeRawBufferPointer, path: String) throws(ModelFileError) -> (UInt32, [ModelFileSectionEntry]) {
        let n = raw.count
        let magic = ModelFileFormat.magic
        if n < magic.count {
            if n == 0 { throw .truncated(path: path, detail: "the file is empty") }
            if Array(raw) == Array(magic[0..<n]) {
                throw .truncated(path: path, detail: "the header needs bytes 0..<\(ModelFileFormat.headerSize) but the file has \(n) bytes")
            }
            throw .notAModelFile(path: path, hint: foreignHint(raw))
        }
        guard Array(raw[0..<magic.count]) == magic else { throw .notAModelFile(path: path, hint: foreignHint(raw)) }
        guard n >= ModelFileFormat.headerSize else {
            throw .truncated(path: path, detail: "the header needs bytes 0..<\(ModelFileFormat.headerSize) but the file has \(n) bytes")
        }
        let version = raw.littleEndian(UInt32.self, at: 8)
        if version > ModelFile.formatVersion {
            throw .newerVersion(path: path, found: version, supported: ModelFile.formatVersion)
        }
        guard version >= 1 else { throw .corrupt(path: path, detail: "the header gives format version 0") }
        let mark = raw.littleEndian(UInt32.self, at: 12)
        if mark == ModelFileFormat.byteOrderMark.byteSwapped { throw .byteOrder(path: path) }
        guard mark == ModelFileFormat.byteOrderMark else {
            throw .corrupt(path: path, detail: "the byte-order mark is 0x\(hex(mark)), not 0x01020304")
        }
        let count = Int(raw.littleEndian(UInt32.self, at: 16))
        guard count <= ModelFileFormat.maxSections else {
            throw .corrupt(path: path, detail: "the header declares \(count) sections (at most \(ModelFileFormat.maxSections))")
        }
        let tableEnd = ModelFileFormat.headerSize + ModelFileFormat.entrySize * count
        guard n >= tableEnd else {
            throw .truncated(path: path, detail: "the section table needs bytes \(ModelFileFormat.headerSize)..<\(tableEnd) but the file has \(n) bytes")
        }
        let stored = raw.littleEndian(UInt32.self, at: 20)
        let computed = ModelFileLayout.headerChecksum(UnsafeRawBufferPointer(rebasing: raw[0..<tableEnd]))
        guard stored == computed else {
            throw .corrupt(path: path, detail: "the header's CRC-32 is 0x\(hex(computed)) but 0x\(hex(stored)) is recorded")
        }
        let declaredLength = raw.littleEndian(UInt64.self, at: 24)

        var entries: [ModelFileSectionEntry] = []
        var seen = Set<String>()
        var previousEnd = UInt64(tableEnd)
        var gaps: [(UInt64, UInt64)] = []
        for i in 0..<count {
            let at = ModelFileFormat.headerSize + ModelFileFormat.entrySize * i
            let tag = String(decoding: raw[at..<(at + 4)], as: UTF8.self)
            let entry = ModelFileSectionEntry(tag: tag, crc32: raw.littleEndian(UInt32.self, at: at + 4),
                                              offset: raw.littleEndian(UInt64.self, at: at + 8),
                                              length: raw.littleEndian(UInt64.self, at: at + 16))
            guard raw[at..<(at + 4)].allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
                throw .corrupt(path: path, detail: "section \(i) has a tag that is not ASCII")
            }
            guard seen.insert(tag).inserted else { throw .corrupt(path: path, detail: "section \(tag) appears twice") }
            let (end, overflow) = entry.offset.addingReportingOverflow(entry.length)
            guard !overflow, end <= UInt64(Int.max) else {
                throw .corrupt(path: path, detail: "section \(tag) has an impossible length \(entry.length) at offset \(entry.offset)")
            }
            guard entry.offset % UInt64(ModelFileFormat.alignment) == 0, entry.offset >= previousEnd else {
                throw .corrupt(path: path, detail: "section \(tag) at offset \(entry.offset) is misaligned or overlaps the previous part")
            }
            if end > UInt64(n) {
                throw .truncated(path: path, detail: "section \(tag) needs bytes \(entry.offset)..<\(end) but the file has \(n) bytes")
            }
            gaps.append((previousEnd, entry.offset))
            previousEnd = end
            entries.append(entry)
        }
        if declaredLength > UInt64(n) {
            throw .truncated(path: path, detail: "the header records \(declaredLength) bytes but the file has \(n) bytes")
        }
        if declaredLength < UInt64(n) {
            throw .corrupt(path: path, detail: "\(UInt64(n) - declaredLength) bytes follow the end the header records (\(declaredLength))")
        }
        guard declaredLength == UInt64(ModelFileFormat.aligned(Int(previousEnd))) else {
            throw .corrupt(path: path, detail: "the header records \(declaredLength) bytes but the sections end at \(previousEnd)")
        }
        gaps.append((previousEnd, declaredLength))
        for (from, to) in gaps where from < to {
            if let k = raw[Int(from)..<Int(to)].firstIndex(where: { $0 != 0 }) {
                throw .corrupt(path: path, detail: "byte \(k) lies between sections and is not zero")
            }
        }
        var failed: [String] = []
        for e in entries {
            let range = Int(e.offset)..<Int(e.offset + e.length)
            if CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[range])) != e.crc32 { failed.append(e.tag) }
        }
        guard failed.isEmpty else { throw .checksumMismatch(path: path, sections: failed) }
        return (version, entries)
    }

    /// What a file that is not a model looks like, for the error.
    private static func foreignHint(_ raw: UnsafeRawBufferPointer) -> String {
        let head = Array(raw.prefix(16))
        if head.starts(with: [0x1F, 0x8B]) { return "it is gzip-compressed" }
        if let first = head.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }),
           first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return "it looks like JSON; a gap profile goes to --profile, records to the FILE arguments"
        }
        if head.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { return "it is an ELF executable" }
        let shown = head.prefix(8).map { hex($0) }.joined(separator: " ")
        return "it starts with bytes \(shown), not the model magic 4c 41 43 55 4e 41 00 4d (\"LACUNA\\0M\")"
    }

    // MARK: - Sections

    /// The entry of a required section.
    func entry(_ tag: String) throws(ModelFileError) -> ModelFileSectionEntry {
        guard let e = entries.first(where: { $0.tag == tag }) else {
            throw .corrupt(path: path, detail: "the required section \(tag) is missing")
        }
        return e
    }

    /// Bytes of a small section, copied (JSON sections).
    func bytes(_ tag: String) throws(ModelFileError) -> Data {
        let e = try entry(tag)
        return data.subdata(in: Int(e.offset)..<Int(e.offset + e.length))
    }

    /// The decoded `META` section, checked for its format name and version.
    func metadata() throws(ModelFileError) -> ModelFileMetadata {
        let meta: ModelFileMetadata
        switch ModelFileJSON.decode(ModelFileMetadata.self, from: try bytes(Tag.meta)) {
        case .success(let m): meta = m
        case .failure(let e): throw .corrupt(path: path, detail: "section META is not valid model metadata (\(Self.describe(e)))")
        }
        guard meta.format == ModelFileMetadata.formatName else {
            throw .corrupt(path: path, detail: "section META names the format '\(meta.format)', not '\(ModelFileMetadata.formatName)'")
        }
        guard meta.formatVersion == version else {
            throw .corrupt(path: path, detail: "section META gives format version \(meta.formatVersion) but the header \(version)")
        }
        let c = meta.counts
        guard c.dims >= 1, c.terms >= 0, c.records >= 0, c.strands >= 0, c.documents >= 0 else {
            throw .corrupt(path: path, detail: "section META has impossible counts (dims \(c.dims), terms \(c.terms), records \(c.records), strands \(c.strands))")
        }
        guard meta.lsaOptions.dimensions == c.dims else {
            throw .corrupt(path: path, detail: "section META gives \(c.dims) dims but its LSA options \(meta.lsaOptions.dimensions.map(String.init) ?? "none")")
        }
        return meta
    }

    /// Checks that every section's size agrees with the counts in `meta`.
    func checkShapes(_ meta: ModelFileMetadata) throws(ModelFileError) {
        let c = meta.counts
        try checkFloats(Tag.idf, c.terms, 1, "terms")
        try checkFloats(Tag.sigma, c.dims, 1, "dims")
        try checkFloats(Tag.loadings, c.terms, c.dims, "terms × dims")
        try checkFloats(Tag.embeddings, c.records, c.dims, "records × dims")
        try checkFloats(Tag.centroids, c.strands, c.dims, "strands × dims")
        for (tag, count, what) in [(Tag.terms, c.terms, "terms"), (Tag.surfaceForms, c.terms, "terms"), (Tag.recordIDs, c.records, "records")] {
            let e = try entry(tag)
            guard e.length >= 8 else { throw .corrupt(path: path, detail: "section \(tag) is too short for a string table") }
            let stored = data.withUnsafeBytes { $0.littleEndian(UInt64.self, at: Int(e.offset)) }
            guard stored == UInt64(count) else {
                throw .corrupt(path: path, detail: "section \(tag) holds \(stored) strings but META counts \(count) \(what)")
            }
        }
        _ = try entry(Tag.strands)
    }

    private func checkFloats(_ tag: String, _ a: Int, _ b: Int, _ what: String) throws(ModelFileError) {
        let e = try entry(tag)
        let (ab, o1) = a.multipliedReportingOverflow(by: b)
        let (bytes, o2) = ab.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        guard !o1, !o2, UInt64(bytes) == e.length else {
            throw .corrupt(path: path, detail: "section \(tag) holds \(e.length) bytes but META's \(what) (\(a) × \(b)) need \(o1 || o2 ? "more than fit" : String(bytes))")
        }
    }

    /// A float32 section, copied once in bulk into an array (length already checked by ``checkShapes(_:)``).
    func floats(_ tag: String) throws(ModelFileError) -> [Float] {
        let e = try entry(tag)
        let count = Int(e.length) / MemoryLayout<Float>.size
        return data.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 {
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(
                        from: UnsafeRawBufferPointer(rebasing: raw[Int(e.offset)..<Int(e.offset + e.length)]))
                }
                #if _endian(big)
                for i in 0..<count { buffer[i] = Float(bitPattern: UInt32(littleEndian: buffer[i].bitPattern)) }
                #endif
                initialized = count
            }
        }
    }

    /// A string-table section, decoded and checked (monotone ends, valid UTF-8, no stray bytes).
    func strings(_ tag: String) throws(ModelFileError) -> [String] {
        let e = try entry(tag)
        let result = data.withUnsafeBytes { whole in
            Result { () throws(ModelFileError) -> [String] in
                let raw = UnsafeRawBufferPointer(rebasing: whole[Int(e.offset)..<Int(e.offset + e.length)])
                guard raw.count >= 8 else {
                    throw .corrupt(path: path, detail: "section \(tag) is too short for a string table")
                }
                let count = raw.littleEndian(UInt64.self, at: 0)
                guard count <= UInt64(raw.count - 8) / 8 else {
                    throw .corrupt(path: path, detail: "section \(tag) declares \(count) strings, more than its \(raw.count) bytes hold")
                }
                let c = Int(count)
                let textStart = 8 + 8 * c
                let textLength = raw.count - textStart
                var strings: [String] = []
                strings.reserveCapacity(c)
                var start = 0
                for i in 0..<c {
                    let end = raw.littleEndian(UInt64.self, at: 8 + 8 * i)
                    guard end >= UInt64(start), end <= UInt64(textLength) else {
                        throw .corrupt(path: path, detail: "section \(tag): string \(i) ends at \(end), outside \(start)...\(textLength)")
                    }
                    let bytes = UnsafeRawBufferPointer(rebasing: raw[(textStart + start)..<(textStart + Int(end))])
                    guard let s = String(validating: bytes, as: UTF8.self) else {
                        throw .corrupt(path: path, detail: "section \(tag): string \(i) is not valid UTF-8")
                    }
                    strings.append(s)
                    start = Int(end)
                }
                guard start == textLength else {
                    throw .corrupt(path: path, detail: "section \(tag) has \(textLength - start) bytes after its last string")
                }
                return strings
            }
        }
        return try result.get()
    }

    /// The decoded `STRD` section.
    func strandRecords(count: Int) throws(ModelFileError) -> [ModelFileStrand] {
        switch ModelFileJSON.decode([ModelFileStrand].self, from: try bytes(Tag.strands)) {
        case .success(let s):
            guard s.count == count else {
                throw .corrupt(path: path, detail: "section STRD holds \(s.count) strands but META counts \(count)")
            }
            return s
        case .failure(let e):
            throw .corrupt(path: path, detail: "section STRD is not a valid strand list (\(Self.describe(e)))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
            let at = c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return (at.isEmpty ? "" : "at \(at): ") + c.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}

func hex<T: FixedWidthInteger>(_ v: T) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: max(0, MemoryLayout<T>.size * 2 - s.count)) + s
}

extension UnsafeRawBufferPointer {
    /// The little-endian integer at byte `offset` (unaligned load; bounds checked by callers).
    func littleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= count, "read of \(T.self) at \(offset) outside 0..<\(count)")
        return T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
