using System.Reflection;
using Simpus.Benchmarks;

// Benchmarks run by hand: dotnet run -c Release --project tests/Simpus.Benchmarks -- <name> [options]
// Every class implementing IBenchmark is one benchmark; figures go to the README.
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();
var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
if (chosen is null)
{
    Console.WriteLine("Usage: dotnet run -c Release --project tests/Simpus.Benchmarks -- <benchmark> [options]");
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-12} {b.Description}");
    }
    return args.Length == 0 ? 0 : 1;
}
chosen.Run(args.Skip(1).ToArray());
return 0;
