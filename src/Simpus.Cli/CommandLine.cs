using System.Reflection;

namespace Simpus.Cli;

/// <summary>Finds the command named by the first argument and runs it; prints the usage otherwise.</summary>
public static class CommandLine
{
    public static IReadOnlyList<ICommand> Commands { get; } = typeof(CommandLine).Assembly.GetTypes()
        .Where(t => typeof(ICommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (ICommand)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToList();

    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            Usage(console.Out);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            console.Error.WriteLine($"Perintah tidak dikenal: {args[0]}");
            Usage(console.Error);
            return ExitCodes.Usage;
        }
        try
        {
            return command.Run(args.Skip(1).ToList(), console);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            console.Error.WriteLine($"Gagal: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static void Usage(TextWriter writer)
    {
        writer.WriteLine($"SIMPUS {typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");
        writer.WriteLine("Pemakaian: simpus <perintah> [pilihan]");
        foreach (var c in Commands)
        {
            writer.WriteLine($"  {c.Name,-10} {c.Description}");
        }
    }
}
