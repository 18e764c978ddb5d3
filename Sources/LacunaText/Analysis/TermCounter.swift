import Foundation

/// Counts the terms of one fixed chunk of documents with chunk-local term ids.
///
/// Tokens are interned by their bytes (no `String` per token); each distinct token is analysed
/// once per chunk (stop word? stem?) and memoised. N-grams are interned as pairs
/// (left (n−1)-gram id, right unigram id), so a bigram costs one integer-pair lookup.
/// Local ids are merged into global ones in chunk order by ``Vocabulary``, which makes the
/// result independent of how many threads ran the chunks.
final class TermCounter {
    let analyzer: Analyzer
    private let tokenizer: Tokenizer
    /// Distinct tokens of the chunk.
    let tokens: ByteKeyTable
    /// Per token: its unigram term id, or -1 for a stop word.
    @exclusivity(unchecked) private(set) var tokenTerm: [Int32] = []
    /// Per token: how often it was kept (for surface forms).
    @exclusivity(unchecked) private(set) var tokenUses: [Int32] = []
    /// Stems, when stemming (unigram terms are keyed here instead of in `tokens`).
    let stems: ByteKeyTable?
    private let pairs: PairTable

    /// Per term: the key id of a unigram (in `stems ?? tokens`), or -1 for an n-gram.
    @exclusivity(unchecked) private(set) var termKey: [Int32] = []
    /// Per n-gram term: its left part (an (n−1)-gram or unigram term id) and right unigram.
    @exclusivity(unchecked) private(set) var termLeft: [Int32] = []
    @exclusivity(unchecked) private(set) var termRight: [Int32] = []
    /// Per term: document frequency and total count within the chunk.
    @exclusivity(unchecked) private(set) var df: [Int32] = []
    @exclusivity(unchecked) private(set) var tf: [Int64] = []
    /// Per term: (document index + 1) << 32 | count in that document.
    @exclusivity(unchecked) private var docState: [UInt64] = []

    /// Per document of the chunk: its distinct terms and their counts, back to back.
    @exclusivity(unchecked) private(set) var docTerms: [Int32] = []
    @exclusivity(unchecked) private(set) var docCounts: [Int32] = []
    /// End offset into `docTerms` of each document.
    @exclusivity(unchecked) private(set) var docEnds: [Int] = []

    @exclusivity(unchecked) private var docList: [Int32] = []
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    private let minN: Int, maxN: Int
    @exclusivity(unchecked) private var previous: [Int32], current: [Int32]

    /// A counter for a chunk of about `expectedBytes` of text (sizes its tables and arrays
    /// up front, so they do not grow by copying).
    init(analyzer: Analyzer, expectedBytes: Int = 0) {
        self.analyzer = analyzer
        tokens = ByteKeyTable(capacity: min(1 << 16, max(1024, expectedBytes / 128)))
        pairs = PairTable(capacity: analyzer.options.ngramRange.upperBound >= 2 ? min(1 << 19, max(1024, expectedBytes / 16)) : 16)
        docTerms.reserveCapacity(expectedBytes / 16)
        docCounts.reserveCapacity(expectedBytes / 16)
        tokenizer = analyzer.makeTokenizer()
        stems = analyzer.stems ? ByteKeyTable(capacity: 8192) : nil
        minN = analyzer.options.ngramRange.lowerBound
        maxN = analyzer.options.ngramRange.upperBound
        previous = [Int32](repeating: -1, count: maxN)
        current = previous
    }

    /// Number of local terms.
    var termCount: Int { termKey.count }

    private func newTerm(key: Int32, left: Int32, right: Int32) -> Int32 {
        let id = Int32(termKey.count)
        termKey.append(key); termLeft.append(left); termRight.append(right)
        df.append(0); tf.append(0); docState.append(0)
        return id
    }

    /// The unigram term of a newly seen token, or -1 for a stop word.
    private func resolve(_ p: UnsafePointer<UInt8>, _ len: Int, tokenID: Int32) -> Int32 {
        if analyzer.isStopWord(p, len) { return -1 }
        guard let stems else { return newTerm(key: tokenID, left: -1, right: -1) }
        scratch.removeAll(keepingCapacity: true)
        analyzer.appendTerm(of: UnsafeBufferPointer(start: p, count: len), to: &scratch)
        let (sid, inserted) = scratch.withUnsafeBufferPointer { stems.findOrInsert($0) }
        if inserted {
            let t = newTerm(key: sid, left: -1, right: -1)
            precondition(Int(sid) == stemTerm.count, "stem ids and terms out of step")
            stemTerm.append(t)
            return t
        }
        return stemTerm[Int(sid)]
    }
    /// Per stem id: its term id.
    @exclusivity(unchecked) private var stemTerm: [Int32] = []

    @inline(__always)
    private func bump(_ t: Int32, doc: Int32) {
        let i = Int(t)
        let s = docState[i]
        if s >> 32 != UInt64(doc + 1) {
            docState[i] = UInt64(doc + 1) << 32 | 1
            docList.append(t)
        } else {
            docState[i] = s + 1
        }
    }

    /// Counts the terms of one more document.
    func add(_ text: String) {
        let doc = Int32(docEnds.count)
        tokenizer.tokenize(text)
        let minN = self.minN, maxN = self.maxN, trackUses = stems != nil
        if maxN >= 2 { for k in 0..<maxN { previous[k] = -1 } }
        let bytes = tokenizer.bytes, ends = tokenizer.ends
        var start = 0
        for k in 0..<tokenizer.count {
            let e = Int(ends[k])
            let p = bytes + start, len = e - start
            start = e
            let (tok, t) = tokens.findOrInsert(p, len, hash: ByteKeyTable.hashPadded(p, len)) { id in
                let term = resolve(p, len, tokenID: id)
                tokenTerm.append(term)
                tokenUses.append(0)
                return term
            }
            if t < 0 { continue }
            if trackUses { tokenUses[Int(tok)] &+= 1 }
            if minN == 1 { bump(t, doc: doc) }
            if maxN >= 2 {
                current[0] = t
                for n in 2...maxN {
                    let left = previous[n - 2]
                    if left < 0 { current[n - 1] = -1; continue }
                    let (g, isNew) = pairs.findOrInsert(left, t, next: Int32(termKey.count))
                    if isNew { _ = newTerm(key: -1, left: left, right: t) }
                    current[n - 1] = g
                    if n >= minN { bump(g, doc: doc) }
                }
                swap(&previous, &current)
            }
        }
        for t in docList {
            let i = Int(t)
            let c = Int32(truncatingIfNeeded: docState[i] & 0xFFFF_FFFF)
            docTerms.append(t)
            docCounts.append(c)
            df[i] += 1
            tf[i] += Int64(c)
        }
        docList.removeAll(keepingCapacity: true)
        docEnds.append(docTerms.count)
    }

    /// Appends the bytes of local term `t` ("a b" for n-grams).
    func appendBytes(ofTerm t: Int, to out: inout [UInt8]) {
        let key = termKey[t]
        if key >= 0 {
            out.append(contentsOf: (stems ?? tokens).key(Int(key)))
        } else {
            appendBytes(ofTerm: Int(termLeft[t]), to: &out)
            out.append(UInt8(ascii: " "))
            appendBytes(ofTerm: Int(termRight[t]), to: &out)
        }
    }
}

/// Runs `body` over fixed chunks of `0..<count` on all cores and returns the results in chunk
/// order. Chunk boundaries never depend on the number of threads.
func forEachChunk<T>(count: Int, chunkSize: Int, _ body: (Range<Int>) -> T) -> [T] {
    let chunks = (count + chunkSize - 1) / chunkSize
    if chunks == 0 { return [] }
    if chunks == 1 { return [body(0..<count)] }
    let results = UnsafeMutablePointer<T?>.allocate(capacity: chunks)
    results.initialize(repeating: nil, count: chunks)
    defer { results.deinitialize(count: chunks); results.deallocate() }
    withoutActuallyEscaping(body) { escapable in
        // Each iteration writes only its own slot; `body` is only read.
        let shared = UncheckedSendable(value: (escapable, results))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = c * chunkSize
            shared.value.1[c] = shared.value.0(lo..<min(count, lo + chunkSize))
        }
    }
    return (0..<chunks).map { results[$0]! }
}

/// Carries a value into a `@Sendable` closure whose accesses the caller has made race-free.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
