import ArgumentParser
import Lacuna

/// The `lacuna` root command.
struct LacunaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lacuna",
        abstract: "A literature-gap recommender: TF-IDF + LSA over paper records, strands, and gap ranking.",
        version: lacunaVersion,
        subcommands: [ImportCommand.self, VectorizeCommand.self, FitCommand.self, InfoCommand.self, ClusterCommand.self,
                      SimilarCommand.self, StrandsCommand.self, ProfileCommand.self, BenchCommand.self])
}
