/// Author names in one shape: "Family, Given".
///
/// Rules (those of BibTeX, simplified):
/// - a name that already has a comma is kept ("Walt, Stephen M."; "Smith, Jr., John" too);
/// - "Given Family" becomes "Family, Given", where the family name is the last word plus any
///   lower-case particles before it ("Ludwig van Beethoven" → "van Beethoven, Ludwig");
///   a trailing "Jr."/"Sr."/"II"/"III"/"IV" stays with the family name as BibTeX's "Jr" part
///   ("Martin Luther King Jr." → "King, Jr., Martin Luther");
/// - "Family Initials" as Scopus and Web of Science write it ("Walt S.M.", "Walt SM") becomes
///   "Walt, S.M." / "Walt, SM";
/// - a single word (or a braced corporate name, already unbraced) is kept as is.
enum AuthorName {
    static let particles: Set<String> = ["van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "des",
                                         "la", "le", "ten", "ter", "dos", "das", "do", "y", "bin", "al", "el", "zu", "af", "av"]
    static let suffixes: Set<String> = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"]

    static func normalized(_ raw: String) -> String {
        let name = FieldValues.collapseSpace(raw)
        if name.contains(",") || name.isEmpty { return name }
        var words = name.split(separator: " ").map(String.init)
        if words.count < 2 { return name }
        var suffix: String?
        if words.count >= 3, suffixes.contains(words.last!.lowercased()) { suffix = words.removeLast() }
        if suffix == nil, words.count == 2 || words.count == 3, isInitials(words.last!), !isInitials(words[0]) {
            // "Walt SM", "Walt S.M.", "Van Evera S."
            let initials = words.removeLast()
            return words.joined(separator: " ") + ", " + initials
        }
        var familyStart = words.count - 1
        while familyStart > 1, particles.contains(words[familyStart - 1].lowercased()),
              words[familyStart - 1].first?.isLowercase ?? false {
            familyStart -= 1
        }
        let family = words[familyStart...].joined(separator: " ")
        let given = words[..<familyStart].joined(separator: " ")
        if let suffix { return "\(family), \(suffix), \(given)" }
        return "\(family), \(given)"
    }

    /// "SM", "S.M.", "S.-M.", "J." — upper-case letters with optional dots and hyphens,
    /// at most four letters, with a dot or no lower-case letter at all.
    static func isInitials(_ w: String) -> Bool {
        var letters = 0
        for ch in w {
            if ch.isUppercase { letters += 1 } else if ch != "." && ch != "-" { return false }
        }
        return letters >= 1 && letters <= 4 && (w.contains(".") || letters <= 3 && w.count == letters)
    }
}
