/// Stop-word lists.
public enum StopWords {
    /// Lacuna's English list, meant for academic abstracts: scikit-learn's list without the
    /// words that carry topic in this domain ("system", "interest", "part", "side", "un" as in
    /// the UN, "bill", "fire", …), plus citation and academic filler ("et", "al", "e.g", "i.e",
    /// "cf", "ibid", "paper", "article", "argue", …).
    public static let lacunaEnglish: [String] = {
        let removed: Set<String> = ["bill", "fire", "interest", "system", "mill", "found", "part", "side", "amount",
                                    "describe", "detail", "show", "top", "bottom", "front", "back", "full", "empty",
                                    "thick", "thin", "cry", "sincere", "serious", "move", "name", "fill", "un", "con"]
        let added = ["et", "al", "e.g", "i.e", "eg", "ie", "cf", "vs", "viz", "ibid", "etc", "pp", "vol", "doi",
                     "http", "https", "www", "org", "also", "however", "whilst", "thus", "hence", "paper", "article",
                     "argue", "argues", "argued", "i.e.", "e.g.", "s", "t", "don't", "can't", "won't", "it's", "isn't"]
        var words = Set(sklearnEnglish.filter { !removed.contains($0) })
        words.formUnion(added)
        return words.sorted()
    }()
}
