import Foundation

/// What scikit-learn's tokeniser needs to know about a non-ASCII scalar.
struct PythonScalarInfo {
    /// Python's `str.lower()` of the scalar (full mapping; may be several scalars).
    var lower: [UInt32]
    /// Python `re`'s `\w`: a letter (L*), a character with a numeric value, or `_`.
    var word: Bool
    /// Unicode `Cased` (for the final-sigma rule).
    var cased: Bool
    /// Unicode `Case_Ignorable` (for the final-sigma rule).
    var caseIgnorable: Bool
}

extension Tokenizer {
    /// Decodes the scalar at `i` of valid UTF-8; returns U+FFFD and width 1 on a malformed tail.
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < n { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0, i + 2 < n {
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        if i + 3 < n {
            return ((b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                    | UInt32(p[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// Appends the UTF-8 encoding of a scalar value.
    @inline(__always)
    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Lacuna's class of a non-ASCII scalar: letters and combining marks are letters, decimal
    /// digits are digits, Unicode hyphens and apostrophes join, anything else separates.
    static func lacunaClass(_ v: UInt32) -> UInt8 {
        switch v {
        case 0x2010, 0x2011: return Class.hyphen
        case 0x2019, 0x02BC: return Class.apostrophe
        default: break
        }
        guard let u = Unicode.Scalar(v) else { return Class.other }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return Class.letter
        case .decimalNumber:
            return Class.digit
        case .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return Class.space
        default:
            return Class.other
        }
    }

    /// Full case folding of one scalar, with Lacuna's one deviation: "İ" (U+0130) folds to a
    /// plain "i" rather than "i" + combining dot, so "İstanbul" and "Istanbul" meet.
    static func caseFold(_ u: Unicode.Scalar, into out: inout String.UnicodeScalarView) {
        switch u.value {
        case 0x130: out.append("i")
        case 0xDF, 0x1E9E: out.append("s"); out.append("s")
        case 0x3C2: out.append("\u{3C3}")
        case 0x17F: out.append("s")
        default:
            if u.value >= 0x41 && u.value <= 0x5A { out.append(Unicode.Scalar(u.value | 0x20)!); return }
            if u.value < 0x80 || !u.properties.changesWhenLowercased { out.append(u); return }
            out.append(contentsOf: u.properties.lowercaseMapping.unicodeScalars)
        }
    }

    /// Letters that have no decomposition but a usual Latin spelling, for diacritic folding.
    static let foldedLetters: [UInt32: String] = [
        0xE6: "ae", 0xF8: "o", 0x153: "oe", 0x142: "l", 0x111: "d", 0xF0: "d", 0xFE: "th", 0x131: "i",
        0xC6: "ae", 0xD8: "o", 0x152: "oe", 0x141: "l", 0x110: "d", 0xD0: "d", 0xDE: "th", 0x14B: "n",
    ]

    /// Lacuna's normalisation of one chunk: NFKC, Unicode apostrophes and hyphens to ASCII,
    /// full case folding (when `lower`), optional diacritic folding, then NFC.
    static func normalizeLacuna(_ chunk: UnsafeBufferPointer<UInt8>, fold: Bool, lower: Bool, into out: inout [UInt8]) {
        let nfkc = String(decoding: chunk, as: UTF8.self).precomposedStringWithCompatibilityMapping
        var scalars = String.UnicodeScalarView()
        for u in nfkc.unicodeScalars {
            switch u.value {
            case 0x2018, 0x2019, 0x201B, 0x02BC, 0x2032: scalars.append("'")
            case 0x2010, 0x2011: scalars.append("-")
            default:
                if lower { caseFold(u, into: &scalars) } else { scalars.append(u) }
            }
        }
        var s = String(scalars)
        if fold {
            var folded = String.UnicodeScalarView()
            for u in s.decomposedStringWithCanonicalMapping.unicodeScalars {
                switch u.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: continue
                default:
                    if let f = foldedLetters[u.value] { folded.append(contentsOf: f.unicodeScalars) } else { folded.append(u) }
                }
            }
            s = String(folded)
        }
        out.append(contentsOf: s.precomposedStringWithCanonicalMapping.utf8)
    }

    /// scikit-learn-mode facts about a scalar, cached.
    @inline(__always)
    func pythonInfo(_ v: UInt32) -> PythonScalarInfo {
        if let i = pythonCache[v] { return i }
        let i = Self.makePythonInfo(v)
        pythonCache[v] = i
        return i
    }

    static func makePythonInfo(_ v: UInt32) -> PythonScalarInfo {
        guard let u = Unicode.Scalar(v) else { return PythonScalarInfo(lower: [v], word: false, cased: false, caseIgnorable: false) }
        let props = u.properties
        let lower = props.changesWhenLowercased ? props.lowercaseMapping.unicodeScalars.map(\.value) : [v]
        var word = v == 0x5F
        switch props.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: word = true
        default: if props.numericType != nil { word = true }
        }
        return PythonScalarInfo(lower: lower, word: word, cased: props.isCased, caseIgnorable: props.isCaseIgnorable)
    }

    /// Python's `str.lower()` (full mappings; final sigma by the simple rule of the fast matcher).
    static func pythonLower(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        for (k, u) in scalars.enumerated() {
            if u.value < 0x80 {
                out.append(u.value >= 0x41 && u.value <= 0x5A ? Unicode.Scalar(u.value | 0x20)! : u)
            } else if u.value == 0x3A3 {
                let after = k + 1 < scalars.count && scalars[k + 1].properties.isCased
                let before = k > 0 && scalars[k - 1].properties.isCased
                out.append(before && !after ? "\u{3C2}" : "\u{3C3}")
            } else {
                out.append(contentsOf: u.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }
}
