#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Errors raised while writing output.
public enum OutputError: Error, CustomStringConvertible, Sendable {
    /// The file could not be created or written.
    case cannotWrite(path: String, reason: String)
    /// The reading end of a pipe went away (e.g. `| head`); callers exit quietly.
    case brokenPipe

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "\(path): cannot write: \(reason)"
        case .brokenPipe: return "output pipe closed"
        }
    }
}

/// A buffered byte sink over a file descriptor, written with `write(2)`.
///
/// Unlike Foundation's non-throwing `FileHandle.write`, a closed pipe (EPIPE) becomes
/// ``OutputError/brokenPipe`` rather than a trap. Call ``ignoreSIGPIPE()`` once at start-up.
public final class ByteSink {
    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16

    /// A sink writing to `fd`; `path` names it in errors.
    public init(fileDescriptor fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        buffer.reserveCapacity(capacity)
    }

    /// Standard output.
    public static func standardOutput() -> ByteSink { ByteSink(fileDescriptor: 1, path: "<stdout>") }

    /// Ignores SIGPIPE so a closed pipe shows up as EPIPE from `write(2)`.
    public static func ignoreSIGPIPE() { signal(SIGPIPE, SIG_IGN) }

    /// Appends a string (UTF-8).
    public func write(_ s: String) throws(OutputError) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= capacity { try flush() }
    }

    /// Appends raw bytes.
    public func write(bytes: some Collection<UInt8>) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Writes out everything buffered.
    public func flush() throws(OutputError) {
        var offset = 0
        let total = buffer.count
        var failure: Int32 = 0
        buffer.withUnsafeBytes { raw in
            while offset < total {
                let n = Glibc.write(fd, raw.baseAddress! + offset, total - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if failure == EPIPE { throw .brokenPipe }
        if failure != 0 { throw .cannotWrite(path: path, reason: String(cString: strerror(failure))) }
    }
}

/// Writes a file atomically: bytes go to a temporary file in the same folder, which is
/// `fsync`ed and renamed over the destination only when everything succeeded.
/// A failed or abandoned write leaves the destination untouched and removes the temporary file.
public final class AtomicFileWriter {
    /// The destination path.
    public let path: String
    private let temporaryPath: String
    private let fd: Int32
    /// The sink to write through.
    public let sink: ByteSink
    private var finished = false

    /// Opens a temporary file next to `path`.
    /// - Throws: ``OutputError/cannotWrite(path:reason:)`` when the folder is not writable.
    public init(path: String) throws(OutputError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var template = Array("\(folder)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(fd, 0o644)
        self.sink = ByteSink(fileDescriptor: fd, path: path)
    }

    /// Flushes, syncs and renames the temporary file over the destination.
    public func commit() throws(OutputError) {
        precondition(!finished, "AtomicFileWriter committed twice")
        finished = true
        do {
            try sink.flush()
        } catch {
            close(fd); unlink(temporaryPath); throw error
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw .cannotWrite(path: path, reason: reason)
        }
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    /// Abandons the write: the destination is left as it was.
    public func abandon() {
        guard !finished else { return }
        finished = true
        close(fd); unlink(temporaryPath)
    }

    deinit { abandon() }

    /// Writes `bytes` to `path` atomically in one call.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(OutputError) {
        let w = try AtomicFileWriter(path: path)
        try w.sink.write(bytes: bytes)
        try w.commit()
    }
}

/// Progress messages on standard error, shown only when stderr is a terminal (quiet in pipes).
public struct ProgressReporter: Sendable {
    /// Whether messages are printed.
    public let enabled: Bool

    /// A reporter enabled when stderr is a terminal, unless `quiet`.
    public init(quiet: Bool = false) {
        self.enabled = !quiet && isatty(2) == 1
    }

    /// Prints a progress line to stderr when enabled.
    public func report(_ message: @autoclosure () -> String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("lacuna: " + message() + "\n").utf8))
    }
}

/// Prints a note to stderr unconditionally (numerical choices, warnings).
public func printNote(_ message: String) {
    FileHandle.standardError.write(Data(("lacuna: " + message + "\n").utf8))
}
