import Foundation

/// Turns the LaTeX found in BibTeX fields into plain Unicode text.
///
/// Handles accents in every spelling (`\'e`, `\'{e}`, `{\'e}`, `\"{o}`, `\c{c}`, `\v{s}`,
/// `\k{a}`, `\={o}`, `\u{g}`, `\H{o}`, `\r{a}`, `\.{z}`, `\~n`, `\'{\i}` …, composed to NFC),
/// special letters (`\ss`, `\o`, `\ae`, `\oe`, `\aa`, `\l`, `\i`, …), escaped symbols
/// (`\&`, `\%`, `\$`, `\#`, `\_`, `\{`, `\}`), dashes and quotes (`--` → –, `---` → —,
/// ` `` ` → “, `''` → ”), `~` → space, font commands with an argument (`\textit{..}`,
/// `\emph{..}`, `\textbf{..}`, … keep their argument; `\href{url}{text}` keeps the text),
/// font declarations (`{\em ..}`, `\it`, `\bf`) dropped, and protective braces removed.
/// Math (`$..$`) is kept verbatim, dollars included. Unknown commands keep their argument
/// when they have one, else their name (`\LaTeX` → "LaTeX"). Whitespace runs become one space.
enum LaTeXText {
    static let accents: [String: Unicode.Scalar] = [
        "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "\"": "\u{0308}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}",
        "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}", "t": "\u{0361}",
    ]
    /// Commands that are letters: TeX eats the space after them.
    static let letters: [String: String] = [
        "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
        "dj": "đ", "DJ": "Đ",
    ]
    static let symbols: [String: String] = [
        "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", "\\": " ", ",": " ", ";": " ", ":": " ",
        "!": "", " ": " ", "-": "", "/": "", "@": "", "ldots": "…", "dots": "…", "textellipsis": "…",
        "textendash": "–", "textemdash": "—", "S": "§", "P": "¶", "copyright": "©", "textcopyright": "©",
        "pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€", "textregistered": "®", "texttrademark": "™",
        "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
        "guillemotleft": "«", "guillemotright": "»", "textasciitilde": "~", "textbackslash": "\\", "textbar": "|",
        "textless": "<", "textgreater": ">", "textbullet": "•", "textdegree": "°", "textperiodcentered": "·",
        "quad": " ", "qquad": " ", "newline": " ", "par": " ", "relax": "", "protect": "", "noopsort": "",
        "textunderscore": "_", "textdollar": "$", "textasciicircum": "^", "textsection": "§",
    ]
    /// Font and size declarations, dropped.
    static let declarations: Set<String> = [
        "em", "it", "bf", "sc", "rm", "tt", "sf", "sl", "up", "itshape", "bfseries", "scshape", "upshape", "rmfamily",
        "sffamily", "ttfamily", "mdseries", "normalfont", "slshape", "small", "large", "Large", "footnotesize",
        "normalsize", "tiny", "huge", "Huge", "scriptsize",
    ]

    /// The Unicode text of a LaTeX field value.
    static func decode(_ raw: String) -> String {
        // Fast path: nothing LaTeX-ish.
        if !raw.utf8.contains(where: { $0 == 0x5C || $0 == 0x7B || $0 == 0x7D || $0 == 0x7E || $0 == 0x2D || $0 == 0x60 || $0 == 0x27 || $0 == 0x24 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return FieldValues.collapseSpace(raw)
        }
        let scalars = Array(raw.unicodeScalars)
        var i = 0
        var out = String.UnicodeScalarView()
        decodeRun(scalars, &i, scalars.count, into: &out, depth: 0)
        return FieldValues.collapseSpace(String(out).precomposedStringWithCanonicalMapping)
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z")
    }

    /// Decodes scalars[i..<end] into `out`.
    private static func decodeRun(_ s: [Unicode.Scalar], _ i: inout Int, _ end: Int, into out: inout String.UnicodeScalarView, depth: Int) {
        while i < end {
            let c = s[i]
            switch c {
            case "\\":
                decodeCommand(s, &i, end, into: &out, depth: depth)
            case "{", "}":
                i += 1
            case "$":
                // Math: keep verbatim up to the closing dollar(s).
                var j = i + 1
                let double = j < end && s[j] == "$"
                if double { j += 1 }
                while j < end {
                    if s[j] == "\\" { j += 2; continue }
                    if s[j] == "$" { break }
                    j += 1
                }
                var stop = min(j + (double ? 2 : 1), end)
                if j >= end { stop = end }
                out.append(contentsOf: s[i..<stop])
                i = stop
            case "~":
                out.append(" "); i += 1
            case "-":
                if i + 2 < end, s[i + 1] == "-", s[i + 2] == "-" { out.append("—"); i += 3 }
                else if i + 1 < end, s[i + 1] == "-" { out.append("–"); i += 2 }
                else { out.append("-"); i += 1 }
            case "`":
                if i + 1 < end, s[i + 1] == "`" { out.append("“"); i += 2 } else { out.append("‘"); i += 1 }
            case "'":
                if i + 1 < end, s[i + 1] == "'" { out.append("”"); i += 2 } else { out.append("'"); i += 1 }
            default:
                out.append(c); i += 1
            }
        }
    }

    /// The end (exclusive) of the balanced group whose `{` is at `open`, or `end`.
    private static func groupEnd(_ s: [Unicode.Scalar], _ open: Int, _ end: Int) -> Int {
        var depth = 0
        var j = open
        while j < end {
            if s[j] == "\\" { j += 2; continue }
            if s[j] == "{" { depth += 1 } else if s[j] == "}" { depth -= 1; if depth == 0 { return j + 1 } }
            j += 1
        }
        return end
    }

    /// Decodes the argument after a command: a `{group}`, a command (`\i`), or one character.
    private static func argument(_ s: [Unicode.Scalar], _ i: inout Int, _ end: Int, depth: Int) -> String.UnicodeScalarView {
        while i < end, s[i] == " " { i += 1 }
        var arg = String.UnicodeScalarView()
        guard i < end else { return arg }
        if s[i] == "{" {
            let close = groupEnd(s, i, end)
            var k = i + 1
            let stop = close > i + 1 && close <= end && s[close - 1] == "}" ? close - 1 : close
            if depth < 32 { decodeRun(s, &k, stop, into: &arg, depth: depth + 1) }
            i = close
        } else if s[i] == "\\" {
            if depth < 32 { decodeCommand(s, &i, end, into: &arg, depth: depth + 1) } else { i += 1 }
        } else {
            arg.append(s[i]); i += 1
        }
        return arg
    }

    private static func decodeCommand(_ s: [Unicode.Scalar], _ i: inout Int, _ end: Int, into out: inout String.UnicodeScalarView, depth: Int) {
        i += 1  // the backslash
        guard i < end else { return }
        var name: String
        if isLetter(s[i]) {
            let start = i
            while i < end, isLetter(s[i]) { i += 1 }
            name = String(String.UnicodeScalarView(s[start..<i]))
        } else {
            name = String(s[i]); i += 1
        }
        if let mark = accents[name], !(name.count > 1) {
            // Letter-named accents (\c, \v, …) need an argument; `\u` alone etc. fall through.
            var arg = argument(s, &i, end, depth: depth)
            if let first = arg.first {
                if first == "ı" { arg.replaceSubrange(arg.startIndex..<arg.index(after: arg.startIndex), with: ["i"]) }
                if first == "ȷ" { arg.replaceSubrange(arg.startIndex..<arg.index(after: arg.startIndex), with: ["j"]) }
                var composed = String.UnicodeScalarView()
                composed.append(arg.first!)
                composed.append(mark)
                composed.append(contentsOf: arg.dropFirst())
                out.append(contentsOf: composed)
            } else {
                out.append(mark)
            }
            return
        }
        if let letter = letters[name] {
            while i < end, s[i] == " " { i += 1 }
            if i + 1 < end, s[i] == "{", s[i + 1] == "}" { i += 2 }
            out.append(contentsOf: letter.unicodeScalars)
            return
        }
        if let sym = symbols[name] {
            if isLetter(name.unicodeScalars.first!) {
                while i < end, s[i] == " " { i += 1 }
                if i + 1 < end, s[i] == "{", s[i + 1] == "}" { i += 2 }
            }
            out.append(contentsOf: sym.unicodeScalars)
            return
        }
        if declarations.contains(name) {
            while i < end, s[i] == " " { i += 1 }
            return
        }
        guard isLetter(name.unicodeScalars.first!) else {
            out.append(contentsOf: name.unicodeScalars)
            return
        }
        var j = i
        while j < end, s[j] == " " { j += 1 }
        if j < end, s[j] == "{" {
            i = j
            var arg = argument(s, &i, end, depth: depth)
            if name == "href" || name == "foreignlanguage" {
                // Two arguments: keep the second (the text).
                var k = i
                while k < end, s[k] == " " { k += 1 }
                if k < end, s[k] == "{" { i = k; arg = argument(s, &i, end, depth: depth) }
            }
            out.append(contentsOf: arg)
        } else {
            out.append(contentsOf: name.unicodeScalars)
        }
    }
}
