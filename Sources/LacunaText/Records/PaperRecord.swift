/// One paper: the record schema of Lacuna (see DESIGN.md, "Record schema").
///
/// `id` and `title` are required; everything else may be missing. `strand` and `grade`
/// are the two evaluation labels. Fields Lacuna does not model are kept in `extra`
/// and written back out by `import`, never dropped.
public struct PaperRecord: Sendable, Hashable {
    /// Stable identifier (from the source, or derived from DOI/title when the source has none).
    public var id: String
    /// Title.
    public var title: String
    /// Abstract; empty when the source has none.
    public var abstract: String
    /// Authors as written in the source ("Family, Given" where known).
    public var authors: [String]
    /// Publication year.
    public var year: Int?
    /// Journal, book or series.
    public var venue: String?
    /// DOI without the `https://doi.org/` prefix.
    public var doi: String?
    /// Author or index keywords.
    public var keywords: [String]
    /// Strand label (e.g. "S1", "G") for strand-labelled corpora.
    public var strand: String?
    /// Relevance grade 0, 1 or 2 for evaluation.
    public var grade: Int?
    /// Every other field of the source record, passed through unchanged.
    public var extra: [String: JSONValue]

    /// A record with the given fields.
    public init(id: String, title: String, abstract: String = "", authors: [String] = [], year: Int? = nil,
                venue: String? = nil, doi: String? = nil, keywords: [String] = [], strand: String? = nil,
                grade: Int? = nil, extra: [String: JSONValue] = [:]) {
        self.id = id; self.title = title; self.abstract = abstract; self.authors = authors; self.year = year
        self.venue = venue; self.doi = doi; self.keywords = keywords; self.strand = strand; self.grade = grade
        self.extra = extra
    }

    /// The text a record is vectorised from: title and abstract joined by a newline,
    /// with the keywords appended on a third line when `includeKeywords` is set.
    public func text(includeKeywords: Bool = false) -> String {
        var t = title + "\n" + abstract
        if includeKeywords && !keywords.isEmpty { t += "\n" + keywords.joined(separator: "; ") }
        return t
    }
}
