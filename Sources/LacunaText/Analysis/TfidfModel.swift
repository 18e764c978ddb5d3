import Foundation
import LacunaKernels

/// A fitted TF-IDF vocabulary: sorted terms, their idf, and the options that made them.
///
/// Made by ``TfidfVectorizer/fit(_:)``, or rebuilt from a model file with
/// ``init(options:terms:idf:surfaceForms:documentCount:)``. `transform` maps new texts onto
/// the same columns; terms outside the vocabulary are ignored.
public struct TfidfModel: Sendable {
    /// The options the model was fitted with.
    public let options: TfidfVectorizer.Options
    /// The vocabulary in code-point order; column j of every matrix is `terms[j]`.
    public let terms: [String]
    /// idf of each term (see ``TfidfVectorizer`` for the formula).
    public let idf: [Float]
    /// Per term, the most frequent unstemmed form seen when fitting ("burden sharing" for
    /// "burden share"), for display; equal to the term without stemming.
    public let surfaceForms: [String]
    /// Number of documents the model was fitted on.
    public let documentCount: Int
    let analyzer: Analyzer
    let lookup: ByteKeyTable

    /// A model from its stored parts (e.g. loaded from a model file).
    /// - Precondition: `terms`, `idf` and `surfaceForms` have the same length, and
    ///   `options.validate()` does not throw (model loaders check it first).
    public init(options: TfidfVectorizer.Options, terms: [String], idf: [Float], surfaceForms: [String], documentCount: Int) {
        let analyzer: Analyzer
        do {
            analyzer = try Analyzer(options: options.analyzer)
        } catch {
            preconditionFailure("TfidfModel options must be validated before loading: \(error)")
        }
        self.init(options: options, terms: terms, idf: idf, surfaceForms: surfaceForms, documentCount: documentCount,
                  analyzer: analyzer)
    }

    init(options: TfidfVectorizer.Options, terms: [String], idf: [Float], surfaceForms: [String], documentCount: Int,
         analyzer: Analyzer) {
        precondition(terms.count == idf.count && terms.count == surfaceForms.count,
                     "TfidfModel: \(terms.count) terms, \(idf.count) idf values, \(surfaceForms.count) surface forms")
        self.options = options; self.terms = terms; self.idf = idf; self.surfaceForms = surfaceForms
        self.documentCount = documentCount; self.analyzer = analyzer
        let table = ByteKeyTable(capacity: max(16, terms.count))
        for t in terms { table.insert(t) }
        lookup = table
    }

    /// The column of `term`, or nil when it is not in the vocabulary.
    /// - Complexity: O(length of term).
    public func index(of term: String) -> Int? {
        let i = lookup.find(term)
        return i >= 0 ? Int(i) : nil
    }

    /// The TF-IDF matrix of `texts` over this vocabulary (`texts.count` × `terms.count`).
    /// - Complexity: O(total text length + nnz), on all cores over fixed chunks.
    public func transform(_ texts: [String]) -> CSRMatrix {
        let analyzer = self.analyzer
        let lookup = self.lookup
        let chunks = forEachChunk(count: texts.count, chunkSize: TfidfVectorizer.chunkSize) { range in
            let counter = TermCounter(analyzer: analyzer, expectedBytes: range.reduce(0) { $0 + texts[$1].utf8.count })
            for i in range { counter.add(texts[i]) }
            var scratch: [UInt8] = []
            var columns = [Int32](repeating: -1, count: counter.termCount)
            for t in 0..<counter.termCount {
                scratch.removeAll(keepingCapacity: true)
                counter.appendBytes(ofTerm: t, to: &scratch)
                columns[t] = scratch.withUnsafeBufferPointer { b in
                    b.baseAddress.map { lookup.find($0, b.count) } ?? lookup.find("")
                }
            }
            return (counter, columns)
        }
        return weigh(chunks: chunks.map(\.0), columns: chunks.map(\.1))
    }

    /// Builds the weighted, normalised rows from per-chunk counts and local-term → column maps.
    func weigh(chunks: [TermCounter], columns: [[Int32]]) -> CSRMatrix {
        var clock = PhaseClock()
        defer { clock.lap("weigh") }
        let idf = self.idf
        let sublinear = options.sublinearTF, l2 = options.norm == .l2
        // tf of small counts, precomputed (1 + ln c with sublinearTF).
        let tfTable = (0..<1024).map { c in c == 0 ? 0 : sublinear ? 1 + log(Double(c)) : Double(c) }
        let parts = forEachChunk(count: chunks.count, chunkSize: 1) { r -> (ends: [Int], cols: [Int32], vals: [Float]) in
            let chunk = chunks[r.lowerBound], map = columns[r.lowerBound]
            var ends: [Int] = [], cols: [Int32] = [], vals: [Float] = []
            ends.reserveCapacity(chunk.docEnds.count)
            cols.reserveCapacity(chunk.docTerms.count)
            vals.reserveCapacity(chunk.docTerms.count)
            var row: [UInt64] = []  // column << 32 | count, sorted by column
            var weights: [Double] = []
            var start = 0
            for end in chunk.docEnds {
                row.removeAll(keepingCapacity: true)
                for p in start..<end {
                    let c = map[Int(chunk.docTerms[p])]
                    if c >= 0 { row.append(UInt64(c) << 32 | UInt64(UInt32(chunk.docCounts[p]))) }
                }
                start = end
                row.sort()
                weights.removeAll(keepingCapacity: true)
                var sumSquares = 0.0
                for packed in row {
                    let c = Int(packed >> 32), n = Int(packed & 0xFFFF_FFFF)
                    let tf = n < 1024 ? tfTable[n] : sublinear ? 1 + log(Double(n)) : Double(n)
                    let w = tf * Double(idf[c])
                    weights.append(w)
                    sumSquares += w * w
                }
                let scale = l2 && sumSquares > 0 ? 1 / sumSquares.squareRoot() : 1
                for (k, packed) in row.enumerated() {
                    cols.append(Int32(packed >> 32))
                    vals.append(Float(weights[k] * scale))
                }
                ends.append(cols.count)
            }
            return (ends, cols, vals)
        }
        var rowPointers: [Int] = [0]
        var cols: [Int32] = [], vals: [Float] = []
        let nnz = parts.reduce(0) { $0 + $1.cols.count }
        cols.reserveCapacity(nnz); vals.reserveCapacity(nnz)
        rowPointers.reserveCapacity(chunks.reduce(1) { $0 + $1.docEnds.count })
        for part in parts {
            let base = cols.count
            for e in part.ends { rowPointers.append(base + e) }
            cols.append(contentsOf: part.cols)
            vals.append(contentsOf: part.vals)
        }
        return CSRMatrix(uncheckedRows: rowPointers.count - 1, columns: terms.count, rowPointers: rowPointers,
                         columnIndices: cols, values: vals)
    }
}
