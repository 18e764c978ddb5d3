import Foundation
import Testing

/// The built `lacuna` executable: `$LACUNA_EXECUTABLE`, else `lacuna` next to the running test
/// bundle (SwiftPM puts both in `.build/<config>/`), else the first `.build*/debug/lacuna` or
/// `.build*/release/lacuna` found walking up from the bundle and from the working directory.
/// Nil when none exists.
public func lacunaExecutablePath() -> String? {
    let fm = FileManager.default
    if let env = ProcessInfo.processInfo.environment["LACUNA_EXECUTABLE"], fm.isExecutableFile(atPath: env) { return env }
    var starts: [URL] = []
    let arg0 = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    starts.append(arg0.deletingLastPathComponent())
    for b in Bundle.allBundles { starts.append(b.bundleURL.deletingLastPathComponent()) }
    for dir in starts {
        let candidate = dir.appendingPathComponent("lacuna").path
        if fm.isExecutableFile(atPath: candidate) { return candidate }
    }
    for start in starts + [URL(fileURLWithPath: fm.currentDirectoryPath)] {
        var dir = start
        for _ in 0..<8 {
            let builds = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasPrefix(".build") }.sorted()
            for b in builds {
                for config in ["debug", "release"] {
                    let candidate = dir.appendingPathComponent(b).appendingPathComponent(config).appendingPathComponent("lacuna").path
                    if fm.isExecutableFile(atPath: candidate) { return candidate }
                }
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
    }
    return nil
}

/// The package root (the folder holding `Package.swift` and `Corpus/`), found from this source file.
public let lacunaPackageRoot: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}()

/// Runs the built `lacuna` with `args` (and `stdin` on its standard input), waiting for it to exit.
///
/// Standard output and error go through temporary files, so large outputs cannot deadlock the pipe.
/// `$LACUNA_MODEL` and `$LACUNA_PROFILE` are removed from the child's environment so tests see
/// only the models they name. A missing executable records an issue at the caller's location.
/// - Returns: the exit status (−1 when it could not run) and both streams as UTF-8 text.
@discardableResult
public func runLacuna(_ args: [String], stdin: String? = nil, environment: [String: String] = [:],
                      sourceLocation: SourceLocation = #_sourceLocation) -> (status: Int32, stdout: String, stderr: String) {
    guard let exe = lacunaExecutablePath() else {
        Issue.record("the lacuna executable was not found (build it first, or set LACUNA_EXECUTABLE)", sourceLocation: sourceLocation)
        return (-1, "", "")
    }
    let fm = FileManager.default
    let tmp = fm.temporaryDirectory.appendingPathComponent("lacuna-cli-\(UUID().uuidString)")
    do { try fm.createDirectory(at: tmp, withIntermediateDirectories: true) } catch {
        Issue.record("cannot create a temporary folder: \(error)", sourceLocation: sourceLocation)
        return (-1, "", "")
    }
    defer { try? fm.removeItem(at: tmp) }
    let outURL = tmp.appendingPathComponent("stdout"), errURL = tmp.appendingPathComponent("stderr")
    _ = fm.createFile(atPath: outURL.path, contents: nil)
    _ = fm.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: exe)
    process.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["LACUNA_MODEL"] = nil
    env["LACUNA_PROFILE"] = nil
    for (k, v) in environment { env[k] = v }
    process.environment = env
    do {
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            try input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        process.waitUntilExit()
    } catch {
        Issue.record("cannot run \(exe): \(error)", sourceLocation: sourceLocation)
        return (-1, "", "")
    }
    let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    return (process.terminationStatus, stdout, stderr)
}
