import LacunaText

/// libFuzzer entry point for the record readers (see Fuzz/README.md).
///
/// The first byte picks the parser: `byte % 9` indexes `InputFormat.allCases`, and 8 means
/// "detect the format from the content". The other bytes are the input, read with
/// `skipInvalid` on and off. Errors are expected; crashes, hangs and leaks are the bugs.
/// Every record read must also survive a round trip through `jsonLine()` unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = Int(data[0]) % (InputFormat.allCases.count + 1)
    let format: InputFormat? = selector < InputFormat.allCases.count ? InputFormat.allCases[selector] : nil
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    for skipInvalid in [false, true] {
        guard var reader = try? RecordReader(bytes: bytes, name: "fuzz", format: format, skipInvalid: skipInvalid, quietNotes: true) else { continue }
        var count = 0
        while count < 100_000 {
            let next: PaperRecord?
            do { next = try reader.next() } catch { break }
            guard let record = next else { break }
            count += 1
            let line = record.jsonLine()
            guard var again = try? RecordReader(bytes: Array(line.utf8), name: "roundtrip.jsonl", format: .jsonl, quietNotes: true),
                  let back = try? again.next() else {
                fatalError("jsonLine() of a record does not read back: \(line)")
            }
            if back != record { fatalError("round trip changed the record:\n\(line)\n\(back.jsonLine())") }
        }
    }
    return 0
}
