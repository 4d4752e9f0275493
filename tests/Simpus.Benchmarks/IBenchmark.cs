using System.Diagnostics;
using System.Globalization;

namespace Simpus.Benchmarks;

/// <summary>One benchmark program: generates its own seeded data set, measures, prints figures for the README.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    void Run(string[] args);
}

public static class Measure
{
    public static string Folder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "simpus-bench", $"{name}-{Environment.ProcessId}");
        if (Directory.Exists(path))
        {
            Directory.Delete(path, true);
        }
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Percentile (0–100) of sorted or unsorted samples, nearest-rank.</summary>
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        var sorted = samples.OrderBy(x => x).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static long PeakWorkingSetMb()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64 / (1024 * 1024);
    }
}
