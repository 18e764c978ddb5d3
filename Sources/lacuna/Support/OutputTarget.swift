import ArgumentParser
import LacunaText

/// Runs `body` with a sink on standard output (or an atomically written file when `path`
/// is given), flushes it, and turns a closed pipe into a quiet successful exit.
/// A failure inside `body` abandons a file target, so no half-written output is left.
func withOutput(to path: String? = nil, _ body: (ByteSink) throws -> Void) throws {
    do {
        if let path, path != "-" {
            let writer = try AtomicFileWriter(path: path)
            do {
                try body(writer.sink)
                try writer.commit()
            } catch {
                writer.abandon()
                throw error
            }
        } else {
            let sink = ByteSink.standardOutput()
            try body(sink)
            try sink.flush()
        }
    } catch OutputError.brokenPipe {
        throw ExitCode.success
    }
}
