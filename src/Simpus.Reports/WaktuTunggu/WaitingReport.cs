using Dapper;
using Simpus.Core.Data;
using Simpus.Core.Settings;

namespace Simpus.Reports.WaktuTunggu;

/// <summary>
/// Waiting time per poli: visits, visits examined (with an examination start), median and 90th percentile minutes
/// from arrival to examination and from examination to finish, and how many waited at most the target.
/// Percentiles are nearest-rank (p50 of an even count is the lower middle value); empty when nothing to measure.
/// </summary>
public sealed record WaitingRow(string Code, string Name, int Visits, int Examined, decimal? WaitMedian, decimal? WaitP90,
    int Finished, decimal? ServiceMedian, decimal? ServiceP90, int WithinTarget)
{
    public decimal? WithinTargetPercent => Examined == 0 ? null : Math.Round(100m * WithinTarget / Examined, 1);
}

public sealed record WaitingReport(int TargetMinutes, IReadOnlyList<WaitingRow> Rows, WaitingRow Total);

public static class WaitingQuery
{
    private sealed class Sample
    {
        public string Poli { get; init; } = "";
        public long WaitSeconds { get; init; }
        public long? ServiceSeconds { get; init; }
    }

    private sealed class Count
    {
        public string Poli { get; init; } = "";
        public int N { get; init; }
    }

    public static WaitingReport Run(Database db, DateOnly from, DateOnly to, IReadOnlyList<Poli> poli, int targetMinutes)
    {
        var assembly = typeof(WaitingQuery).Assembly;
        using var c = ReportConnection.Open(db);
        var visits = c.Query<Count>(EmbeddedSql.Get(assembly, "visits_per_poli.sql"), Period.Args(from, to)).ToDictionary(x => x.Poli, x => x.N, StringComparer.Ordinal);
        var waits = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var services = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var s in c.Query<Sample>(EmbeddedSql.Get(assembly, "waiting_times.sql"), Period.Args(from, to), buffered: false))
        {
            Bucket(waits, s.Poli).Add(Math.Max(0, s.WaitSeconds));
            if (s.ServiceSeconds is { } service)
            {
                Bucket(services, s.Poli).Add(Math.Max(0, service));
            }
        }
        var names = poli.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
        var codes = poli.Where(p => p.Active).Select(p => p.Code)
            .Concat(visits.Keys.Where(k => poli.All(p => p.Code != k || !p.Active)).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var targetSeconds = targetMinutes * 60L;
        var rows = codes.Select(code => Row(code, names.GetValueOrDefault(code, code), visits.GetValueOrDefault(code),
            waits.GetValueOrDefault(code) ?? [], services.GetValueOrDefault(code) ?? [], targetSeconds)).ToList();
        var total = Row("", "Semua poli", visits.Values.Sum(), waits.Values.SelectMany(x => x).ToList(), services.Values.SelectMany(x => x).ToList(), targetSeconds);
        return new WaitingReport(targetMinutes, rows, total);
    }

    private static List<long> Bucket(Dictionary<string, List<long>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        return list;
    }

    private static WaitingRow Row(string code, string name, int visits, List<long> waits, List<long> services, long targetSeconds)
    {
        waits.Sort();
        services.Sort();
        return new WaitingRow(code, name, visits, waits.Count, Minutes(waits, 50), Minutes(waits, 90),
            services.Count, Minutes(services, 50), Minutes(services, 90), waits.Count(w => w <= targetSeconds));
    }

    /// <summary>Nearest-rank percentile of sorted seconds, in minutes with one decimal.</summary>
    internal static decimal? Minutes(List<long> sortedSeconds, int percentile)
    {
        if (sortedSeconds.Count == 0)
        {
            return null;
        }
        var rank = (int)Math.Ceiling(percentile / 100.0 * sortedSeconds.Count);
        return Math.Round(sortedSeconds[Math.Clamp(rank - 1, 0, sortedSeconds.Count - 1)] / 60m, 1);
    }
}
