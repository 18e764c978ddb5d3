import LacunaText

/// libFuzzer entry point (placeholder until the readers land).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    return 0
}
