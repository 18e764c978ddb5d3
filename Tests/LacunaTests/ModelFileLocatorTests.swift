import Foundation
import Testing
@testable import Lacuna

@Suite("Model and profile lookup")
struct ModelFileLocatorTests {
    typealias F = ModelFileFixtures

    /// A fake package: root/Package.swift, root/Models/default.lacuna (optional), root/Sources/deep/er.
    static func package(withModel: Bool) -> (root: String, deep: String) {
        let root = F.temporaryFolder()
        let deep = root + "/Sources/deep/er"
        try! FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        try! FileManager.default.createDirectory(atPath: root + "/Models", withIntermediateDirectories: true)
        F.put(Array("// swift-tools-version: 6.1\n".utf8), at: root + "/Package.swift")
        if withModel { F.put([1], at: root + "/Models/default.lacuna") }
        F.put(Array("{}".utf8), at: root + "/Models/alliance-military-gap.json")
        return (root, deep)
    }

    static func locate(explicit: String? = nil, environment: [String: String] = [:], cwd: String, exe: String? = nil,
                       bundled: String = ModelLocator.bundledModel) -> Result<String, ModelLocator.Failure> {
        ModelLocator.locate(explicit: explicit, flag: "--model", variable: "LACUNA_MODEL", bundled: bundled,
                            environment: environment, workingDirectory: cwd, executablePath: exe)
    }

    @Test("The explicit path wins, then the environment, then the bundled model above the working directory")
    func order() {
        let (root, deep) = Self.package(withModel: true)
        defer { F.cleanUp(root) }
        let other = root + "/Models/alliance-military-gap.json"
        #expect(Self.locate(explicit: other, environment: ["LACUNA_MODEL": root + "/Package.swift"], cwd: deep) == .success(other))
        #expect(Self.locate(environment: ["LACUNA_MODEL": other], cwd: deep) == .success(other))
        #expect(Self.locate(environment: ["LACUNA_MODEL": ""], cwd: deep) == .success(root + "/Models/default.lacuna"))
        #expect(Self.locate(cwd: root) == .success(root + "/Models/default.lacuna"))
        #expect(Self.locate(cwd: deep, bundled: ModelLocator.bundledProfile) == .success(root + "/Models/alliance-military-gap.json"))
    }

    @Test("A named file that does not exist is an error naming where it came from")
    func missingNamed() {
        let (root, deep) = Self.package(withModel: true)
        defer { F.cleanUp(root) }
        #expect(Self.locate(explicit: "/nope.lacuna", cwd: deep) == .failure(.missing(path: "/nope.lacuna", origin: "--model")))
        #expect(Self.locate(environment: ["LACUNA_MODEL": "/nope.lacuna"], cwd: deep)
                == .failure(.missing(path: "/nope.lacuna", origin: "$LACUNA_MODEL")))
    }

    @Test("The executable's package root is searched when the working directory has none")
    func fromExecutable() {
        let (root, _) = Self.package(withModel: true)
        defer { F.cleanUp(root) }
        let elsewhere = F.temporaryFolder()
        defer { F.cleanUp(elsewhere) }
        let exe = root + "/.build/release/lacuna"
        #expect(Self.locate(cwd: elsewhere, exe: exe) == .success(root + "/Models/default.lacuna"))
    }

    @Test("Nothing found lists every place looked at and says how to make a model")
    func notFound() {
        let (root, deep) = Self.package(withModel: false)
        defer { F.cleanUp(root) }
        let result = Self.locate(cwd: deep, exe: "/usr/local/bin/lacuna")
        guard case .failure(.notFound(let searched)) = result else { Issue.record("found \(result)"); return }
        #expect(searched.contains(root + "/Models/default.lacuna"))
        #expect(searched.contains("$LACUNA_MODEL (not set)"))
        #expect(searched.contains { $0.hasPrefix("no Package.swift in /usr/local/bin") })
        let message = ModelFileError.noModel(searched: searched).description
        #expect(message.contains("`lacuna fit FILE... --out MODEL`") && message.contains("LACUNA_MODEL"))
    }

    @Test("Ancestors run from the folder itself up to the root")
    func ancestors() {
        #expect(ModelLocator.ancestors(of: "/a/b/../c") == ["/a/c", "/a", "/"])
        #expect(ModelLocator.ancestors(of: "/") == ["/"])
    }
}
