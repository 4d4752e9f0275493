using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Options;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.District.Hosting;
using Simpus.District.Quality;
using Simpus.District.Registry;
using Simpus.District.Workbook;
using Simpus.Exchange;

namespace Simpus.District.Dashboard;

/// <summary>
/// An indicator the district compares puskesmas on: a percentage, or a count (<see cref="Unit"/> "kunjungan"). <see cref="Name"/>
/// is the district workbook's column name where the Kinerja sheet has it; <see cref="Label"/> the short name on the buttons.
/// </summary>
public sealed record DashboardIndicator(string Code, string Name, string Label, string Unit, bool HigherIsBetter);

/// <summary>One puskesmas in the month: reporting status, rank and score, and every indicator's value.</summary>
public sealed record PuskesmasFigures(string Code, string Name, bool Received, string Timeliness, int? Revision, int Revisions,
    DateTimeOffset? FirstReceivedAt, int Violations, int Outliers, IReadOnlyList<string> Problems, int? Rank, decimal? Score, IReadOnlyDictionary<string, decimal?> Values);

/// <summary>One month of the trend: completeness and timeliness, the district median and each puskesmas' value per indicator.</summary>
public sealed record DistrictTrendPoint(string Month, int Expected, int Received, decimal? Completeness, int OnTime, decimal? Timeliness,
    IReadOnlyDictionary<string, decimal?> Median, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal?>> Values);

/// <summary>A disease of the district's ten with the most new cases, and per puskesmas.</summary>
public sealed record DistrictDisease(int Rank, string Code, string Name, decimal Total, IReadOnlyDictionary<string, decimal> ByPuskesmas);

public sealed record DistrictDashboardResponse(
    string Month,
    string Label,
    string LatestDueMonth,
    DateOnly DueDate,
    int Expected,
    int Received,
    decimal? Completeness,
    int OnTime,
    decimal? Timeliness,
    int ViolationCount,
    int OutlierCount,
    IReadOnlyList<DashboardIndicator> Indicators,
    IReadOnlyList<PuskesmasFigures> Puskesmas,
    IReadOnlyDictionary<string, decimal?> Median,
    IReadOnlyList<DistrictDisease> TopTen,
    IReadOnlyList<DistrictTrendPoint> Trend,
    IReadOnlyList<RuleInfo> Rules);

/// <summary>
/// The Dinas Kesehatan's dashboard: per puskesmas the same indicators as the head's dashboard, as far as the packages carry
/// them (visits, share of new visits and of the poor, KIA coverage against the PWS target, D/S, waiting time within target,
/// staff attendance and punctuality, reporting on time), the Kinerja score and rank of the district workbook, each against
/// the district median, twelve months of trend, and which puskesmas are late or implausible. Computed with the workbook's
/// own code (<see cref="DistrictWorkbook.Combine"/>, <see cref="Kinerja"/>, <see cref="QualityService"/>), so the charts equal
/// the workbook. A month's figures are kept until a package of that month arrives, the registry changes or the day changes.
/// </summary>
public sealed class DistrictDashboard(Database db, PuskesmasRegistry registry, DistrictData data, QualityService quality,
    IOptions<DistrictOptions> options, TimeProvider clock)
{
    public const int TrendMonths = 12;

    /// <summary>
    /// Payers for the poor (BPJS PBI, Jamkesda/SKTM) by the clinics' default codes: only for packages made before they carried
    /// <c>KUNJUNGAN.MISKIN</c> (the visits under the payers the clinic itself marks as for the poor).
    /// </summary>
    public static readonly IReadOnlyList<string> PoorPayers = ["bpjs-pbi", "jamkesda"];

    private readonly ConcurrentDictionary<MonthPeriod, (string Stamp, MonthFigures Figures)> _months = new();
    private readonly ConcurrentDictionary<MonthPeriod, (string Stamp, DistrictDashboardResponse Response)> _responses = new();

    private sealed record MonthFigures(MonthPeriod Period, IReadOnlyList<DashboardIndicator> Indicators, IReadOnlyList<PuskesmasFigures> Puskesmas,
        IReadOnlyDictionary<string, decimal?> Median, IReadOnlyList<DistrictDisease> TopTen, int Expected, int Received, int OnTime);

    public DateOnly Today => TimeZones.LocalDate(clock.GetUtcNow(), options.Value.TimeZone);

    /// <summary>The latest month whose reports are due: the previous month once its due day has passed, else the month before.</summary>
    public static MonthPeriod LatestDueMonth(DateOnly today, int dueDay)
    {
        var previous = MonthPeriod.Of(today).AddMonths(-1);
        return today.Day > dueDay ? previous : previous.AddMonths(-1);
    }

    public MonthPeriod LatestDueMonth() => LatestDueMonth(Today, options.Value.DueDay);

    public DistrictDashboardResponse Get(MonthPeriod month)
    {
        var stamps = Stamps();
        // The month's outliers look at its previous 12 months: the answer depends on all of them.
        var stamp = string.Join(",", Enumerable.Range(0, 13).Select(i => stamps.Of(month.AddMonths(-i))));
        if (_responses.TryGetValue(month, out var cached) && cached.Stamp == stamp)
        {
            return cached.Response;
        }
        var response = Build(month, stamps);
        _responses[month] = (stamp, response);
        return response;
    }

    private DistrictDashboardResponse Build(MonthPeriod month, PeriodStamps stamps)
    {
        var status = quality.Assess(month);
        var figures = Month(month, stamps.Of(month), status);
        var trend = Enumerable.Range(0, TrendMonths).Select(i => month.AddMonths(i - TrendMonths + 1))
            .Select(p => p == month ? figures : Month(p, stamps.Of(p), null))
            .Select(f => new DistrictTrendPoint(f.Period.ToString(), f.Expected, f.Received, Percent(f.Received, f.Expected), f.OnTime,
                Percent(f.OnTime, f.Expected), f.Median,
                f.Puskesmas.ToDictionary(p => p.Code, p => p.Values, StringComparer.Ordinal)))
            .ToList();
        return new DistrictDashboardResponse(month.ToString(), month.Label, LatestDueMonth().ToString(), status.DueDate, status.Expected, status.Received,
            status.Completeness, status.OnTime, status.Timeliness, status.ViolationCount, status.OutlierCount,
            figures.Indicators, figures.Puskesmas, figures.Median, figures.TopTen, trend, status.Rules);
    }

    /// <summary>
    /// What a month's figures depend on besides its own packages: the registry and the date (timeliness). A package changes
    /// only its own month's stamp, so a report arriving for October leaves the other months of the trend in memory.
    /// </summary>
    private sealed record PeriodStamps(string Common, IReadOnlyDictionary<string, string> Periods)
    {
        public string Of(MonthPeriod period) => Common + "|" + Periods.GetValueOrDefault(period.ToString(), "0");
    }

    private PeriodStamps Stamps()
    {
        using var c = db.Open();
        var periods = c.Query<(string Period, long Count, long Max)>("SELECT period, COUNT(*), MAX(id) FROM packages GROUP BY period")
            .ToDictionary(r => r.Period, r => $"{r.Count}:{r.Max}", StringComparer.Ordinal);
        var registry = c.ExecuteScalar<string>("SELECT COALESCE(group_concat(code || ':' || name || ':' || active, '|'), '') FROM (SELECT * FROM puskesmas ORDER BY code)");
        return new PeriodStamps($"{Today:yyyy-MM-dd}|{registry}", periods);
    }

    private MonthFigures Month(MonthPeriod period, string stamp, PeriodQuality? status)
    {
        if (_months.TryGetValue(period, out var cached) && cached.Stamp == stamp && status is null)
        {
            return cached.Figures;
        }
        var figures = Figures(period, status);
        _months[period] = (stamp, figures);
        return figures;
    }

    private MonthFigures Figures(MonthPeriod period, PeriodQuality? status)
    {
        var values = data.Values([period]);
        var sets = DistrictWorkbook.Combine(values);
        var puskesmas = registry.List(activeOnly: true);
        var timeliness = status?.Puskesmas.ToDictionary(p => p.Code, p => p.Timeliness, StringComparer.Ordinal)
            ?? quality.TimelinessByPuskesmas(period);
        var details = status?.Puskesmas.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var kinerja = Kinerja.Indicators(sets.Values);
        var onTime = puskesmas.ToDictionary(p => p.Code, p => timeliness.GetValueOrDefault(p.Code) == Timeliness.OnTime ? 100m : 0m, StringComparer.Ordinal);
        var ranked = Kinerja.Rank(puskesmas.Select(p => (p.Code, p.Name)).ToList(), sets, kinerja, 1, onTime)
            .ToDictionary(r => r.Code, StringComparer.Ordinal);

        var indicators = new List<DashboardIndicator>
        {
            new("SKOR", "Skor", "Skor kinerja", "%", true),
            new("KUNJUNGAN", "Jumlah kunjungan", "Kunjungan", "kunjungan", true),
            new("KUNJUNGAN_BARU", "Kunjungan baru (% kunjungan)", "Kunjungan baru %", "%", true),
            new("MISKIN", "Kunjungan penduduk miskin (%)", "Penduduk miskin %", "%", true),
        };
        indicators.AddRange(kinerja.Select(k => new DashboardIndicator(k.Code, k.Name, Label(k.Code), "%", true)));
        indicators.Add(new("ABSENSI_TEPAT", "Hari hadir tanpa terlambat (%)", "Pegawai tepat waktu %", "%", true));
        indicators.Add(new("TEPAT_WAKTU", "Laporan tepat waktu (%)", "Laporan tepat waktu", "%", true));

        var rows = new List<PuskesmasFigures>();
        foreach (var p in puskesmas)
        {
            var row = ranked[p.Code];
            var values2 = new Dictionary<string, decimal?>(StringComparer.Ordinal) { ["SKOR"] = row.Score };
            if (sets.TryGetValue(p.Code, out var set))
            {
                var visits = set.Total("KUNJUNGAN");
                values2["KUNJUNGAN"] = visits;
                values2["KUNJUNGAN_BARU"] = visits > 0 ? Math.Round(100m * (set.Where("KUNJUNGAN", "type", "baru") ?? 0) / visits, 1) : null;
                var byPayer = set.By("KUNJUNGAN.PAYER", "payer");
                var payerTotal = byPayer.Values.Sum();
                var poor = set.Has("KUNJUNGAN.MISKIN") ? set.Total("KUNJUNGAN.MISKIN") : PoorPayers.Sum(c => byPayer.GetValueOrDefault(c));
                values2["MISKIN"] = payerTotal > 0 ? Math.Round(100m * poor / payerTotal, 1) : null;
                var present = set.Total("ABSENSI.HADIR");
                values2["ABSENSI_TEPAT"] = present > 0 ? Math.Round(100m * (present - set.Total("ABSENSI.TL")) / present, 1) : null;
            }
            foreach (var k in kinerja)
            {
                values2[k.Code] = row.Indicators.GetValueOrDefault(k.Code);
            }
            values2["TEPAT_WAKTU"] = row.Indicators.GetValueOrDefault("TEPAT_WAKTU");
            var d = details?.GetValueOrDefault(p.Code);
            var problems = d is null ? [] : d.Violations.Select(v => v.Message).Concat(d.Outliers.Select(o => "Pencilan: " + o.Message)).ToList();
            rows.Add(new PuskesmasFigures(p.Code, p.Name, sets.ContainsKey(p.Code), timeliness.GetValueOrDefault(p.Code, Timeliness.Missing),
                d?.Revision, d?.Revisions ?? 0, d?.FirstReceivedAt, d?.Violations.Count ?? 0, d?.Outliers.Count ?? 0, problems, row.Rank > 0 ? row.Rank : null, row.Score, values2));
        }
        var median = indicators.ToDictionary(i => i.Code, i => Median(rows.Where(r => r.Received).Select(r => r.Values.GetValueOrDefault(i.Code))),
            StringComparer.Ordinal);
        var received = rows.Count(r => r.Received);
        return new MonthFigures(period, indicators, rows, median, TopTen(sets, puskesmas), rows.Count, received,
            rows.Count(r => r.Timeliness == Timeliness.OnTime));
    }

    /// <summary>The district's ten codes with the most new cases (LB1.BARU summed over puskesmas; ties by code).</summary>
    private static List<DistrictDisease> TopTen(IReadOnlyDictionary<string, ValueSet> sets, IReadOnlyList<Puskesmas> puskesmas)
    {
        var perClinic = puskesmas.ToDictionary(p => p.Code,
            p => sets.TryGetValue(p.Code, out var s) ? s.By("LB1.BARU", "code") : new Dictionary<string, decimal>(), StringComparer.Ordinal);
        return perClinic.Values.SelectMany(d => d).GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Total: g.Sum(kv => kv.Value)))
            .Where(x => x.Total > 0)
            .OrderByDescending(x => x.Total).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Take(10)
            .Select((x, i) => new DistrictDisease(i + 1, x.Code, Icd10Names.Of(x.Code), x.Total,
                perClinic.ToDictionary(p => p.Key, p => p.Value.GetValueOrDefault(x.Code), StringComparer.Ordinal)))
            .ToList();
    }

    private static readonly Dictionary<string, string> KiaLabels = new(StringComparer.Ordinal)
    {
        ["PN"] = "Pn", ["PF"] = "PF", ["KF_LENGKAP"] = "KF lengkap", ["KN_LENGKAP"] = "KN lengkap", ["K1_AKSES"] = "K1 akses", ["K1_MURNI"] = "K1 murni",
    };

    /// <summary>Short button names: "K4 % target", "KN lengkap % target", "D/S", "Waktu tunggu", "Kehadiran pegawai".</summary>
    private static string Label(string kinerjaCode) => kinerjaCode switch
    {
        "KIA.D/S" => "D/S",
        "TUNGGU" => "Tunggu dalam target",
        "ABSENSI" => "Kehadiran pegawai",
        _ when kinerjaCode.StartsWith("KIA.", StringComparison.Ordinal) =>
            KiaLabels.GetValueOrDefault(kinerjaCode[4..], kinerjaCode[4..].Replace('_', ' ')) + " % target",
        _ => kinerjaCode,
    };

    /// <summary>The median of the known values (the mean of the middle two for an even count); null when none.</summary>
    public static decimal? Median(IEnumerable<decimal?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).Order().ToList();
        if (known.Count == 0)
        {
            return null;
        }
        var mid = known.Count / 2;
        return known.Count % 2 == 1 ? known[mid] : Math.Round((known[mid - 1] + known[mid]) / 2, 1);
    }

    private static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);
}
