import ArgumentParser
import Foundation
import Lacuna
import LacunaText

/// `lacuna strands [--model M]`: the strands a model holds, with their works, top terms and cohesion.
struct StrandsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strands",
        abstract: "List the model's strands: their works, top terms and cohesion.",
        discussion: """
        A strand is the set of fitted records labelled with its id; its centroid is the normalised \
        mean of their embeddings. Top terms are the terms with the highest loading on the centroid \
        (the entries of V·c, V the term loadings), shown in their most frequent unstemmed form. \
        Cohesion is the members' mean cosine to the centroid: 1 = identical, near 0 = diffuse. \
        The model is --model, else $LACUNA_MODEL, else Models/default.lacuna.
        """)

    @Option(name: .long, help: "Model file (default: $LACUNA_MODEL, else Models/default.lacuna).")
    var model: String?

    @Option(name: .long, help: "Top terms per strand.")
    var terms: Int = 10

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if terms < 0 { throw ValidationError("--terms must be in 0...; got \(terms).") }
    }

    /// One strand as printed.
    struct Row: Encodable {
        var id: String
        var name: String?
        var works: [String]
        var terms: [String]
        var cohesion: Float

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)   // null when the model has no name for it
            try c.encode(works, forKey: .works)
            try c.encode(terms, forKey: .terms)
            try c.encode(cohesion, forKey: .cohesion)
        }
        enum CodingKeys: String, CodingKey { case id, name, works, terms, cohesion }
    }

    func run() throws {
        let lsa = try SimilarCommand.loadModel(explicit: model)
        if lsa.strands.isEmpty {
            printNote("the model has no strands (none of its records had a `strand` label)")
        }
        let rows = lsa.strands.map { s in
            Row(id: s.id, name: s.name, works: s.members,
                terms: lsa.topTerms(along: s.centroid, count: terms).map { lsa.vectorizer.surfaceForms[$0.column] },
                cohesion: s.cohesion)
        }
        let format = global.resolvedFormat(pipeDefault: .json)
        try withOutput { out in
            switch format {
            case .json: try out.write(JSONOutput.pretty(rows) + "\n")
            case .jsonl: for r in rows { try out.write(JSONOutput.line(r) + "\n") }
            case .table:
                try out.write(TableRenderer(headers: ["id", "name", "works", "cohesion", "terms"], rows: rows.map {
                    [$0.id, $0.name ?? "", "\($0.works.count)", String(format: "%.3f", $0.cohesion), $0.terms.joined(separator: ", ")]
                }).text(maxColumnWidth: 80))
            case .csv, .markdown:
                let t = TableRenderer(headers: ["id", "name", "cohesion", "terms", "works"], rows: rows.map {
                    [$0.id, $0.name ?? "", String(format: "%.4f", $0.cohesion), $0.terms.joined(separator: "; "),
                     $0.works.joined(separator: "; ")]
                })
                try out.write(format == .csv ? t.csv() : t.markdown())
            }
        }
    }
}
