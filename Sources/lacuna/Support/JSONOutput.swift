import Foundation

/// JSON encoding for machine-readable output: sorted keys for stable diffs, no escaped slashes.
enum JSONOutput {
    /// Encodes `value` on one line.
    static func line<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    /// Encodes `value` pretty-printed.
    static func pretty<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }
}
