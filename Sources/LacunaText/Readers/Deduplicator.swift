/// Finds duplicate records: the same DOI (compared case-insensitively), else the same
/// normalised title (``FieldValues/normalizedTitle(_:)``: case, accents and punctuation
/// ignored) and the same year. Two records whose DOIs are both present and differ are never
/// duplicates, whatever their titles (editorials called "Introduction" stay apart).
/// The first record seen is kept.
///
/// ```swift
/// let (kept, duplicates) = Deduplicator().dedupe(records)
/// ```
/// - Complexity: O(n) expected time and memory (two hash maps of keys).
public struct Deduplicator: Sendable {
    private var byDOI: [String: String] = [:]
    private var byTitleYear: [String: (id: String, doi: String?)] = [:]

    /// An empty deduplicator.
    public init() {}

    /// Checks one record against those seen before and remembers it when it is new.
    /// - Returns: nil for a new record, else the kept record's id and the reason.
    public mutating func check(_ record: PaperRecord) -> (kept: String, reason: String)? {
        let doi = record.doi.map { $0.lowercased() }
        if let doi, let kept = byDOI[doi] { return (kept, "same DOI \(doi)") }
        let title = FieldValues.normalizedTitle(record.title)
        let key = title + "|" + (record.year.map(String.init) ?? "")
        if !title.isEmpty, let seen = byTitleYear[key], seen.doi == nil || doi == nil || seen.doi == doi {
            return (seen.id, "same title and year" + (record.year.map { " (\($0))" } ?? ""))
        }
        if let doi { byDOI[doi] = record.id }
        if !title.isEmpty, byTitleYear[key] == nil { byTitleYear[key] = (record.id, doi) }
        return nil
    }

    /// Splits `records` into those kept (first occurrences, in order) and the duplicates
    /// dropped, each with the id it duplicates and why.
    public func dedupe(_ records: [PaperRecord]) -> (kept: [PaperRecord], duplicates: [(kept: String, dropped: String, reason: String)]) {
        var state = self
        var kept: [PaperRecord] = []
        var duplicates: [(kept: String, dropped: String, reason: String)] = []
        for r in records {
            if let (k, reason) = state.check(r) { duplicates.append((k, r.id, reason)) } else { kept.append(r) }
        }
        return (kept, duplicates)
    }
}
