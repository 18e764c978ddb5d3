import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams JSON Lines: one record (or OpenAlex results page) per line, blank lines ignored.
///
/// The decoder hands over chunks of about 8 MiB; each chunk's complete lines are split on
/// bytes (`memchr`) and parsed in parallel with `DispatchQueue.concurrentPerform` over fixed
/// groups of ``groupSize`` lines, so the work split never depends on the thread count and
/// records come out in input order. One more iteration of the same `concurrentPerform`
/// reads and checks the next chunk meanwhile. Memory stays at about two chunks plus their records,
/// whatever the input size; a single line may be arbitrarily long.
final class JSONLinesParser: RecordParsing {
    static let groupSize = 512

    private let decoder: TextDecoder
    private let file: String
    private let mapping: JSONMapping
    private var pending: [UInt8] = []
    private var nextLine = 1          // line number of the first byte of `pending`
    private var queue: [Result<PaperRecord, RecordParseError>] = []
    private var queueIndex = 0
    private var finished = false
    /// The next chunk, decoded while the previous one was parsed.
    private var prefetched: Result<[UInt8]?, RecordParseError>?

    init(decoder: TextDecoder, file: String, mapping: JSONMapping) {
        self.decoder = decoder
        self.file = file
        self.mapping = mapping
    }

    func nextStep() throws(RecordParseError) -> ParseStep {
        while queueIndex >= queue.count {
            if finished { return .end }
            try fill()
        }
        let r = queue[queueIndex]
        queueIndex += 1
        switch r {
        case .success(let rec): return .record(rec)
        case .failure(let e): return .invalid(e)
        }
    }

    private func fill() throws(RecordParseError) {
        queue.removeAll(keepingCapacity: true)
        queueIndex = 0
        let next: [UInt8]?
        if let p = prefetched {
            prefetched = nil
            next = try p.get()
        } else {
            next = try decoder.nextChunk()
        }
        guard let chunk = next else {
            finished = true
            if !pending.isEmpty {
                let buffer = pending
                pending = []
                queue = parse(buffer, lines: [(0, buffer.count, nextLine)])
            }
            return
        }
        var buffer = pending
        if buffer.isEmpty { buffer = chunk } else {
            buffer.reserveCapacity(pending.count + chunk.count)
            buffer.append(contentsOf: chunk)
        }
        // Split complete lines; keep the incomplete tail for the next chunk.
        var lines: [(Int, Int, Int)] = []
        var lineNumber = nextLine
        var lastEnd = 0
        buffer.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            var start = 0
            while start < p.count, let hit = memchr(base + start, 0x0A, p.count - start) {
                let nl = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                lines.append((start, nl, lineNumber))
                lineNumber += 1
                start = nl + 1
            }
            lastEnd = start
        }
        nextLine = lineNumber
        pending = Array(buffer[lastEnd...])
        queue = parse(buffer, lines: lines)
    }

    /// Parses the given lines (start, end, number) of `buffer`, in parallel groups.
    private func parse(_ buffer: [UInt8], lines: [(Int, Int, Int)]) -> [Result<PaperRecord, RecordParseError>] {
        let groups = (lines.count + JSONLinesParser.groupSize - 1) / JSONLinesParser.groupSize
        let file = self.file, mapping = self.mapping
        if groups <= 1 {
            return buffer.withUnsafeBufferPointer { p in
                JSONLinesParser.parseGroup(p, lines[...], file: file, mapping: mapping)
            }
        }
        let slots = ResultSlots<[Result<PaperRecord, RecordParseError>]>(count: groups, empty: [])
        // Iteration 0 decodes the next chunk (read, UTF-8 check) while the others parse this one.
        let prefetch = finished ? nil : PrefetchBox(decoder: decoder)
        let first = prefetch == nil ? 0 : 1
        buffer.withUnsafeBufferPointer { p in
            let shared = SharedBuffer(p: p)
            DispatchQueue.concurrentPerform(iterations: groups + first) { iteration in
                if iteration < first {
                    prefetch!.run()
                    return
                }
                let g = iteration - first
                let lo = g * JSONLinesParser.groupSize
                let hi = min(lines.count, lo + JSONLinesParser.groupSize)
                slots.set(g, JSONLinesParser.parseGroup(shared.p, lines[lo..<hi], file: file, mapping: mapping))
            }
        }
        if let prefetch { prefetched = prefetch.result }
        var all: [Result<PaperRecord, RecordParseError>] = []
        all.reserveCapacity(lines.count)
        for g in 0..<groups { all.append(contentsOf: slots.take(g)) }
        return all
    }

    private static func parseGroup(_ p: UnsafeBufferPointer<UInt8>, _ lines: ArraySlice<(Int, Int, Int)>, file: String,
                                   mapping: JSONMapping) -> [Result<PaperRecord, RecordParseError>] {
        var out: [Result<PaperRecord, RecordParseError>] = []
        out.reserveCapacity(lines.count)
        for (start, rawEnd, number) in lines {
            var end = rawEnd
            if end > start, p[end - 1] == 0x0D { end -= 1 }
            var parser = JSONParser(p, range: start..<end)
            if parser.atEnd() { continue }
            let location = SourceLocation(file: file, line: number)
            do throws(JSONParser.Failure) {
                guard p[parser.offsetOfNextValue()] == UInt8(ascii: "{") else {
                    throw JSONParser.Failure(offset: parser.offsetOfNextValue(), expected: "a JSON object (one record per line)")
                }
                let fields = try parser.parseRecordObject()
                if !parser.atEnd() {
                    throw JSONParser.Failure(offset: parser.offsetOfNextValue(), expected: "end of line after the record")
                }
                var openAlexID = false
                if case .string(let id)? = fields.id, id.hasPrefix("https://openalex.org/") { openAlexID = true }
                let schemaKeys = fields.abstract != nil || fields.authors != nil || fields.year != nil || fields.venue != nil
                if mapping == .openAlex || ((fields.looksOpenAlex || openAlexID) && !schemaKeys) || (fields.title == nil && fields.extra["results"] != nil) {
                    let object = fields.object
                    if case .array? = object["results"], object["title"] == nil {
                        out.append(contentsOf: mapping.records(from: .object(object), location: location))
                    } else {
                        out.append(mapping.record(from: .object(object), location: location))
                    }
                } else {
                    out.append(JSONLinesParser.record(fields, location))
                }
            } catch {
                out.append(.failure(error.error(p, lineStart: start, lineEnd: end, line: number, file: file)))
            }
        }
        return out
    }
}

extension JSONLinesParser {
    static func record(_ fields: SchemaFields, _ location: SourceLocation) -> Result<PaperRecord, RecordParseError> {
        Result { () throws(RecordParseError) in try PaperRecord(fields: fields, location: location) }
    }
}

/// Fixed slots written by parallel workers at distinct indices, read after they finish.
/// The storage is a raw allocation (not an array property) so concurrent writes to distinct
/// slots do not trip Swift's exclusivity checks.
final class ResultSlots<T>: @unchecked Sendable {
    private let items: UnsafeMutablePointer<T>
    private let count: Int
    init(count: Int, empty: T) {
        self.count = count
        items = .allocate(capacity: count)
        items.initialize(repeating: empty, count: count)
    }
    func set(_ i: Int, _ v: T) {
        precondition(i >= 0 && i < count)
        items[i] = v
    }
    func take(_ i: Int) -> T {
        precondition(i >= 0 && i < count)
        return items[i]
    }
    deinit {
        items.deinitialize(count: count)
        items.deallocate()
    }
}

/// Runs `decoder.nextChunk()` on a worker; read `result` only after the worker finished.
final class PrefetchBox: @unchecked Sendable {
    private let decoder: TextDecoder
    private(set) var result: Result<[UInt8]?, RecordParseError>?
    init(decoder: TextDecoder) { self.decoder = decoder }
    func run() { result = Result { () throws(RecordParseError) in try decoder.nextChunk() } }
}

/// A read-only buffer shared with parallel workers for the duration of one call.
struct SharedBuffer: @unchecked Sendable {
    let p: UnsafeBufferPointer<UInt8>
}
