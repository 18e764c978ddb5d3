import ArgumentParser
import LacunaText

ByteSink.ignoreSIGPIPE()
LacunaCommand.main()
