using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Simpus.Clinic.Hosting;
using Simpus.Core.Attendance;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Demo;
using Simpus.Core.Settings;
using Simpus.Reports;
using Simpus.Reports.Lb1;
using Simpus.Reports.Settings;
using Simpus.Web.Hosting;

namespace Simpus.Clinic.Reports;

/// <summary>The monthly report pack: the .xlsx download, the report settings (KIA sasaran, waiting-time target), the head's page.</summary>
public static class ReportsApi
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.TryAddSingleton<AttendanceRecapService>();
        services.AddSingleton<ReportSettingsStore>();
        services.AddSingleton(sp => new MonthlyReportBuilder(
            sp.GetRequiredService<Database>(), sp.GetRequiredService<SettingsStore>(), sp.GetRequiredService<ReportSettingsStore>(),
            sp.GetRequiredService<AttendanceRecapService>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDemoSeeder, ReportsDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Head);
        reports.MapGet("/monthly", (string? month, string? layout, MonthlyReportBuilder builder, SettingsStore settings, TimeProvider clock) =>
        {
            var (year, monthNumber, reportLayout) = ParseRequest(month, layout, TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone));
            var report = builder.Build(year, monthNumber);
            using var buffer = new MemoryStream();
            MonthlyWorkbookWriter.Write(report, buffer, reportLayout);
            return TypedResults.File(buffer.ToArray(), XlsxContentType, MonthlyWorkbookWriter.FileName(report.Header));
        }).Produces(200, contentType: XlsxContentType).ProducesValidationProblem();

        var settingsGroup = app.MapGroup("/api/settings/reports").WithTags("Reports");
        settingsGroup.MapGet("", (ReportSettingsStore store) => TypedResults.Ok(store.Get())).RequireAuthorization(Policies.Head);
        settingsGroup.MapPut("", (ReportSettings input, ReportSettingsStore store) => TypedResults.Ok(store.Save(input)))
            .RequireAuthorization(Policies.Admin);

        app.MapPage("/laporan", typeof(ReportsApi).Assembly, "laporan.html", Policies.Head);
        return app;
    }

    /// <summary>Validates <c>month=YYYY-MM</c> (not in the future) and <c>layout</c> (empty, standard or sikda).</summary>
    public static (int Year, int Month, ReportLayout Layout) ParseRequest(string? month, string? layout, DateOnly today)
    {
        var v = new Validation();
        var text = Text.Clean(month);
        var year = 0;
        var number = 0;
        if (text is null)
        {
            v.Add("month", "month.required", "Bulan laporan wajib diisi (YYYY-MM), contoh 2026-10.");
        }
        else if (!DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed.Year < 2000)
        {
            v.Add("month", "month.format", "Bulan laporan harus berformat YYYY-MM, contoh 2026-10.");
        }
        else if (parsed.Year * 12 + parsed.Month > today.Year * 12 + today.Month)
        {
            v.Add("month", "month.future", "Bulan laporan tidak boleh di masa depan.");
        }
        else
        {
            (year, number) = (parsed.Year, parsed.Month);
        }
        var reportLayout = ReportLayout.Standard;
        switch (Text.Clean(layout)?.ToLowerInvariant())
        {
            case null or "standar" or "standard":
                break;
            case "sikda":
                reportLayout = ReportLayout.Sikda;
                break;
            default:
                v.Add("layout", "layout.invalid", "Format LB1 harus 'standar' atau 'sikda'.");
                break;
        }
        v.ThrowIfAny();
        return (year, number, reportLayout);
    }
}

/// <summary>
/// The demo puskesmas' report settings: the KIA sasaran fit its population (the registered patients, CBR 16.5 ‰: ibu hamil,
/// ibu bersalin and bayi derived; balita = the children under five among them), the head who signs.
/// </summary>
public sealed class ReportsDemoSeeder(ReportSettingsStore store, Database db) : IDemoSeeder
{
    public int Order => 90;

    public string Name => "pengaturan laporan";

    public void Seed(DemoContext context)
    {
        using var c = db.Open();
        var population = (int)c.ExecuteScalar<long>("SELECT COUNT(*) FROM patients");
        var balita = (int)c.ExecuteScalar<long>("SELECT COUNT(*) FROM patients WHERE birth_date > date(@today, '-5 years')", new { today = context.Today });
        Save(population, balita);
    }

    private void Save(int population, int balita) => store.Save(new ReportSettings
    {
        SasaranBalita = balita,
        Penduduk = population,
        Cbr = KiaDemoSeeder.Cbr,
        WaitingTargetMinutes = 30,
        HeadName = "dr. Bambang Hartono",
        HeadNip = "197805122005011003",
    });
}
