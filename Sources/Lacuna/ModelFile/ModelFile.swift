import Foundation

/// Reads, writes and inspects Lacuna model files (`.lacuna`).
///
/// A model file is a read-only artifact: written once, atomically, and then mapped by every
/// reader (a `lacuna rank` worker over a shard never needs a writer). It is versioned and
/// self-describing, little-endian throughout.
///
/// **Layout (format 1).**
///
/// | bytes | field |
/// |---|---|
/// | 0..<8 | magic `"LACUNA\0M"` |
/// | 8..<12 | format version, UInt32 (1) |
/// | 12..<16 | byte-order mark, UInt32 `0x01020304` |
/// | 16..<20 | section count n, UInt32 (at most 64) |
/// | 20..<24 | header CRC-32 over bytes 0..<20, 24..<32 and the section table |
/// | 24..<32 | file length in bytes, UInt64 |
/// | 32..<32+24n | section table: per section a 4-byte ASCII tag, its CRC-32 (UInt32), offset and length (UInt64 each) |
///
/// Sections start on 64-byte boundaries, in table order, without overlap; the bytes between
/// them are zero and the file ends at the last section rounded up to 64 bytes. Sections:
///
/// | tag | content |
/// |---|---|
/// | `META` | JSON, sorted keys: format, counts, LSA and vectoriser options, provenance (Lacuna version, BLAS core and thread count, SVD passes, matrix energy), a description of every section |
/// | `TERM` | the vocabulary, a string table |
/// | `SURF` | the surface form of each term, a string table |
/// | `IDF ` | idf per term, float32 |
/// | `SIGM` | singular values, float32 × k |
/// | `VLOD` | term loadings V, float32, terms × k row-major |
/// | `RIDS` | fitted record ids, a string table |
/// | `EMBD` | record embeddings, float32, records × k row-major |
/// | `STRD` | strands as JSON (id, name, members, cohesion), sorted keys |
/// | `CENT` | strand centroids, float32, strands × k row-major |
///
/// A string table is a UInt64 count c, then c UInt64 end offsets (non-decreasing), then the
/// UTF-8 bytes of the strings back to back. Floats inside JSON are written as the exact
/// `Double` value of the `Float`, so they read back bit for bit.
///
/// **Determinism.** No timestamps, paths or host names go into the file, and every JSON part
/// has sorted keys: the same model gives the same bytes, so the same input, options and seed
/// give a byte-identical file (the BLAS core is recorded, so a refit on another core kind that
/// differs can be explained).
///
/// **Validation.** Reading checks the magic, the version (a newer one gets its own error), the
/// byte order, the header CRC, every offset and length against the file size, the zero gaps,
/// every section's CRC-32, then that the counts in `META` agree with every section's size,
/// before anything is built. Truncating a file or changing any byte of it gives a
/// ``ModelFileError``, never a trap.
///
/// **Copies.** The file is mapped (`Data(contentsOf:options: .alwaysMapped)`); checksums are
/// computed on the mapping. ``LSAModel`` stores `[Float]` arrays, so each float section (VLOD,
/// EMBD, IDF, SIGM, CENT) is copied once, in bulk, from the mapping into its array; strings are
/// decoded into `String`s. No other copy of the file is made. A truly zero-copy view would need
/// a `DenseMatrix` backed by the mapping; the 64-byte alignment of the sections is kept so one
/// can be added without changing the format.
///
/// Do not modify a model file in place while a reader maps it (writes go through a temporary
/// file and `rename`, so `lacuna fit --out` never does).
public enum ModelFile {
    /// The format version this build writes and the newest it reads.
    public static let formatVersion: UInt32 = 1

    /// Writes `model` to `path` atomically (temporary file, `fsync`, `rename`): the destination
    /// is either the complete new file or left as it was.
    /// - Throws: ``ModelFileError/cannotWrite(path:reason:)``.
    /// - Complexity: O(file size): one CRC pass over every section, then one sequential write.
    public static func write(_ model: LSAModel, to path: String) throws(ModelFileError) {
        let sections = ModelFileEncoder.sections(of: model)
        let layout = ModelFileLayout(sections: sections)
        let writer: AtomicFileWriter
        do {
            writer = try AtomicFileWriter(path: path)
        } catch {
            throw .cannotWrite(path: path, reason: Self.reason(error))
        }
        do {
            try layout.write(sections, to: writer.sink)
            try writer.commit()
        } catch {
            writer.abandon()
            throw .cannotWrite(path: path, reason: Self.reason(error))
        }
    }

    /// Reads and fully verifies the model at `path`.
    /// - Throws: ``ModelFileError`` naming the path and what is wrong (missing, foreign, truncated,
    ///   newer format, checksum, inconsistent counts).
    /// - Complexity: O(file size): one CRC pass, one bulk copy per float section, one decode of
    ///   the string tables, and a hash table of terms and ids.
    public static func read(_ path: String) throws(ModelFileError) -> LSAModel {
        let file = try ModelFileReader(path: path)
        return try file.model()
    }

    /// Verifies every checksum of the model at `path` and returns what `lacuna info` shows,
    /// decoding only the small sections (META, SIGM, STRD).
    /// - Throws: ``ModelFileError`` as ``read(_:)``.
    /// - Complexity: O(file size) for the checksums; no large section is copied.
    public static func inspect(_ path: String) throws(ModelFileError) -> ModelFileInfo {
        let file = try ModelFileReader(path: path)
        return try file.info()
    }

    private static func reason(_ error: OutputError) -> String {
        switch error {
        case let .cannotWrite(_, reason): return reason
        case .brokenPipe: return "broken pipe"
        }
    }
}
