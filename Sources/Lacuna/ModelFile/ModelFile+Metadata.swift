import Foundation

/// The `META` section: everything about a model that is not a large array.
struct ModelFileMetadata: Codable, Equatable {
    /// Element counts the other sections must agree with.
    struct Counts: Codable, Equatable {
        /// Latent dimensions k.
        var dims: Int
        /// Vocabulary size.
        var terms: Int
        /// Fitted records (rows of EMBD).
        var records: Int
        /// Strands.
        var strands: Int
        /// Documents the vectoriser was fitted on.
        var documents: Int
    }

    /// Always "lacuna-lsa-model".
    var format: String
    var formatVersion: UInt32
    var counts: Counts
    var lsaOptions: LSAOptions
    var vectorizerOptions: TfidfVectorizer.Options
    var provenance: ModelProvenance
    /// Tag → what the section holds and how it is encoded.
    var sections: [String: String]

    enum CodingKeys: String, CodingKey {
        case format, counts, provenance, sections
        case formatVersion = "format_version", lsaOptions = "lsa_options", vectorizerOptions = "vectorizer_options"
    }

    static let formatName = "lacuna-lsa-model"

    /// What each section holds, written into the file so it describes itself.
    static let sectionDescriptions: [String: String] = [
        ModelFileFormat.Tag.meta: "this JSON: counts, options, provenance",
        ModelFileFormat.Tag.terms: "vocabulary, string table (UInt64 count, UInt64 ends, UTF-8)",
        ModelFileFormat.Tag.surfaceForms: "surface form per term, string table",
        ModelFileFormat.Tag.idf: "idf per term, float32 little-endian",
        ModelFileFormat.Tag.sigma: "singular values, float32 × dims",
        ModelFileFormat.Tag.loadings: "term loadings V, float32, terms × dims, row-major",
        ModelFileFormat.Tag.recordIDs: "fitted record ids, string table",
        ModelFileFormat.Tag.embeddings: "unit-norm record embeddings, float32, records × dims, row-major",
        ModelFileFormat.Tag.strands: "strands: JSON array of {id, name, members, cohesion}",
        ModelFileFormat.Tag.centroids: "strand centroids, float32, strands × dims, row-major",
    ]
}

/// One strand in the `STRD` section (its centroid lives in `CENT`).
struct ModelFileStrand: Codable, Equatable {
    var id: String
    var name: String?
    var members: [String]
    /// The `Float` cohesion as an exact `Double`, so it reads back bit for bit.
    var cohesion: Double
}

/// JSON coding with sorted keys (byte-stable output).
enum ModelFileJSON {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return Array(try e.encode(value))
        } catch {
            preconditionFailure("model metadata must encode: \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: Data) -> Result<T, DecodingError> {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return .success(try d.decode(type, from: bytes))
        } catch let error as DecodingError {
            return .failure(error)
        } catch {
            return .failure(.dataCorrupted(.init(codingPath: [], debugDescription: "\(error)")))
        }
    }
}

/// Builds the sections of a model.
enum ModelFileEncoder {
    static func sections(of model: LSAModel) -> [ModelFileSection] {
        let v = model.vectorizer
        let meta = ModelFileMetadata(
            format: ModelFileMetadata.formatName, formatVersion: ModelFile.formatVersion,
            counts: .init(dims: model.dimensions, terms: v.terms.count, records: model.recordIDs.count,
                          strands: model.strands.count, documents: v.documentCount),
            lsaOptions: model.options, vectorizerOptions: v.options, provenance: model.provenance,
            sections: ModelFileMetadata.sectionDescriptions)
        let strands = model.strands.map {
            ModelFileStrand(id: $0.id, name: $0.name, members: $0.members, cohesion: Double($0.cohesion))
        }
        var centroids: [Float] = []
        centroids.reserveCapacity(model.strands.count * model.dimensions)
        for s in model.strands {
            precondition(s.centroid.count == model.dimensions,
                         "strand \(s.id) has a \(s.centroid.count)-dimensional centroid; the model has \(model.dimensions)")
            centroids.append(contentsOf: s.centroid)
        }
        typealias Tag = ModelFileFormat.Tag
        return [
            ModelFileSection(tag: Tag.meta, payload: .bytes(ModelFileJSON.encode(meta))),
            ModelFileSection(tag: Tag.terms, payload: .bytes(stringTable(v.terms))),
            ModelFileSection(tag: Tag.surfaceForms, payload: .bytes(stringTable(v.surfaceForms))),
            ModelFileSection(tag: Tag.idf, payload: .floats(v.idf)),
            ModelFileSection(tag: Tag.sigma, payload: .floats(model.singularValues)),
            ModelFileSection(tag: Tag.loadings, payload: .floats(model.termLoadings.values)),
            ModelFileSection(tag: Tag.recordIDs, payload: .bytes(stringTable(model.recordIDs))),
            ModelFileSection(tag: Tag.embeddings, payload: .floats(model.embeddings.values)),
            ModelFileSection(tag: Tag.strands, payload: .bytes(ModelFileJSON.encode(strands))),
            ModelFileSection(tag: Tag.centroids, payload: .floats(centroids)),
        ]
    }

    /// A string table: UInt64 count, UInt64 end offsets, UTF-8 bytes.
    static func stringTable(_ strings: [String]) -> [UInt8] {
        let textBytes = strings.reduce(0) { $0 + $1.utf8.count }
        var out: [UInt8] = []
        out.reserveCapacity(8 * (strings.count + 1) + textBytes)
        out.appendLittleEndian(UInt64(strings.count))
        var end: UInt64 = 0
        for s in strings {
            end += UInt64(s.utf8.count)
            out.appendLittleEndian(end)
        }
        for s in strings { out.append(contentsOf: s.utf8) }
        return out
    }
}
