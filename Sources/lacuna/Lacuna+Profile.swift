import ArgumentParser
import Foundation
import Lacuna

/// `lacuna profile`: gap profiles.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Work with gap profiles (see Models/README.md).",
        subcommands: [ProfileCheckCommand.self])
}

/// `lacuna profile check [P]`: validates a profile against a model.
struct ProfileCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a gap profile against a model: empty sides, unknown terms, weights out of range, missing strands.",
        discussion: "Exits 1 when the profile has errors; warnings are reported but do not fail.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The profile (default: --profile, $LACUNA_PROFILE, then Models/alliance-military-gap.json).")
    var profile: String?

    @Option(name: .long, help: "The model (default: $LACUNA_MODEL, then Models/default.lacuna).")
    var model: String?

    func run() throws {
        let profilePath = try ModelLocator.profilePath(explicit: profile)
        let modelPath = try ModelLocator.modelPath(explicit: model)
        let gap = try GapProfile.load(profilePath)
        let fitted = try ModelFile.read(modelPath)
        let findings = gap.check(against: fitted)
        let errors = findings.filter { $0.severity == .error }.count
        try withOutput { out in
            switch global.resolvedFormat(pipeDefault: .json) {
            case .json:
                struct Report: Encodable { var profile: String; var model: String; var ok: Bool; var findings: [ProfileFinding] }
                try out.write(try JSONOutput.pretty(Report(profile: profilePath, model: modelPath, ok: errors == 0, findings: findings)) + "\n")
            case .jsonl:
                for f in findings { try out.write(try JSONOutput.line(f) + "\n") }
            case .table, .csv, .markdown:
                let table = TableRenderer(headers: ["severity", "field", "message"],
                                          rows: findings.map { [$0.severity.rawValue, $0.field, $0.message] })
                switch global.resolvedFormat() {
                case .csv: try out.write(table.csv())
                case .markdown: try out.write(table.markdown())
                default:
                    try out.write("\(profilePath) against \(modelPath): \(errors) error(s), \(findings.count - errors) warning(s)\n")
                    if !findings.isEmpty { try out.write(table.text(maxColumnWidth: 100)) }
                }
            }
        }
        if errors > 0 { throw ExitCode.failure }
    }
}
