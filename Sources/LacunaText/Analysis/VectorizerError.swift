/// Why text could not be vectorised: a bad option or data that leaves nothing to count.
///
/// Each case renders as one line in the format of STYLE.md §6
/// ("--max-df must be in (0, 1] or a count; got 1.5").
public enum VectorizerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter outside its domain: `--name must be in expected; got got`.
    case invalidParameter(name: String, expected: String, got: String)
    /// `--max-df` admits fewer documents than `--min-df` requires.
    case maxBelowMin(maxCount: Double, minCount: Double)
    /// Pruning by document frequency or max features left no term.
    /// `flags` names the flag values at fault ("--min-df 5"), `reason` says why and `advice`
    /// what to try.
    case noTermsLeft(documents: Int, flags: String, reason: String, advice: String)
    /// No document contained a single term (empty input or only stop words).
    case emptyVocabulary(documents: Int)
    /// A token pattern that does not compile, or has more than one capture group.
    case invalidTokenPattern(String, reason: String)
    /// A stop-word file that could not be read.
    case unreadableStopWords(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, expected, got):
            return "--\(name) must be \(expected); got \(got)"
        case let .maxBelowMin(maxCount, minCount):
            return "--max-df admits at most \(Self.fmt(maxCount)) documents but --min-df requires at least \(Self.fmt(minCount)). Try a higher --max-df or a lower --min-df"
        case let .noTermsLeft(_, flags, reason, advice):
            return "\(flags) leaves no terms: \(reason). \(advice)"
        case let .emptyVocabulary(n):
            return "no terms in \(n) document\(n == 1 ? "" : "s"): the input is empty or holds only stop words. Try --stop-words none"
        case let .invalidTokenPattern(p, reason):
            return "--token-pattern '\(p)' is not usable: \(reason)"
        case let .unreadableStopWords(path, reason):
            return "\(path): cannot read stop words: \(reason)"
        }
    }

    static func fmt(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
