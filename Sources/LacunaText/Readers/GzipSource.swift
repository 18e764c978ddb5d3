import CZlib

/// Inflates a gzip stream (RFC 1952) on the fly with zlib, so compressed input is never
/// held whole. Concatenated gzip members (as `cat a.gz b.gz` makes) are read one after another.
///
/// zlib's `inflateInit2` with `16 + MAX_WBITS` selects the gzip wrapper; its return codes
/// become ``RecordParseError/corruptCompressedData(_:detail:)`` here and nowhere else.
final class GzipSource: ByteSource {
    private let upstream: ByteSource
    private let file: String
    private let stream: UnsafeMutablePointer<z_stream>
    private var input: [UInt8] = []
    /// Inflated bytes land here, then are appended to the caller's buffer.
    private let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
    private var inputOffset = 0
    private var upstreamDone = false
    private var finished = false
    /// Bytes produced so far (for the rough location of corruption: the line is unknown).
    private var memberEnded = false

    init(upstream: ByteSource, file: String) throws(RecordParseError) {
        self.upstream = upstream
        self.file = file
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = inflateInit2_(stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        if rc != Z_OK {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .corruptCompressedData(SourceLocation(file: file, line: 0), detail: "zlib initialisation failed (\(rc))")
        }
    }

    deinit {
        inflateEnd(stream)
        scratch.deallocate()
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    private func refill() throws(RecordParseError) {
        input.removeAll(keepingCapacity: true)
        inputOffset = 0
        if try upstream.read(into: &input, max: 1 << 18) == 0 { upstreamDone = true }
    }

    func read(into buffer: inout [UInt8], max: Int) throws(RecordParseError) -> Int {
        guard !finished, max > 0 else { return 0 }
        let max = min(max, scratch.count)
        var produced = 0
        var failure: RecordParseError?
        while produced == 0 && failure == nil && !finished {
            if inputOffset >= input.count && !upstreamDone {
                do { try refill() } catch { failure = error; break }
            }
            if inputOffset >= input.count && upstreamDone {
                if memberEnded { finished = true; break }
                failure = .corruptCompressedData(SourceLocation(file: file, line: 0), detail: "truncated gzip stream (unexpected end of file)")
                break
            }
            let available = input.count - inputOffset
            var rc: Int32 = 0
            input.withUnsafeMutableBufferPointer { inp in
                do {
                    let out = scratch
                    stream.pointee.next_in = inp.baseAddress! + inputOffset
                    stream.pointee.avail_in = UInt32(available)
                    stream.pointee.next_out = out.baseAddress! + produced
                    stream.pointee.avail_out = UInt32(max - produced)
                    rc = inflate(stream, Z_NO_FLUSH)
                    produced = max - Int(stream.pointee.avail_out)
                }
            }
            inputOffset = input.count - Int(stream.pointee.avail_in)
            if produced > 0 { memberEnded = false }
            switch rc {
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_STREAM_END:
                memberEnded = true
                // Another member may follow; skip trailing zero padding some tools add.
                if inputOffset >= input.count && !upstreamDone {
                    do { try refill() } catch { failure = error; break }
                }
                while inputOffset < input.count && input[inputOffset] == 0 { inputOffset += 1 }
                if inputOffset < input.count {
                    inflateReset(stream)
                } else if upstreamDone {
                    finished = true
                } else {
                    inflateReset(stream)
                }
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                failure = .corruptCompressedData(SourceLocation(file: file, line: 0), detail: detail)
            }
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<produced]))
        if let failure { finished = true; throw failure }
        return produced
    }
}
