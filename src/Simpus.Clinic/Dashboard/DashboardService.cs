using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Serialization;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Regions;
using Simpus.Core.Settings;
using Simpus.Reports;
using Simpus.Reports.Dashboard;
using Simpus.Reports.Kia;
using Simpus.Reports.Settings;

namespace Simpus.Clinic.Dashboard;

/// <summary>One of the ten diseases of the month beside its new cases of the month before.</summary>
public sealed record DiseaseChange(int Rank, string Code, string Name, int Male, int Female, int Total, decimal SharePercent,
    int PreviousMonth, int Change, decimal? ChangePercent);

/// <summary>A KIA indicator in one month of the trend.</summary>
public sealed record KiaPoint(int? Month, int? YearToDate, decimal? Coverage, decimal? PwsTargetPercent);

/// <summary>One month of the 12-month trend.</summary>
public sealed record TrendPoint(string Month, int Visits, int NewVisits, int OldVisits, IReadOnlyDictionary<string, int> ByPoli,
    decimal? PoorVisitShare, decimal? PoorPatientShare, decimal? WaitMedian, decimal? WaitP90, decimal? WithinTargetPercent,
    decimal? Punctuality, IReadOnlyDictionary<string, KiaPoint> Kia);

/// <summary>The head's dashboard for a month: the month itself, the ten diseases against the month before, the PWS KIA per desa, a year of trend.</summary>
public sealed record DashboardResponse(
    string Month,
    string Label,
    bool Complete,
    DateOnly Today,
    string PuskesmasName,
    DashboardMonth Current,
    IReadOnlyList<DiseaseChange> TopTen,
    PwsKiaReport Pws,
    IReadOnlyList<TrendPoint> Trend);

/// <summary>
/// Builds the dashboard from <see cref="MonthlyReportBuilder"/> (the workbook's own model) and keeps what it built: the month in
/// view and the one before it for <see cref="InViewLifetime"/>, the other months of the trend for <see cref="TrendLifetime"/>.
/// After that an entry is still answered at once while a fresh one is built in the background, so only the very first request
/// of a month waits.
/// </summary>
public sealed partial class DashboardService(MonthlyReportBuilder builder, Database db, ReportSettingsStore reportSettings, SettingsStore settings,
    RegionDirectory regions, TimeProvider clock, ILogger<DashboardService> logger)
{
    /// <summary>How long the month in view (and the month before it, for the change of the ten diseases) is answered from memory
    /// before it is built again in the background.</summary>
    public static readonly TimeSpan InViewLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The same for the other months of the trend: finished months change rarely (a late correction).</summary>
    public static readonly TimeSpan TrendLifetime = TimeSpan.FromHours(1);
    public const int TrendMonths = 12;

    private readonly ConcurrentDictionary<(int Year, int Month), Cached<DashboardMonth>> _months = new();
    private readonly ConcurrentDictionary<(int Year, int Month), Cached<PwsKiaReport>> _pws = new();

    public DateOnly Today => TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone);

    public DashboardResponse Get(int year, int month)
    {
        var today = Today;
        var first = new DateOnly(year, month, 1);
        var months = Enumerable.Range(0, TrendMonths).Select(i => first.AddMonths(i - TrendMonths + 1)).ToList();
        var trend = months.Select((m, i) => Month(m.Year, m.Month, i >= TrendMonths - 2 ? InViewLifetime : TrendLifetime)).ToList();
        var current = trend[^1];
        var previous = trend[^2];
        var pws = Get(_pws, (year, month), InViewLifetime, () =>
        {
            return PwsKiaQuery.Run(db, year, month, reportSettings.Get(), current.KiaReport, PwsKiaQuery.Kecamatan(db, settings.Get().KecamatanCode), regions.NameOf);
        });
        return new DashboardResponse(
            current.Key,
            first.ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", Cultures.Indonesian),
            IsFinished(year, month, today),
            today,
            settings.Get().Name,
            current,
            current.TopTen.Select(d =>
            {
                var before = previous.NewCasesByCode.GetValueOrDefault(d.Code);
                return new DiseaseChange(d.Rank, d.Code, d.Name, d.Male, d.Female, d.Total, d.SharePercent, before, d.Total - before,
                    before == 0 ? null : Math.Round(100m * (d.Total - before) / before, 1));
            }).ToList(),
            pws,
            trend.Select(Point).ToList());
    }

    /// <summary>Builds (or refreshes) the months the dashboard opens on, so that the head's first look does not wait.</summary>
    public void Warm()
    {
        var today = Today;
        Get(today.Year, today.Month);
    }

    private DashboardMonth Month(int year, int month, TimeSpan lifetime) =>
        Get(_months, (year, month), lifetime, () => DashboardMonth.From(builder.Build(year, month)));

    private static bool IsFinished(int year, int month, DateOnly today) => new DateOnly(year, month, 1).AddMonths(1) <= today;

    private T Get<T>(ConcurrentDictionary<(int Year, int Month), Cached<T>> cache, (int Year, int Month) key, TimeSpan lifetime, Func<T> build)
    {
        var entry = cache.GetOrAdd(key, _ => new Cached<T>(() => Timed(key, build), clock));
        T value;
        try
        {
            value = entry.Value;
        }
        catch
        {
            // A failed build is not kept: the next request tries again.
            cache.TryRemove(new KeyValuePair<(int, int), Cached<T>>(key, entry));
            throw;
        }
        if (clock.GetUtcNow() - entry.BuiltAt > lifetime && entry.TryStartRefresh())
        {
            _ = Task.Run(() =>
            {
                try
                {
                    cache[key] = Cached<T>.Built(Timed(key, build), clock);
                }
                catch (Exception e)
                {
                    entry.RefreshFailed();
                    LogRefreshFailed(logger, e, key.Year, key.Month);
                }
            });
        }
        return value;
    }

    private T Timed<T>((int Year, int Month) key, Func<T> build)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var value = build();
        LogBuilt(logger, typeof(T).Name, key.Year, key.Month, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return value;
    }

    private static TrendPoint Point(DashboardMonth m) => new(
        m.Key, m.Visits, m.NewVisits, m.OldVisits,
        m.ByPoli.ToDictionary(p => p.Code, p => p.Total, StringComparer.Ordinal),
        m.Payers.PoorVisitShare, m.Payers.PoorPatientShare,
        m.Waiting.Total.WaitMedian, m.Waiting.Total.WaitP90, m.Waiting.Total.WithinTargetPercent,
        m.Punctuality?.Rate,
        m.Kia.ToDictionary(k => k.Code, k => new KiaPoint(k.Month, k.YearToDate, k.Coverage, k.PwsTargetPercent), StringComparer.Ordinal));

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard {Part} of {Year}-{Month} built in {Milliseconds} ms")]
    private static partial void LogBuilt(ILogger logger, string part, int year, int month, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard refresh of {Year}-{Month} failed; the previous figures stay")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, int year, int month);

    /// <summary>A value built once (concurrent callers wait for the same build), with when it was built.</summary>
    private sealed class Cached<T>
    {
        private readonly Lazy<(T Value, DateTimeOffset At)> _lazy;
        private int _refreshing;

        public Cached(Func<T> build, TimeProvider clock) =>
            _lazy = new Lazy<(T, DateTimeOffset)>(() => (build(), clock.GetUtcNow()), LazyThreadSafetyMode.ExecutionAndPublication);

        public static Cached<T> Built(T value, TimeProvider clock)
        {
            var entry = new Cached<T>(() => value, clock);
            _ = entry.Value;
            return entry;
        }

        public T Value => _lazy.Value.Value;

        public DateTimeOffset BuiltAt => _lazy.Value.At;

        public bool TryStartRefresh() => Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0;

        public void RefreshFailed() => Interlocked.Exchange(ref _refreshing, 0);
    }
}
