/// Why a model file (or a gap profile) could not be found, read, trusted or written.
///
/// Every case carries the path; ``description`` says what is wrong and what to do next, e.g.
/// "model.lacuna: truncated: section EMBD needs bytes 4096..<80000 but the file has 50000 bytes;
/// refit with `lacuna fit`." Reading never traps on bad bytes: any truncation, flipped byte,
/// foreign file or newer format ends in one of these cases.
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or mapped (missing, a folder, no permission).
    case cannotRead(path: String, reason: String)
    /// The file does not start with the model magic; `hint` says what it looks like instead.
    case notAModelFile(path: String, hint: String)
    /// The file ends before a part the header announces.
    case truncated(path: String, detail: String)
    /// The file was written in a newer format than this build reads.
    case newerVersion(path: String, found: UInt32, supported: UInt32)
    /// The byte-order mark is wrong: the file was written on a machine of the other endianness.
    case byteOrder(path: String)
    /// One or more sections fail their CRC-32 check (tags in file order).
    case checksumMismatch(path: String, sections: [String])
    /// The bytes are inconsistent in another way (header checksum, overlapping sections,
    /// counts that disagree, invalid UTF-8 or JSON); `detail` says where.
    case corrupt(path: String, detail: String)
    /// The model could not be written.
    case cannotWrite(path: String, reason: String)
    /// No model was given and none was found where ``ModelLocator`` looks.
    case noModel(searched: [String])
    /// No gap profile was given and none was found where ``ModelLocator`` looks.
    case noProfile(searched: [String])

    private static let refit = "refit with `lacuna fit FILE... --out MODEL`"

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            return "\(path): cannot read the model: \(reason)."
        case let .notAModelFile(path, hint):
            return "\(path): not a Lacuna model file (\(hint)); make one with `lacuna fit FILE... --out MODEL`."
        case let .truncated(path, detail):
            return "\(path): truncated: \(detail); \(Self.refit)."
        case let .newerVersion(path, found, supported):
            return "\(path): model format \(found) is newer than this Lacuna reads (format \(supported)); "
                + "upgrade Lacuna or \(Self.refit)."
        case .byteOrder(let path):
            return "\(path): written on a machine with the other byte order; \(Self.refit) on this machine."
        case let .checksumMismatch(path, sections):
            let list = sections.joined(separator: ", ")
            let what = sections.count == 1 ? "section \(list) fails its" : "sections \(list) fail their"
            return "\(path): corrupt: \(what) CRC-32 check; \(Self.refit)."
        case let .corrupt(path, detail):
            return "\(path): corrupt: \(detail); \(Self.refit)."
        case let .cannotWrite(path, reason):
            return "\(path): cannot write the model: \(reason)."
        case .noModel(let searched):
            return "no model given and no bundled model found (looked for "
                + (searched.isEmpty ? "nothing" : searched.joined(separator: ", "))
                + "); pass --model MODEL, set LACUNA_MODEL, or make one with `lacuna fit FILE... --out MODEL`."
        case .noProfile(let searched):
            return "no gap profile given and no bundled profile found (looked for "
                + (searched.isEmpty ? "nothing" : searched.joined(separator: ", "))
                + "); pass --profile PROFILE or set LACUNA_PROFILE (see Models/alliance-military-gap.json for the format)."
        }
    }
}
