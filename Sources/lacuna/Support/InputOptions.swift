import ArgumentParser
import LacunaText

extension InputFormat: ExpressibleByArgument {}

/// How record files are read: the flags shared by every command that reads records.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("input-format"),
            help: "Force the input format instead of detecting it: \(InputFormat.allCases.map(\.rawValue).joined(separator: "|")).")
    var inputFormat: InputFormat?

    @Flag(name: .customLong("skip-invalid"), help: "Skip bad records (reported on stderr with their location) instead of stopping.")
    var skipInvalid = false
}
