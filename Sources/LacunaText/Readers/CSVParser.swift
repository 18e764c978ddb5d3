/// An RFC 4180 CSV parser over bytes that says where things went wrong.
///
/// A state machine modelled on CPython's `_csv` reader (default dialect, `strict=False`), so it
/// splits files exactly as Python's `csv.reader` does: quoted fields may hold delimiters,
/// doubled quotes and line breaks (kept verbatim); line ends are LF, CRLF or CR; a quote in the
/// middle of an unquoted field is an ordinary character; text after a closing quote is
/// appended to the field; empty lines yield no row. Unlike Python, a quoted field still open at
/// the end of the input is an error that names the line and column where its quote *opened*
/// (Python reports the end of the file, or with `strict=False` silently accepts it).
/// (SwiftCSV and CSV.swift report no positions at all, hence this parser.)
///
/// - Complexity: O(n) in the bytes; one pass.
struct CSVParser {
    /// A row: its fields and the 1-based line where it starts.
    struct Row {
        var fields: [String]
        var line: Int
    }

    let delimiter: UInt8

    init(delimiter: UInt8 = UInt8(ascii: ",")) { self.delimiter = delimiter }

    private enum State { case startRecord, startField, inField, inQuoted, quoteInQuoted, eatCRLF }

    /// All rows of `text`.
    /// - Throws: ``RecordParseError/unterminated(_:what:)`` at the opening quote of a quoted
    ///   field that never closes.
    func rows(_ text: [UInt8], file: String) throws(RecordParseError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var state = State.startRecord
        var line = 1
        var rowLine = 1
        var quoteLine = 1, quoteColumn = 1
        var column = 0   // scalar column of the current byte
        let quote = UInt8(ascii: "\"")
        func saveField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func saveRow() {
            rows.append(Row(fields: fields, line: rowLine))
            fields = []
        }
        var i = 0
        let n = text.count
        while i < n {
            let c = text[i]
            if c & 0xC0 != 0x80 { column += 1 }
            switch state {
            case .startRecord, .startField, .inField:
                if state == .startRecord {
                    if c == 0x0A || c == 0x0D {
                        state = c == 0x0D ? .eatCRLF : .startRecord
                        break
                    }
                    rowLine = line
                    state = .startField
                }
                if state == .startField, c == quote {
                    quoteLine = line; quoteColumn = column
                    state = .inQuoted
                } else if c == 0x0A || c == 0x0D {
                    saveField(); saveRow()
                    state = c == 0x0D ? .eatCRLF : .startRecord
                } else if c == delimiter {
                    saveField()
                    state = .startField
                } else {
                    field.append(c)
                    state = .inField
                }
            case .inQuoted:
                if c == quote { state = .quoteInQuoted } else { field.append(c) }
            case .quoteInQuoted:
                if c == quote { field.append(quote); state = .inQuoted }
                else if c == delimiter { saveField(); state = .startField }
                else if c == 0x0A || c == 0x0D { saveField(); saveRow(); state = c == 0x0D ? .eatCRLF : .startRecord }
                else { field.append(c); state = .inField }
            case .eatCRLF:
                state = .startRecord
                if c != 0x0A {
                    // A lone CR ended the previous line (already counted): this byte starts
                    // the next record, so process it again in that state.
                    if c & 0xC0 != 0x80 { column -= 1 }
                    continue
                }
            }
            if c == 0x0A || (c == 0x0D && (i + 1 >= n || text[i + 1] != 0x0A)) { line += 1; column = 0 }
            i += 1
        }
        switch state {
        case .inQuoted:
            throw .unterminated(SourceLocation(file: file, line: quoteLine, column: quoteColumn),
                                what: "quoted field (the quote opened here never closes)")
        case .startField, .inField, .quoteInQuoted:
            saveField(); saveRow()
        case .startRecord, .eatCRLF:
            break
        }
        return rows
    }
}
