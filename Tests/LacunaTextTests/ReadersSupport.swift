import Foundation
import Testing
@testable import LacunaText

/// Folder of the reader fixtures, found from this file (no bundle needed).
let readerFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/readers").path

/// Path of a reader fixture.
func readerFixture(_ name: String) -> String { readerFixtures + "/" + name }

/// All records of a file.
func readAll(_ path: String, format: InputFormat? = nil) throws -> [PaperRecord] {
    var reader = try RecordReader(path: path, format: format)
    var out: [PaperRecord] = []
    while let r = try reader.next() { out.append(r) }
    return out
}

/// All records of in-memory text, and the errors skipped.
func readText(_ text: String, name: String, format: InputFormat? = nil, skipInvalid: Bool = false) throws -> (records: [PaperRecord], skipped: [RecordParseError]) {
    try readBytes(Array(text.utf8), name: name, format: format, skipInvalid: skipInvalid)
}

func readBytes(_ bytes: [UInt8], name: String, format: InputFormat? = nil, skipInvalid: Bool = false) throws -> (records: [PaperRecord], skipped: [RecordParseError]) {
    var reader = try RecordReader(bytes: bytes, name: name, format: format, skipInvalid: skipInvalid, quietNotes: true)
    var out: [PaperRecord] = []
    while let r = try reader.next() { out.append(r) }
    return (out, reader.skipped)
}

/// The first error reading `text`, or nil when it reads cleanly.
func firstError(_ text: String, name: String, format: InputFormat? = nil) -> RecordParseError? {
    firstError(bytes: Array(text.utf8), name: name, format: format)
}

func firstError(bytes: [UInt8], name: String, format: InputFormat? = nil) -> RecordParseError? {
    do {
        _ = try readBytes(bytes, name: name, format: format)
        return nil
    } catch let e as RecordParseError {
        return e
    } catch {
        return nil
    }
}

/// Checks that reading `text` fails at `location` ("file:line" or "file:line:column") with a
/// message containing `phrase`; failures point at the caller's line.
func expectError(_ text: String, name: String, format: InputFormat? = nil, at location: String, saying phrase: String,
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let e = firstError(text, name: name, format: format) else {
        Issue.record("expected an error at \(location), but \(name) read cleanly", sourceLocation: sourceLocation)
        return
    }
    #expect(e.location?.description == location, "\(e)", sourceLocation: sourceLocation)
    #expect(e.message.contains(phrase), "\(e)", sourceLocation: sourceLocation)
}
