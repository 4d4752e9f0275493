using Microsoft.Extensions.Options;
using Simpus.Core.Common;
using Simpus.District.Hosting;
using Simpus.District.Registry;
using Simpus.Exchange;

namespace Simpus.District.Quality;

public sealed record Outlier(string PuskesmasCode, string DataElement, decimal Value, decimal Median, int HistoryMonths, double Score, string Message);

public static class Timeliness
{
    public const string OnTime = "tepat";
    public const string Late = "terlambat";
    public const string Missing = "belum";
    public const string NotYetDue = "belumJatuhTempo";
}

public sealed record PuskesmasStatus(
    string Code, string Name, bool Received, int? Revision, int Revisions, DateTimeOffset? FirstReceivedAt, DateTimeOffset? LastReceivedAt,
    string? ReceivedVia, string Timeliness, IReadOnlyList<RuleViolation> Violations, IReadOnlyList<Outlier> Outliers);

/// <summary>Completeness, timeliness, validation rules and outliers of one period.</summary>
public sealed record PeriodQuality(
    string Period, string Label, DateOnly DueDate, int Expected, int Received, decimal? Completeness, int OnTime, decimal? Timeliness,
    int ViolationCount, int OutlierCount, IReadOnlyList<PuskesmasStatus> Puskesmas, IReadOnlyList<RuleInfo> Rules);

public sealed record RuleInfo(string Code, string Description);

/// <summary>
/// Data quality per period. Expected = active registered puskesmas; received = those with a current revision; on time = first
/// revision received by the due day of the following month (local date at the Dinas Kesehatan); rules from <see cref="ValidationRules"/>;
/// outliers per data element total against the clinic's own previous 12 months with <see cref="RobustScore"/>.
/// </summary>
public sealed class QualityService(PuskesmasRegistry registry, DistrictData data, IOptions<DistrictOptions> options, TimeProvider clock)
{
    public DateOnly DueDate(MonthPeriod period) => period.Next.FirstDay.AddDays(options.Value.DueDay - 1);

    public PeriodQuality Assess(MonthPeriod period, IReadOnlyList<CurrentValue>? values = null)
    {
        values ??= data.Values([period]);
        var puskesmas = registry.List(activeOnly: true);
        var receipts = data.Receipts(period).ToDictionary(r => r.PuskesmasCode, StringComparer.Ordinal);
        var due = DueDate(period);
        var today = TimeZones.LocalDate(clock.GetUtcNow(), options.Value.TimeZone);
        var sets = ValueSets(values);
        var outliers = Outliers(period).GroupBy(o => o.PuskesmasCode).ToDictionary(g => g.Key, g => (IReadOnlyList<Outlier>)g.ToList());
        var statuses = new List<PuskesmasStatus>();
        foreach (var p in puskesmas)
        {
            receipts.TryGetValue(p.Code, out var r);
            var timeliness = TimelinessOf(r, due, today);
            var violations = r is not null && sets.TryGetValue(p.Code, out var set)
                ? ValidationRules.Check(p.Code, set).ToList()
                : [];
            statuses.Add(new PuskesmasStatus(p.Code, p.Name, r is not null, r?.Revision, r?.Revisions ?? 0, r?.FirstReceivedAt, r?.LastReceivedAt,
                r?.ReceivedVia, timeliness, violations, r is not null ? outliers.GetValueOrDefault(p.Code, []) : []));
        }
        var expected = statuses.Count;
        var received = statuses.Count(s => s.Received);
        var onTime = statuses.Count(s => s.Timeliness == Timeliness.OnTime);
        return new PeriodQuality(period.ToString(), period.Label, due, expected, received,
            expected == 0 ? null : Math.Round(100m * received / expected, 1), onTime,
            expected == 0 ? null : Math.Round(100m * onTime / expected, 1),
            statuses.Sum(s => s.Violations.Count), statuses.Sum(s => s.Outliers.Count), statuses,
            ValidationRules.Default.Select(r => new RuleInfo(r.Code, r.Description)).ToList());
    }

    /// <summary>On time, late, missing or not yet due, per active puskesmas (without the heavier checks).</summary>
    public IReadOnlyDictionary<string, string> TimelinessByPuskesmas(MonthPeriod period)
    {
        var receipts = data.Receipts(period).ToDictionary(r => r.PuskesmasCode, StringComparer.Ordinal);
        var due = DueDate(period);
        var today = TimeZones.LocalDate(clock.GetUtcNow(), options.Value.TimeZone);
        return registry.List(activeOnly: true).ToDictionary(p => p.Code, p => TimelinessOf(receipts.GetValueOrDefault(p.Code), due, today), StringComparer.Ordinal);
    }

    private string TimelinessOf(Receipt? r, DateOnly due, DateOnly today) =>
        r is not null
            ? TimeZones.LocalDate(r.FirstReceivedAt, options.Value.TimeZone) <= due ? Timeliness.OnTime : Timeliness.Late
            : today <= due ? Timeliness.NotYetDue : Timeliness.Missing;

    public static Dictionary<string, ValueSet> ValueSets(IEnumerable<CurrentValue> values)
    {
        var sets = new Dictionary<string, ValueSet>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            if (!sets.TryGetValue(v.PuskesmasCode, out var set))
            {
                sets[v.PuskesmasCode] = set = new ValueSet();
            }
            set.Add(v.DataElement, v.Disaggregation, v.Value);
        }
        return sets;
    }

    /// <summary>Data element totals of the period that are unusual against the same clinic's previous 12 months.</summary>
    public IReadOnlyList<Outlier> Outliers(MonthPeriod period)
    {
        var rows = data.ElementTotals(period.AddMonths(-12), period);
        var result = new List<Outlier>();
        var current = period.ToString();
        foreach (var clinic in rows.GroupBy(r => r.Puskesmas))
        {
            var months = clinic.Select(r => r.Period).Where(p => p != current).Distinct().ToList();
            if (!clinic.Any(r => r.Period == current))
            {
                continue;
            }
            var byElement = clinic.GroupBy(r => r.DataElement);
            // Stock movements summed over drugs of different units are lumpy by nature: not checked for outliers.
            foreach (var element in byElement.Where(e => !e.Key.StartsWith("LPLPO.", StringComparison.Ordinal)))
            {
                var perMonth = element.ToDictionary(r => r.Period, r => (double)r.Total);
                var history = months.Select(m => perMonth.GetValueOrDefault(m)).ToList();
                var value = perMonth.GetValueOrDefault(current);
                var score = RobustScore.Score(value, history);
                if (RobustScore.IsOutlier(score))
                {
                    var median = RobustScore.Median(history);
                    var direction = value > median ? "jauh lebih tinggi" : "jauh lebih rendah";
                    result.Add(new Outlier(clinic.Key, element.Key, (decimal)value, (decimal)median, history.Count,
                        double.IsInfinity(score!.Value) ? (score > 0 ? 999 : -999) : Math.Round(score.Value, 1),
                        $"{element.Key} = {ValidationRules.Format((decimal)value)}, {direction} dari median {history.Count} bulan sebelumnya ({ValidationRules.Format((decimal)median)})."));
                }
            }
        }
        return result;
    }
}
