namespace Simpus.Cli;

/// <summary>One <c>simpus</c> sub-command; each lives in its own file under <c>Commands/</c> and is found by reflection.</summary>
public interface ICommand
{
    /// <summary>The word after <c>simpus</c>, e.g. <c>report</c>.</summary>
    string Name { get; }

    /// <summary>One line for the usage list, in Bahasa Indonesia.</summary>
    string Description { get; }

    /// <summary>Runs with the arguments after the name; returns the process exit code (<see cref="ExitCodes"/>).</summary>
    int Run(IReadOnlyList<string> args, CliConsole console);
}

public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Unexpected failure.</summary>
    public const int Failure = 1;
    /// <summary>Wrong or missing arguments.</summary>
    public const int Usage = 2;
    /// <summary>The data folder or database is missing or unreadable.</summary>
    public const int NoData = 3;
    /// <summary>The output file cannot be written.</summary>
    public const int CannotWrite = 4;
    /// <summary>The file offered (a backup to restore) was refused: corrupt, foreign, wrong passphrase, or the database is in use.</summary>
    public const int Refused = 5;
}

/// <summary>Where a command writes: progress and results to Out, errors to Error.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    public static CliConsole System => new(Console.Out, Console.Error);
}

/// <summary>Parses <c>--name value</c> (or <c>--name=value</c>) options and <c>--flag</c> switches.</summary>
public sealed class CliOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly List<string> _unknown = [];

    private CliOptions()
    {
    }

    /// <summary>Arguments that are neither a known option nor a known switch.</summary>
    public IReadOnlyList<string> Unknown => _unknown;

    /// <summary>
    /// The start every command shares: parses the arguments, prints the command's description on <c>--help</c>/<c>-h</c> (then
    /// returns null: nothing more to do), and begins the list of errors with the unknown options.
    /// </summary>
    public static CliOptions? Start(IReadOnlyList<string> args, IReadOnlySet<string> withValue, IReadOnlySet<string> switches, ICommand command,
        CliConsole console, out List<string> errors)
    {
        var options = Parse(args, withValue, switches);
        errors = options.Unknown.Select(u => $"Pilihan tidak dikenal: {u}").ToList();
        if (options.Has("--help") || options.Has("-h"))
        {
            console.Out.WriteLine(command.Description);
            return null;
        }
        return options;
    }

    public static CliOptions Parse(IReadOnlyList<string> args, IReadOnlySet<string> withValue, IReadOnlySet<string> switches)
    {
        var options = new CliOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (withValue.Contains(name))
            {
                options._values[name] = eq > 0 ? arg[(eq + 1)..]
                    : i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i]
                    : null;
            }
            else if (switches.Contains(arg))
            {
                options._values[arg] = "true";
            }
            else
            {
                options._unknown.Add(arg);
            }
        }
        return options;
    }

    /// <summary>The value of an option; null when absent or given without a value.</summary>
    public string? this[string name] => _values.GetValueOrDefault(name);

    public bool Has(string name) => _values.ContainsKey(name);
}
