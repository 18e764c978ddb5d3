import Foundation

/// The global vocabulary built from per-chunk counts: merging, pruning by document frequency
/// and `maxFeatures`, and sorting, with scikit-learn's rules (`CountVectorizer._limit_features`).
struct Vocabulary {
    /// Global unigram terms, keyed by bytes.
    let unigrams = ByteKeyTable(capacity: 1 << 16)
    /// Global n-grams, keyed by (left global id, right global id).
    let ngrams = PairTable(capacity: 1 << 16)
    /// Per global term: unigram key in `unigrams`, or -1 with its left/right parts.
    var key: [Int32] = [], left: [Int32] = [], right: [Int32] = []
    var df: [Int] = []
    var tf: [Int64] = []
    /// Per chunk: local term id → global term id.
    var localToGlobal: [[Int32]] = []

    /// Merges the chunks in order.
    /// - Complexity: one hash lookup per distinct term per chunk.
    init(merging chunks: [TermCounter]) {
        var scratch: [UInt8] = []
        for chunk in chunks {
            var map = [Int32](repeating: -1, count: chunk.termCount)
            for t in 0..<chunk.termCount {
                let g: Int32
                let k = chunk.termKey[t]
                if k >= 0 {
                    scratch.removeAll(keepingCapacity: true)
                    chunk.appendBytes(ofTerm: t, to: &scratch)
                    let (id, inserted) = scratch.withUnsafeBufferPointer { unigrams.findOrInsert($0) }
                    if inserted {
                        g = Int32(key.count)
                        key.append(id); left.append(-1); right.append(-1); df.append(0); tf.append(0)
                        unigramTerm.append(g)
                    } else {
                        g = unigramTerm[Int(id)]
                    }
                } else {
                    let l = map[Int(chunk.termLeft[t])], r = map[Int(chunk.termRight[t])]
                    let (id, inserted) = ngrams.findOrInsert(l, r, next: Int32(key.count))
                    if inserted {
                        key.append(-1); left.append(l); right.append(r); df.append(0); tf.append(0)
                    }
                    g = id
                }
                map[t] = g
                df[Int(g)] += Int(chunk.df[t])
                tf[Int(g)] += chunk.tf[t]
            }
            localToGlobal.append(map)
        }
    }
    /// Per unigram key: its global term id.
    private var unigramTerm: [Int32] = []

    var count: Int { key.count }

    func appendBytes(ofTerm g: Int, to out: inout [UInt8]) {
        let k = key[g]
        if k >= 0 {
            out.append(contentsOf: unigrams.key(Int(k)))
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
            let reason: String
            if tooCommon == 0 {
                reason = "every term appears in fewer than \(VectorizerError.fmt(low)) documents"
            } else if tooRare == 0 {
                reason = "every term appears in more than \(VectorizerError.fmt(high)) documents"
            } else {
                reason = "each term appears in fewer than \(VectorizerError.fmt(low)) or more than \(VectorizerError.fmt(high)) documents"
            }
            throw .noTermsLeft(documents: n, minDocumentFrequency: options.minDocumentFrequency.flagValue,
                               maxDocumentFrequency: options.maxDocumentFrequency.flagValue, reason: reason)
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
