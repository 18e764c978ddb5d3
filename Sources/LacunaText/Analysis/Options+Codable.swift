// Readable, stable JSON for the vectoriser options, which model files store in their META
// section: document frequencies as their command-line spelling ("2", "0.5", "1.0") and stop-word
// sets as a name or a word list. Changing these shapes changes the model file format.

extension TfidfVectorizer.DocumentFrequency {
    /// Decodes the command-line spelling: an integer string is a count, a decimal a proportion.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let value = Self(flag: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a count (\"2\") or a proportion (\"0.5\"); got \"\(s)\"")
        }
        self = value
    }

    /// Encodes as ``flagValue``.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(flagValue)
    }
}

extension AnalyzerOptions.StopWordSet {
    /// Decodes "english", "sklearn", "none", or an array of words.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let words = try? c.decode([String].self) { self = .custom(words); return }
        let name = try c.decode(String.self)
        switch name {
        case "english": self = .english
        case "sklearn": self = .sklearn
        case "none": self = .none
        default:
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected english, sklearn, none or a word list; got \"\(name)\"")
        }
    }

    /// Encodes a name, or the word list of a custom set.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .english: try c.encode("english")
        case .sklearn: try c.encode("sklearn")
        case .none: try c.encode("none")
        case .custom(let words): try c.encode(words)
        }
    }
}
