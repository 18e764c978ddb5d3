import Foundation

/// The global vocabulary built from per-chunk counts: merging, pruning by document frequency
/// and `maxFeatures`, and sorting, with scikit-learn's rules (`CountVectorizer._limit_features`).
struct Vocabulary {
    /// Terms are spread over this many shards by hash and merged shard by shard in parallel
    /// (a fixed number, so ids never depend on the thread count).
    static let shardCount = 16
    /// Global unigram terms of each shard, keyed by bytes.
    let shards: [ByteKeyTable]
    /// Per global term: its id in its shard's table (unigrams) or -1 (n-grams) …
    private(set) var key: [Int32] = []
    /// … the shard of a unigram …
    private(set) var shard: [UInt8] = []
    /// … and an n-gram's left ((n−1)-gram) and right (unigram) parts.
    private(set) var left: [Int32] = [], right: [Int32] = []
    private(set) var df: [Int] = []
    private(set) var tf: [Int64] = []
    /// Per chunk: local term id → global term id.
    private(set) var localToGlobal: [[Int32]] = []

    /// Merges the chunks: unigrams first, then bigrams, trigrams, …; within each n-gram length
    /// the shards run in parallel, each visiting the chunks in order.
    /// - Complexity: one hash lookup per distinct term per chunk, on all cores.
    init(merging chunks: [TermCounter]) {
        let shardCount = Self.shardCount
        // Per chunk: each local term's n-gram length and, for unigrams, its hash.
        let prepared = forEachChunk(count: chunks.count, chunkSize: 1) { r -> (order: [UInt8], hash: [UInt64]) in
            let chunk = chunks[r.lowerBound]
            var order = [UInt8](repeating: 1, count: chunk.termCount)
            var hash = [UInt64](repeating: 0, count: chunk.termCount)
            let table = chunk.stems ?? chunk.tokens
            for t in 0..<chunk.termCount {
                let k = chunk.termKey[t]
                if k >= 0 {
                    let bytes = table.key(Int(k))
                    hash[t] = bytes.baseAddress.map { ByteKeyTable.hash($0, bytes.count) } ?? 0
                } else {
                    order[t] = order[Int(chunk.termLeft[t])] &+ 1
                }
            }
            return (order, hash)
        }
        var maps = chunks.map { [Int32](repeating: -1, count: $0.termCount) }
        let maxOrder = prepared.reduce(UInt8(1)) { m, p in p.order.max().map { max(m, $0) } ?? m }

        // Unigrams: each chunk's terms bucketed by shard, then each shard merges its buckets in
        // chunk order.
        let unigramBuckets = forEachChunk(count: chunks.count, chunkSize: 1) { r -> [[Int32]] in
            let c = r.lowerBound
            var buckets = [[Int32]](repeating: [], count: shardCount)
            let order = prepared[c].order, hash = prepared[c].hash
            for t in 0..<chunks[c].termCount where order[t] == 1 {
                buckets[Int(hash[t] >> 60) % shardCount].append(Int32(t))
            }
            return buckets
        }
        let unigramShards = forEachChunk(count: shardCount, chunkSize: 1) { r -> (table: ByteKeyTable, df: [Int], tf: [Int64], assigned: [[Int32]]) in
            let s = r.lowerBound
            let table = ByteKeyTable(capacity: 1 << 14)
            var df: [Int] = [], tf: [Int64] = []
            var assigned: [[Int32]] = []
            // A valid address for empty keys (a zero-length key is never read through it).
            let emptyKey = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
            defer { emptyKey.deallocate() }
            for (c, chunk) in chunks.enumerated() {
                let keys = chunk.stems ?? chunk.tokens
                let hash = prepared[c].hash
                let bucket = unigramBuckets[c][s]
                var ids = [Int32](repeating: 0, count: bucket.count)
                for (k, t32) in bucket.enumerated() {
                    let t = Int(t32)
                    let bytes = keys.key(Int(chunk.termKey[t]))
                    let (id, inserted) = table.findOrInsert(bytes.baseAddress ?? UnsafePointer(emptyKey), bytes.count, hash: hash[t])
                    if inserted { df.append(0); tf.append(0) }
                    df[Int(id)] += Int(chunk.df[t])
                    tf[Int(id)] += chunk.tf[t]
                    ids[k] = id
                }
                assigned.append(ids)
            }
            return (table, df, tf, assigned)
        }
        shards = unigramShards.map(\.table)
        for (s, part) in unigramShards.enumerated() {
            let base = Int32(key.count)
            for id in 0..<part.df.count {
                key.append(Int32(id)); shard.append(UInt8(s)); left.append(-1); right.append(-1)
            }
            df += part.df
            tf += part.tf
            for (c, ids) in part.assigned.enumerated() {
                let bucket = unigramBuckets[c][s]
                for (k, id) in ids.enumerated() { maps[c][Int(bucket[k])] = base + id }
            }
        }

        // N-grams, one length at a time (their left parts are the previous length's ids).
        if maxOrder >= 2 {
            for n in 2...Int(maxOrder) {
                let current = maps
                let buckets = forEachChunk(count: chunks.count, chunkSize: 1) { r -> [[(t: Int32, l: Int32, r: Int32)]] in
                    let c = r.lowerBound
                    let chunk = chunks[c], order = prepared[c].order, map = current[c]
                    var buckets = [[(t: Int32, l: Int32, r: Int32)]](repeating: [], count: shardCount)
                    for t in 0..<chunk.termCount where Int(order[t]) == n {
                        let l = map[Int(chunk.termLeft[t])], rr = map[Int(chunk.termRight[t])]
                        var h = (UInt64(UInt32(bitPattern: l)) << 32 | UInt64(UInt32(bitPattern: rr))) &* 0x9E37_79B9_7F4A_7C15
                        h ^= h >> 31
                        buckets[Int(h >> 60) % shardCount].append((Int32(t), l, rr))
                    }
                    return buckets
                }
                let parts = forEachChunk(count: shardCount, chunkSize: 1) { r -> (count: Int, left: [Int32], right: [Int32], df: [Int], tf: [Int64], assigned: [[Int32]]) in
                    let s = r.lowerBound
                    let table = PairTable(capacity: 1 << 14)
                    var lefts: [Int32] = [], rights: [Int32] = [], df: [Int] = [], tf: [Int64] = []
                    var assigned: [[Int32]] = []
                    for (c, chunk) in chunks.enumerated() {
                        let bucket = buckets[c][s]
                        var ids = [Int32](repeating: 0, count: bucket.count)
                        for (k, e) in bucket.enumerated() {
                            let (id, inserted) = table.findOrInsert(e.l, e.r, next: Int32(df.count))
                            if inserted { lefts.append(e.l); rights.append(e.r); df.append(0); tf.append(0) }
                            df[Int(id)] += Int(chunk.df[Int(e.t)])
                            tf[Int(id)] += chunk.tf[Int(e.t)]
                            ids[k] = id
                        }
                        assigned.append(ids)
                    }
                    return (df.count, lefts, rights, df, tf, assigned)
                }
                for (s, part) in parts.enumerated() {
                    let base = Int32(key.count)
                    for _ in 0..<part.count { key.append(-1); shard.append(0) }
                    left += part.left
                    right += part.right
                    df += part.df
                    tf += part.tf
                    for (c, ids) in part.assigned.enumerated() {
                        let bucket = buckets[c][s]
                        for (k, id) in ids.enumerated() { maps[c][Int(bucket[k].t)] = base + id }
                    }
                }
            }
        }
        localToGlobal = maps
    }

    var count: Int { key.count }

    func appendBytes(ofTerm g: Int, to out: inout [UInt8]) {
        let k = key[g]
        if k >= 0 {
            out.append(contentsOf: shards[Int(shard[g])].key(Int(k)))
        } else {
            appendBytes(ofTerm: Int(left[g]), to: &out)
            out.append(UInt8(ascii: " "))
            appendBytes(ofTerm: Int(right[g]), to: &out)
        }
    }

    /// The kept global terms in sorted (code point) order, after pruning.
    /// - Throws: ``VectorizerError`` when nothing is left.
    func select(documents n: Int, options: TfidfVectorizer.Options) throws(VectorizerError) -> (ids: [Int32], terms: [String]) {
        let high = options.maxDocumentFrequency.threshold(documents: n)
        let low = options.minDocumentFrequency.threshold(documents: n)
        if high < low { throw .maxBelowMin(maxCount: high, minCount: low) }
        var anyTerm = false
        var kept: [Int32] = []
        var tooRare = 0, tooCommon = 0
        for g in 0..<count where df[g] > 0 {
            anyTerm = true
            let d = Double(df[g])
            if d < low { tooRare += 1; continue }
            if d > high { tooCommon += 1; continue }
            kept.append(Int32(g))
        }
        guard anyTerm else { throw .emptyVocabulary(documents: n) }
        if kept.isEmpty {
            let minFlag = "--min-df \(options.minDocumentFrequency.flagValue)"
            let maxFlag = "--max-df \(options.maxDocumentFrequency.flagValue)"
            let fewer = "fewer than \(VectorizerError.fmt(low)) documents"
            let more = "more than \(VectorizerError.fmt(high)) documents"
            if tooCommon == 0 {
                throw .noTermsLeft(documents: n, flags: minFlag, reason: "every term appears in \(fewer)",
                                   advice: "Try a lower --min-df")
            } else if tooRare == 0 {
                throw .noTermsLeft(documents: n, flags: maxFlag, reason: "every term appears in \(more)",
                                   advice: "Try a higher --max-df")
            }
            throw .noTermsLeft(documents: n, flags: minFlag + " " + maxFlag,
                               reason: "each term appears in \(fewer) or in \(more)",
                               advice: "Try a lower --min-df or a higher --max-df")
        }
        // Materialise the kept terms' bytes and sort by them (UTF-8 order = code point order).
        var arena: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(kept.count + 1)
        for g in kept {
            appendBytes(ofTerm: Int(g), to: &arena)
            starts.append(arena.count)
        }
        var order = Array(0..<kept.count)
        arena.withUnsafeBufferPointer { a in
            let base = a.baseAddress!
            order.sort { i, j in
                let si = starts[i], li = starts[i + 1] - si, sj = starts[j], lj = starts[j + 1] - sj
                let c = memcmp(base + si, base + sj, min(li, lj))
                return c != 0 ? c < 0 : li < lj
            }
        }
        if let limit = options.maxFeatures, order.count > limit {
            // Most frequent first; ties keep the sorted order (a stable sort).
            var byCount = Array(order.indices)
            byCount.sort { a, b in
                let ta = tf[Int(kept[order[a]])], tb = tf[Int(kept[order[b]])]
                return ta != tb ? ta > tb : a < b
            }
            order = byCount.prefix(limit).sorted().map { order[$0] }
        }
        let ids = order.map { kept[$0] }
        let terms = order.map { String(decoding: arena[starts[$0]..<starts[$0 + 1]], as: UTF8.self) }
        return (ids, terms)
    }
}
