using Simpus.Cli;

return CommandLine.Run(args, CliConsole.System);
