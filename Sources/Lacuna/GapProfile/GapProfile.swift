import Foundation
import LacunaText

/// A named gap in a literature: what it is, the vocabulary of its two sides, which strands the
/// review already covers, and the weights of the gap score. Stored as human-editable JSON
/// (see Models/README.md for every field).
public struct GapProfile: Sendable, Hashable, Codable {
    /// Short identifier, e.g. "alliance-military-gap".
    public var id: String
    /// Human name.
    public var name: String
    /// Plain-language description of the gap.
    public var description: String
    /// Terms and phrases of the first side (for the default profile, the alliance side).
    public var allianceSide: [String]
    /// Terms and phrases of the second side (for the default profile, domestic military organisation).
    public var militarySide: [String]
    /// Phrases that signal the causal direction the gap asks about (first side as cause).
    public var directionCues: [String]
    /// Strand ids the review already covers.
    public var coveredStrands: [String]
    /// Strand id of works that already sit in the gap, if the corpus labels any.
    public var gapStrand: String?
    /// An invented abstract of an ideal gap-filling work.
    public var idealAbstract: String
    /// Weights of the gap score's components, each in 0...1.
    public var weights: [String: Double]

    enum CodingKeys: String, CodingKey {
        case id, name, description, weights
        case allianceSide = "alliance_side", militarySide = "military_side", directionCues = "direction_cues"
        case coveredStrands = "covered_strands", gapStrand = "gap_strand", idealAbstract = "ideal_abstract"
    }

    /// The score components a profile may weight.
    public static let knownWeights = ["gap_similarity", "bridge", "novelty", "direction"]

    /// Reads a profile from a JSON file.
    /// - Throws: ``GapProfileError`` naming the file and, for bad JSON, the line.
    public static func load(_ path: String) throws(GapProfileError) -> GapProfile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        if let syntax = JSONDocument.syntaxError(in: [UInt8](data)) {
            throw .malformed(path: path, line: syntax.line, reason: "not valid JSON (expected \(syntax.expected) at column \(syntax.column))")
        }
        do {
            return try JSONDecoder().decode(GapProfile.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .malformed(path: path, line: nil, reason: "missing field '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .malformed(path: path, line: nil, reason: "field '\(field)' has the wrong type: \(context.debugDescription)")
        } catch {
            throw .malformed(path: path, line: nil, reason: "\(error)")
        }
    }
}

/// Why a profile could not be read.
public enum GapProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not a valid profile.
    case malformed(path: String, line: Int?, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read profile: \(reason)"
        case let .malformed(path, line, reason):
            return "\(path)\(line.map { ":\($0)" } ?? ""): \(reason). See Models/README.md for the profile format."
        }
    }
}

/// One finding of ``GapProfile/check(against:)``.
public struct ProfileFinding: Sendable, Hashable, Codable {
    /// How serious: an error makes the profile unusable, a warning weakens it.
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning }
    public var severity: Severity
    /// The profile field concerned.
    public var field: String
    /// What is wrong and what to do.
    public var message: String
}

extension GapProfile {
    /// Validates the profile against a fitted model: empty sides or description, terms the model's
    /// vocabulary does not know (after the model's own tokenising, stop words and stemming),
    /// weights out of range or unknown, strands the model does not have.
    public func check(against model: LSAModel) -> [ProfileFinding] {
        var findings: [ProfileFinding] = []
        func error(_ field: String, _ m: String) { findings.append(.init(severity: .error, field: field, message: m)) }
        func warn(_ field: String, _ m: String) { findings.append(.init(severity: .warning, field: field, message: m)) }
        if id.trimmingWhitespace().isEmpty { error("id", "is empty") }
        if description.trimmingWhitespace().isEmpty { error("description", "is empty: describe the gap in a sentence or two") }
        if idealAbstract.trimmingWhitespace().isEmpty { warn("ideal_abstract", "is empty: the gap's position in LSA space then rests on the description alone") }
        let analyzer = try? Analyzer(options: model.vectorizer.options.analyzer)
        for (field, terms) in [("alliance_side", allianceSide), ("military_side", militarySide), ("direction_cues", directionCues)] {
            if terms.isEmpty {
                if field == "direction_cues" { warn(field, "is empty: the direction component will be 0 for every paper") }
                else { error(field, "is empty: a gap needs the vocabulary of both of its sides") }
                continue
            }
            guard field != "direction_cues", let analyzer else { continue }
            var unknown: [String] = []
            for term in terms {
                // The phrase as the model analyses it: stop words out, stemmed, n-grams formed.
                let analysed = analyzer.terms(term)
                if analysed.isEmpty { unknown.append("\(term) (only stop words)"); continue }
                let longest = analysed.max { $0.count < $1.count }!
                let unigrams = analysed.filter { !$0.contains(" ") }
                let known = model.vectorizer.index(of: longest) != nil
                    || (!unigrams.isEmpty && unigrams.allSatisfy { model.vectorizer.index(of: $0) != nil })
                if !known { unknown.append(term) }
            }
            if !unknown.isEmpty {
                warn(field, "\(unknown.count) of \(terms.count) terms are not in the model's vocabulary: \(unknown.joined(separator: ", "))")
            }
        }
        let modelStrands = Set(model.strands.map(\.id))
        for s in coveredStrands where !modelStrands.contains(s) {
            warn("covered_strands", "strand \(s) has no labelled works in the model")
        }
        if coveredStrands.isEmpty { warn("covered_strands", "is empty: the novelty component will be 0 for every paper") }
        if let g = gapStrand {
            if coveredStrands.contains(g) { error("gap_strand", "\(g) is also listed as covered") }
            if !modelStrands.contains(g) { warn("gap_strand", "strand \(g) has no labelled works in the model; the gap is placed by its description and ideal abstract only") }
        }
        for (name, w) in weights.sorted(by: { $0.key < $1.key }) {
            if !Self.knownWeights.contains(name) { error("weights.\(name)", "is not a score component; known: \(Self.knownWeights.joined(separator: ", "))") }
            if !(0...1).contains(w) || !w.isFinite { error("weights.\(name)", "must be in 0...1; got \(w)") }
        }
        let total = weights.values.reduce(0, +)
        if weights.isEmpty { error("weights", "is empty") }
        else if abs(total - 1) > 1e-6 { warn("weights", "sum to \(total), not 1: scores are then not in 0...1") }
        return findings
    }
}
