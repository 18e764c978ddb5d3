/// An error in the input of a reader: where it is, and what was expected.
///
/// Every case but ``cannotRead(file:reason:)`` and ``unknownFormat(file:reason:)`` carries
/// a ``SourceLocation``. `description` puts the location first, as compilers do:
/// `refs.bib:42:7: unterminated brace in field 'title'`. The wording without the location
/// is ``message``.
public enum RecordParseError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file could not be opened or read (missing, a folder, permissions).
    case cannotRead(file: String, reason: String)
    /// The format could not be told from the file name or its content.
    case unknownFormat(file: String, reason: String)
    /// Bytes that are not valid text in the detected encoding (invalid UTF-8, NUL bytes, …).
    case invalidEncoding(SourceLocation, detail: String)
    /// A gzip stream that is corrupt or truncated.
    case corruptCompressedData(SourceLocation, detail: String)
    /// Something other than what the grammar allows here.
    case syntax(SourceLocation, expected: String, found: String)
    /// A brace, quote or record that opened at the location and never closed.
    case unterminated(SourceLocation, what: String)
    /// JSON nested deeper than the reader's limit.
    case nestingTooDeep(SourceLocation, limit: Int)
    /// A required field (`title`) is missing or empty in the record that starts here.
    case missingField(SourceLocation, field: String)
    /// A field holds a value of the wrong kind.
    case invalidField(SourceLocation, field: String, expected: String, found: String)
    /// A BibTeX `@string` macro that was never defined.
    case undefinedMacro(SourceLocation, name: String, field: String)

    /// The location, when the error has one.
    public var location: SourceLocation? {
        switch self {
        case .cannotRead, .unknownFormat: return nil
        case let .invalidEncoding(l, _), let .corruptCompressedData(l, _), let .syntax(l, _, _),
             let .unterminated(l, _), let .nestingTooDeep(l, _), let .missingField(l, _),
             let .invalidField(l, _, _, _), let .undefinedMacro(l, _, _):
            return l
        }
    }

    /// The human wording, without the location.
    public var message: String {
        switch self {
        case let .cannotRead(_, reason): return "cannot read: \(reason)"
        case let .unknownFormat(_, reason): return "cannot tell the input format (\(reason)); use --input-format"
        case let .invalidEncoding(_, detail): return detail
        case let .corruptCompressedData(_, detail): return "corrupt gzip data: \(detail)"
        case let .syntax(_, expected, found): return "expected \(expected), found \(found)"
        case let .unterminated(_, what): return "unterminated \(what)"
        case let .nestingTooDeep(_, limit): return "JSON nested deeper than \(limit) levels"
        case let .missingField(_, field): return "record has no '\(field)'"
        case let .invalidField(_, field, expected, found): return "field '\(field)': expected \(expected), found \(found)"
        case let .undefinedMacro(_, name, field): return "undefined @string macro '\(name)' in field '\(field)'"
        }
    }

    /// `location: message` (`file: message` when there is no line).
    public var description: String {
        switch self {
        case let .cannotRead(file, _), let .unknownFormat(file, _): return "\(file): \(message)"
        default: return "\(location!): \(message)"
        }
    }
}

/// A short, quoted rendering of input text for error messages (`'abc'`, `end of input`).
func quoted(_ bytes: some Collection<UInt8>, limit: Int = 20) -> String {
    if bytes.isEmpty { return "end of input" }
    let clipped = Array(bytes.prefix(limit))
    var s = String(decoding: clipped, as: UTF8.self)
    if bytes.count > limit { while s.hasSuffix("\u{FFFD}") { s.removeLast() } }
    s = s.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    if bytes.count > limit { s += "…" }
    return "'\(s)'"
}
