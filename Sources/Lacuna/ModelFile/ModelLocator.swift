import Foundation

/// Finds the model and the gap profile a command uses when the user did not name one.
///
/// Order (DESIGN.md, "Which model a command uses"), the same for both kinds of file:
/// 1. the explicit path (`--model M`, `--profile P`);
/// 2. the environment variable (`LACUNA_MODEL`, `LACUNA_PROFILE`), when set and not empty;
/// 3. the bundled file (`Models/default.lacuna`, `Models/alliance-military-gap.json`) in the
///    nearest folder, from the working directory upwards, that holds a `Package.swift`;
/// 4. the same, upwards from the folder of the running executable with symlinks resolved
///    (a built tool sits in `<root>/.build/<config>/lacuna`);
/// 5. otherwise ``ModelFileError/noModel(searched:)`` / ``ModelFileError/noProfile(searched:)``
///    listing where it looked and how to get one.
///
/// Nothing is looked up as a SwiftPM resource: `Bundle.module` traps when its folder is missing.
/// A path from steps 1–2 that does not exist is an error naming where it came from, rather
/// than a silent fall-through to the bundled file.
public enum ModelLocator {
    /// The environment variable naming a model.
    public static let modelVariable = "LACUNA_MODEL"
    /// The environment variable naming a gap profile.
    public static let profileVariable = "LACUNA_PROFILE"
    /// The bundled model, relative to the package root.
    public static let bundledModel = "Models/default.lacuna"
    /// The bundled gap profile, relative to the package root.
    public static let bundledProfile = "Models/alliance-military-gap.json"

    /// The model to use.
    /// - Parameter explicit: the `--model` value, if given.
    /// - Throws: ``ModelFileError/noModel(searched:)`` when nothing is found;
    ///   ``ModelFileError/cannotRead(path:reason:)`` when a named file does not exist.
    public static func modelPath(explicit: String?) throws(ModelFileError) -> String {
        try resolve(explicit: explicit, flag: "--model", variable: modelVariable, bundled: bundledModel,
                    nothingFound: ModelFileError.noModel(searched:))
    }

    /// The gap profile to use.
    /// - Parameter explicit: the `--profile` value, if given.
    /// - Throws: ``ModelFileError/noProfile(searched:)`` when nothing is found;
    ///   ``ModelFileError/cannotRead(path:reason:)`` when a named file does not exist.
    public static func profilePath(explicit: String?) throws(ModelFileError) -> String {
        try resolve(explicit: explicit, flag: "--profile", variable: profileVariable, bundled: bundledProfile,
                    nothingFound: ModelFileError.noProfile(searched:))
    }

    /// ``locate(explicit:flag:variable:bundled:environment:workingDirectory:executablePath:)`` in
    /// this process, with its failures turned into the caller's errors.
    private static func resolve(explicit: String?, flag: String, variable: String, bundled: String,
                                nothingFound: ([String]) -> ModelFileError) throws(ModelFileError) -> String {
        let found = locate(explicit: explicit, flag: flag, variable: variable, bundled: bundled,
                           environment: ProcessInfo.processInfo.environment,
                           workingDirectory: FileManager.default.currentDirectoryPath,
                           executablePath: executablePath())
        switch found {
        case .success(let path): return path
        case .failure(.missing(let path, let origin)): throw .cannotRead(path: path, reason: "no such file (named by \(origin))")
        case .failure(.notFound(let searched)): throw nothingFound(searched)
        }
    }

    /// Why ``locate(explicit:flag:variable:bundled:environment:workingDirectory:executablePath:)`` found nothing.
    enum Failure: Error, Equatable {
        /// A file named by a flag or variable does not exist.
        case missing(path: String, origin: String)
        /// Nothing found; the places looked at.
        case notFound(searched: [String])
    }

    /// The lookup with every input passed in (testable without touching the process state).
    static func locate(explicit: String?, flag: String, variable: String, bundled: String,
                       environment: [String: String], workingDirectory: String,
                       executablePath: String?) -> Result<String, Failure> {
        if let explicit {
            return exists(explicit) ? .success(explicit) : .failure(.missing(path: explicit, origin: flag))
        }
        if let value = environment[variable], !value.isEmpty {
            return exists(value) ? .success(value) : .failure(.missing(path: value, origin: "$\(variable)"))
        }
        var searched: [String] = ["\(flag) (not given)", "$\(variable) (not set)"]
        var starts = [workingDirectory]
        if let exe = executablePath { starts.append((exe as NSString).deletingLastPathComponent) }
        for start in starts {
            var sawRoot = false
            for folder in ancestors(of: start) where exists(folder + "/Package.swift") {
                sawRoot = true
                let candidate = join(folder, bundled)
                if exists(candidate) { return .success(candidate) }
                if !searched.contains(candidate) { searched.append(candidate) }
            }
            if !sawRoot { searched.append("no Package.swift in \(start) or above") }
        }
        return .failure(.notFound(searched: searched))
    }

    /// `path` and each parent folder up to `/`, nearest first (standardised, absolute).
    static func ancestors(of path: String) -> [String] {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var out: [String] = []
        while true {
            let p = url.path
            out.append(p)
            let parent = url.deletingLastPathComponent().standardizedFileURL
            if parent.path == p || p == "/" || p.isEmpty { break }
            url = parent
        }
        return out
    }

    /// The running executable with symlinks resolved, if it can be found.
    static func executablePath() -> String? {
        #if os(Linux)
        let proc = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        if proc != "/proc/self/exe", exists(proc) { return proc }
        #endif
        return Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }

    private static func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    private static func join(_ folder: String, _ relative: String) -> String {
        folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }
}
