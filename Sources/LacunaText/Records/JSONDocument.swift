/// Checks whole JSON documents (profiles, settings) with Lacuna's own parser, so a syntax error
/// can be reported with its line and column (Foundation's parser on Linux gives no position).
public enum JSONDocument {
    /// Where a JSON document is malformed.
    public struct SyntaxError: Error, Sendable, Equatable {
        /// 1-based line.
        public var line: Int
        /// 1-based column, in bytes.
        public var column: Int
        /// What the parser expected there.
        public var expected: String
    }

    /// The first syntax error in `bytes`, or nil when they are one valid JSON value.
    /// - Complexity: O(bytes).
    public static func syntaxError(in bytes: [UInt8]) -> SyntaxError? {
        bytes.withUnsafeBufferPointer { p -> SyntaxError? in
            var parser = JSONParser(p, range: 0..<p.count)
            do throws(JSONParser.Failure) {
                _ = try parser.parseDocument()
                return nil
            } catch {
                let offset = min(error.offset, p.count)
                var line = 1, lineStart = 0
                for i in 0..<offset where p[i] == 10 { line += 1; lineStart = i + 1 }
                return SyntaxError(line: line, column: offset - lineStart + 1, expected: error.expected)
            }
        }
    }
}
