using System.Globalization;
using System.Text.RegularExpressions;
using Simpus.Clinic.Hosting;
using Simpus.Clinic.Reports;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Settings;
using Simpus.Reports;
using Simpus.Reports.Dashboard;
using Simpus.Reports.Kia;
using Simpus.Reports.Settings;
using Simpus.Web.Hosting;

namespace Simpus.Clinic.Dashboard;

/// <summary>
/// The head's dashboard: <c>GET /api/dashboard?month=YYYY-MM</c> (charts), <c>GET /api/reports/visits</c> (the visits behind a
/// figure), the pages <c>/dasbor</c> (also the head's home page) and <c>/laporan/kunjungan</c>.
/// </summary>
public static partial class DashboardApi
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardService>();
        services.AddHostedService<DashboardWarmup>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Dashboard").RequireAuthorization(Policies.Head);
        group.MapGet("/dashboard", (string? month, DashboardService dashboard) =>
        {
            var today = dashboard.Today;
            var (year, number) = month is null ? (today.Year, today.Month) : Month(month, today);
            return TypedResults.Ok(dashboard.Get(year, number));
        }).Produces<DashboardResponse>().ProducesValidationProblem();

        group.MapGet("/reports/visits", (HttpRequest request, DashboardService dashboard, SettingsStore settings, Database db) =>
        {
            var filter = Filter(request.Query, dashboard.Today, settings);
            return TypedResults.Ok(VisitListQuery.Run(db, filter, PwsKiaQuery.Kecamatan(db, settings.Get().KecamatanCode)));
        }).Produces<VisitListPage>().ProducesValidationProblem();

        var assembly = typeof(DashboardApi).Assembly;
        app.MapPage("/dasbor", assembly, "dasbor.html", Policies.Head);
        app.MapPage("/laporan/kunjungan", assembly, "laporan-kunjungan.html", Policies.Head);
        return app;
    }

    private static (int Year, int Month) Month(string? month, DateOnly today)
    {
        var (year, number, _) = ReportsApi.ParseRequest(month, null, today);
        return (year, number);
    }

    /// <summary>The list filters of the query string (all optional except <c>month</c> or <c>date</c>); every bad one is named in one 400.</summary>
    internal static VisitListFilter Filter(IQueryCollection query, DateOnly today, SettingsStore settings)
    {
        var v = new Validation();
        string? Get(string name) => Text.Clean(query[name].ToString());
        int year = 0, month = 0;
        DateOnly? day = null;
        if (Get("date") is { } date)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                v.Add("date", "date.format", "Tanggal harus berformat YYYY-MM-DD, contoh 2026-10-05.");
            }
            else if (d > today)
            {
                v.Add("date", "date.future", "Tanggal tidak boleh di masa depan.");
            }
            else
            {
                day = d;
            }
        }
        else
        {
            try
            {
                (year, month) = Month(Get("month"), today);
            }
            catch (ValidationFailedException e)
            {
                v.AddRange(e.Errors);
            }
        }
        var poli = Get("poli");
        if (poli is not null && !settings.ListPoli(includeInactive: true).Any(p => p.Code == poli))
        {
            v.Add("poli", "poli.unknown", "Poli tidak dikenal.");
        }
        var payer = Get("payer");
        if (payer is not null && !settings.ListPayers().Any(p => p.Code == payer))
        {
            v.Add("payer", "payer.unknown", "Jenis pembayaran tidak dikenal.");
        }
        var type = OneOf(v, "type", Get("type"), VisitTypes.Both, "Jenis kunjungan harus 'baru' atau 'lama'.");
        var code = Get("code")?.ToUpperInvariant();
        if (code is not null && !Icd10Code().IsMatch(code))
        {
            v.Add("code", "code.invalid", "Kode ICD-10 tidak sah, contoh J06.9.");
        }
        var caseType = OneOf(v, "case", Get("case"), VisitTypes.Both, "Jenis kasus harus 'baru' atau 'lama'.");
        string? desa = null;
        switch (Get("desa"))
        {
            case null:
                break;
            case "luar":
                desa = PatientScope.OutsideKey;
                break;
            case "tanpa":
                desa = PatientScope.UnknownKey;
                break;
            case var d when DesaCode().IsMatch(d):
                desa = d;
                break;
            default:
                v.Add("desa", "desa.invalid", "Desa harus kode wilayah 10 digit (contoh 33.73.04.2001), 'luar' atau 'tanpa'.");
                break;
        }
        var kia = OneOf(v, "kia", Get("kia"), VisitListFilter.KiaKinds, "Jenis pelayanan KIA harus salah satu dari: " + string.Join(", ", VisitListFilter.KiaKinds) + ".");
        var overMinutes = Number(v, "overMinutes", Get("overMinutes"), 0, 1440, "Batas menit tunggu harus bilangan 0–1440.");
        var limit = Number(v, "limit", Get("limit"), 1, 1000, "Jumlah baris harus 1–1000.") ?? 200;
        var offset = Number(v, "offset", Get("offset"), 0, 10_000_000, "Offset harus bilangan 0 atau lebih.") ?? 0;
        bool? examined = null, ytd = null, poor = null;
        foreach (var (name, set) in new (string, Action<bool>)[] { ("examined", b => examined = b), ("ytd", b => ytd = b), ("poor", b => poor = b) })
        {
            switch (Get(name)?.ToLowerInvariant())
            {
                case null:
                    break;
                case "true" or "1":
                    set(true);
                    break;
                case "false" or "0":
                    set(false);
                    break;
                default:
                    v.Add(name, name + ".invalid", $"Nilai '{name}' harus true atau false.");
                    break;
            }
        }
        v.ThrowIfAny();
        var first = day ?? new DateOnly(year, month, 1);
        var last = day ?? first.AddMonths(1).AddDays(-1);
        return new VisitListFilter(ytd == true ? new DateOnly(first.Year, 1, 1) : first, last)
        {
            Poli = poli,
            Payer = payer,
            Poor = poor == true,
            Type = type,
            Code = code,
            Case = caseType,
            Desa = desa,
            Kia = kia,
            OverMinutes = overMinutes,
            Examined = examined,
            Limit = limit,
            Offset = offset,
        };
    }

    private static string? OneOf(Validation v, string field, string? value, IReadOnlyList<string> allowed, string message)
    {
        if (value is null)
        {
            return null;
        }
        var lower = value.ToLowerInvariant();
        if (allowed.Contains(lower))
        {
            return lower;
        }
        v.Add(field, field + ".invalid", message);
        return null;
    }

    private static int? Number(Validation v, string field, string? value, int min, int max, string message)
    {
        if (value is null)
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }
        v.Add(field, field + ".invalid", message);
        return null;
    }

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")]
    private static partial Regex Icd10Code();

    [GeneratedRegex(@"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$")]
    private static partial Regex DesaCode();
}

/// <summary>Builds the months the head's dashboard opens on shortly after start, in the background.</summary>
public sealed partial class DashboardWarmup(DashboardService dashboard, IConfiguration configuration, ILogger<DashboardWarmup> logger) : BackgroundService
{
    /// <summary>Seconds after start before building (<c>Simpus:Dashboard:WarmupDelaySeconds</c>; negative: never).</summary>
    public const string DelayKey = "Simpus:Dashboard:WarmupDelaySeconds";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = configuration.GetValue(DelayKey, 30.0);
        if (delay < 0)
        {
            return;
        }
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(delay), stoppingToken);
            // Stopping the service does not wait for a build in progress.
            await Task.Run(dashboard.Warm, stoppingToken).WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard warm-up failed; the dashboard builds on first use")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
