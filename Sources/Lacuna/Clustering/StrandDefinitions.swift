import Foundation

/// A strand as a review defines it: id, name and description (`Corpus/strands.jsonl`).
public struct StrandDefinition: Sendable, Hashable {
    /// Strand id ("S1", "G").
    public var id: String
    /// Short human name.
    public var name: String
    /// Longer description, when given.
    public var description: String?

    /// A definition from its parts.
    public init(id: String, name: String, description: String? = nil) {
        self.id = id; self.name = name; self.description = description
    }

    /// Reads JSON Lines of `{"id", "name", "description"?, ...}` (other fields ignored; blank lines skipped).
    /// - Throws: ``StrandFileError`` with the file and line of the first bad line.
    /// - Complexity: O(file size).
    public static func read(path: String) throws(StrandFileError) -> [StrandDefinition] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotRead(file: path, reason: FileManager.default.fileExists(atPath: path) ? "not a readable file" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .invalid(file: path, line: 1, reason: "not valid UTF-8") }
        var out: [StrandDefinition] = []
        var seen = Set<String>()
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any] else {
                throw .invalid(file: path, line: n + 1, reason: "expected a JSON object")
            }
            guard let id = object["id"] as? String, !id.isEmpty else { throw .invalid(file: path, line: n + 1, reason: "missing string field 'id'") }
            guard let name = object["name"] as? String else { throw .invalid(file: path, line: n + 1, reason: "missing string field 'name'") }
            guard seen.insert(id).inserted else { throw .invalid(file: path, line: n + 1, reason: "strand id '\(id)' defined twice") }
            out.append(StrandDefinition(id: id, name: name, description: object["description"] as? String))
        }
        return out
    }
}

/// A strand definition file that could not be used.
public enum StrandFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Missing or unreadable file.
    case cannotRead(file: String, reason: String)
    /// A bad line.
    case invalid(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case let .cannotRead(file, reason): return "\(file): cannot read: \(reason)"
        case let .invalid(file, line, reason): return "\(file):\(line): \(reason)"
        }
    }
}
