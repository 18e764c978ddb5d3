import ArgumentParser
LacunaCommand.main()
