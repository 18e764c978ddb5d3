import Foundation

/// Reads Web of Science plain-text ("tagged") exports: an `FN`/`VR` header, records from
/// `PT` to `ER`, one `XX value` tag per line, continuation lines indented by three spaces,
/// and `EF` at the end.
///
/// Continuation lines of `AU`, `AF`, `C1`, `CR` and the other list tags are separate values;
/// for text tags (`TI`, `AB`, `SO`, `DE`, `ID`, …) they continue the same value (joined with a
/// space). Mapping as in ``WoSTabParser``. Errors: a line that is neither a tag nor a
/// continuation, a record without `ER` — each at its line; reading resumes at the next `PT`.
enum WoSTaggedParser {
    static let listTags: Set<String> = ["AU", "AF", "BA", "BF", "CA", "GP", "BE", "C1", "C3", "RP", "CR", "EM", "RI", "OI", "FU", "FX"]

    static func parse(_ text: [UInt8], file: String) throws(RecordParseError) -> [Result<PaperRecord, RecordParseError>] {
        var results: [Result<PaperRecord, RecordParseError>] = []
        var order: [String] = []
        var values: [String: [String]] = [:]
        var lastTag: String?
        var inRecord = false
        var recordLine = 0
        var skipping = false
        func finish() {
            var joined: [String: String] = [:]
            for tag in order { joined[tag] = values[tag]!.joined(separator: listTags.contains(tag) ? "; " : " ") }
            var multi: [String: [String]] = [:]
            for tag in order where listTags.contains(tag) { multi[tag] = values[tag] }
            let loc = SourceLocation(file: file, line: recordLine)
            results.append(Result { () throws(RecordParseError) in try WoSFields.record(joined, multi: multi, location: loc) })
        }
        for (number, slice) in TextLines(text) {
            let line = Array(slice)
            if line.allSatisfy(isASCIISpace) { continue }
            if line.count >= 3, line[0] == 0x20, line[1] == 0x20, line[2] == 0x20 {
                // Continuation.
                let v = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if inRecord, let tag = lastTag {
                    if listTags.contains(tag) { values[tag]!.append(v) } else { values[tag]![values[tag]!.count - 1] += " " + v }
                } else if !inRecord && !skipping {
                    results.append(.failure(.syntax(SourceLocation(file: file, line: number, column: 1), expected: "a field tag", found: "a continuation line outside a record")))
                }
                continue
            }
            guard line.count >= 2, isTagByte(line[0]), isTagByte(line[1]), line.count == 2 || line[2] == 0x20 else {
                if !skipping {
                    results.append(.failure(.syntax(SourceLocation(file: file, line: number, column: 1),
                                                    expected: "a two-letter field tag or a continuation line indented by three spaces", found: quoted(line))))
                    if inRecord { inRecord = false; skipping = true }
                }
                continue
            }
            let tag = String(decoding: line[0..<2], as: UTF8.self)
            let value = line.count > 3 ? String(decoding: line[3...], as: UTF8.self).trimmingCharacters(in: .whitespaces) : ""
            switch tag {
            case "FN", "VR":
                continue
            case "EF":
                if inRecord {
                    results.append(.failure(.unterminated(SourceLocation(file: file, line: recordLine), what: "Web of Science record (no 'ER' before 'EF')")))
                    inRecord = false
                }
                continue
            case "PT":
                if inRecord {
                    results.append(.failure(.unterminated(SourceLocation(file: file, line: recordLine), what: "Web of Science record (a new 'PT' at line \(number) before 'ER')")))
                }
                inRecord = true
                skipping = false
                recordLine = number
                order = ["PT"]
                values = ["PT": [value]]
                lastTag = "PT"
            case "ER":
                if inRecord { finish() }
                inRecord = false
                lastTag = nil
            default:
                guard inRecord else {
                    if !skipping {
                        results.append(.failure(.syntax(SourceLocation(file: file, line: number, column: 1), expected: "'PT' to start a record", found: "'\(tag)'")))
                        skipping = true
                    }
                    continue
                }
                if values[tag] == nil { order.append(tag); values[tag] = [value] }
                else if listTags.contains(tag) { values[tag]!.append(value) }
                else { values[tag]![values[tag]!.count - 1] += " " + value }
                lastTag = tag
            }
        }
        if inRecord {
            results.append(.failure(.unterminated(SourceLocation(file: file, line: recordLine), what: "Web of Science record (no 'ER' before the end of the file)")))
        }
        return results
    }

    private static func isTagByte(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || isASCIIDigit(b) }
}
