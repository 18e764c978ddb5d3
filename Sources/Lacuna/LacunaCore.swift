@_exported import LacunaKernels
@_exported import LacunaText
