import ArgumentParser

/// The `lacuna` root command.
struct LacunaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lacuna",
        abstract: "A literature-gap recommender: TF-IDF + LSA over paper records, strands, and gap ranking.",
        subcommands: [BenchCommand.self, ImportCommand.self, InfoCommand.self, FitCommand.self, ClusterCommand.self, SimilarCommand.self, StrandsCommand.self, VectorizeCommand.self])
}
