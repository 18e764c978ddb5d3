import ArgumentParser
import Foundation
import LacunaText

/// Output formats every command offers.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, jsonl, csv, markdown
}

/// Options shared by every command.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table|json|jsonl|csv|markdown (table on a terminal, jsonl in a pipe).")
    var format: OutputFormat?

    @Flag(name: .long, help: "No progress messages on stderr.")
    var quiet = false

    /// The format to use: the flag, else table on a terminal and `pipeDefault` otherwise.
    func resolvedFormat(pipeDefault: OutputFormat = .jsonl) -> OutputFormat {
        if let format { return format }
        return isatty(1) == 1 ? .table : pipeDefault
    }

    var progress: ProgressReporter { ProgressReporter(quiet: quiet) }
}
