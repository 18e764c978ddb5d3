#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stream of raw bytes: a file, standard input, memory, or a decompressor over one of them.
protocol ByteSource: AnyObject {
    /// Appends up to `max` bytes to `buffer`; returns how many (0 at the end of the stream).
    func read(into buffer: inout [UInt8], max: Int) throws(RecordParseError) -> Int
}

extension ByteSource {
    /// Reads until `count` bytes were appended or the stream ended; returns how many.
    func readFully(into buffer: inout [UInt8], count: Int) throws(RecordParseError) -> Int {
        var total = 0
        while total < count {
            let n = try read(into: &buffer, max: count - total)
            if n == 0 { break }
            total += n
        }
        return total
    }
}

/// Bytes from a file descriptor, read with `read(2)`. Closes the descriptor when done
/// unless it is standard input.
final class FileDescriptorSource: ByteSource {
    private var fd: Int32
    let file: String

    /// Opens `path` for reading ("-" is standard input, named `<stdin>` in messages).
    init(path: String) throws(RecordParseError) {
        if path == "-" {
            fd = 0
            file = "<stdin>"
            return
        }
        file = path
        fd = open(path, O_RDONLY)
        if fd < 0 { throw .cannotRead(file: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            fd = -1
            throw .cannotRead(file: path, reason: "is a directory")
        }
    }

    /// Bytes are read here first, then appended: no zero-filling of the caller's buffer.
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)

    func read(into buffer: inout [UInt8], max: Int) throws(RecordParseError) -> Int {
        guard fd >= 0, max > 0 else { return 0 }
        while true {
            let n = Glibc.read(fd, scratch.baseAddress!, min(max, scratch.count))
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(file: file, reason: String(cString: strerror(errno)))
            }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<n]))
            return n
        }
    }

    deinit {
        if fd > 0 { close(fd) }
        scratch.deallocate()
    }
}

/// Bytes held in memory (tests, fuzzing, and the already-read head of a stream).
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: inout [UInt8], max: Int) throws(RecordParseError) -> Int {
        let n = min(max, bytes.count - offset)
        if n > 0 { buffer.append(contentsOf: bytes[offset..<(offset + n)]) }
        offset += n
        return n
    }
}

/// A head of bytes already read, followed by the rest of another source.
final class PrefixedSource: ByteSource {
    private var prefix: [UInt8]
    private var offset = 0
    private let rest: ByteSource

    init(prefix: [UInt8], rest: ByteSource) {
        self.prefix = prefix
        self.rest = rest
    }

    func read(into buffer: inout [UInt8], max: Int) throws(RecordParseError) -> Int {
        if offset < prefix.count {
            let n = min(max, prefix.count - offset)
            buffer.append(contentsOf: prefix[offset..<(offset + n)])
            offset += n
            if offset == prefix.count { prefix = [] ; offset = Int.max }
            return n
        }
        return try rest.read(into: &buffer, max: max)
    }
}
