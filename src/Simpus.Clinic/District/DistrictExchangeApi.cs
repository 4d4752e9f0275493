using System.Security.Claims;
using Simpus.Clinic.Hosting;
using Simpus.Clinic.Reports;
using Simpus.Core.Common;
using Simpus.Core.Settings;
using Simpus.Exchange;
using Simpus.Exchange.Outbox;
using Simpus.Web.Auth;

namespace Simpus.Clinic.District;

public sealed record SendResult(OutboxEntry Entry, string Message);

/// <summary>
/// Sending the monthly data package to the Dinas Kesehatan: settings (admin), download of the signed file, queueing for the
/// background sender, and the outbox state for the head's page.
/// </summary>
public static class DistrictExchangeApi
{
    public static IServiceCollection AddDistrictExchange(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DistrictSendOptions>().Bind(configuration.GetSection(DistrictSendOptions.Section))
            .Validate(o => o.RetryBaseSeconds > 0 && o.RetryMaxSeconds >= o.RetryBaseSeconds && o.PollSeconds > 0 && o.TimeoutSeconds > 0,
                "Simpus:District retry settings must be positive")
            .ValidateOnStart();
        services.AddSingleton<DistrictSettings>();
        services.AddSingleton<PackageOutbox>();
        services.AddSingleton<MonthlyPackages>();
        services.AddSingleton<SenderSignal>();
        services.AddHostedService<PackageSender>();
        return services;
    }

    public static IEndpointRouteBuilder MapDistrictExchange(this IEndpointRouteBuilder app)
    {
        var settingsGroup = app.MapGroup("/api/settings/district").WithTags("District").RequireAuthorization(Policies.Admin);
        settingsGroup.MapGet("", (DistrictSettings settings) => TypedResults.Ok(settings.View()));
        settingsGroup.MapPut("", (DistrictSettingsInput input, DistrictSettings settings, PackageOutbox outbox, SenderSignal signal) =>
        {
            var view = settings.Save(input);
            outbox.RetryNow();
            signal.Wake();
            return TypedResults.Ok(view);
        });

        var packages = app.MapGroup("/api/packages").WithTags("District").RequireAuthorization(Policies.Head);
        packages.MapGet("/monthly", (string? month, ClaimsPrincipal user, MonthlyPackages packages, DistrictSettings settings,
            SettingsStore puskesmas, TimeProvider clock) =>
        {
            var period = Month(month, puskesmas, clock);
            var (issued, file) = packages.Issue(period, settings.RequiredKey(), user.UserName());
            return TypedResults.File(file, "application/json", MonthlyPackages.FileName(puskesmas.Get().Code, period, issued.Revision));
        });
        packages.MapPost("/send", (string? month, ClaimsPrincipal user, MonthlyPackages packages, PackageOutbox outbox, DistrictSettings settings,
            SettingsStore puskesmas, SenderSignal signal, TimeProvider clock) =>
        {
            var period = Month(month, puskesmas, clock);
            var key = settings.RequiredKey();
            if (settings.Url is null)
            {
                throw ValidationFailedException.For("url", "district.urlMissing",
                    "Alamat Dinas Kesehatan belum diatur. Admin mengisinya di Pengaturan Dinas Kesehatan, atau unduh paket dan kirim sebagai berkas.");
            }
            var (issued, _) = packages.Issue(period, key, user.UserName());
            var entry = outbox.Queue(issued, user.UserName());
            signal.Wake();
            var message = entry.Status == OutboxStatus.Accepted
                ? $"Paket {period} revisi {entry.Revision} sudah diterima Dinas Kesehatan; tidak ada perubahan sejak itu."
                : $"Paket {period} revisi {entry.Revision} masuk antrean kirim. Bila internet terputus, SIMPUS terus mencoba sampai diterima.";
            return TypedResults.Accepted($"/api/packages/outbox/{entry.Id}", new SendResult(entry, message));
        });
        packages.MapGet("/outbox", (PackageOutbox outbox, DistrictSettings settings) =>
            TypedResults.Ok(new { settings = new { url = settings.Url, keySet = settings.Key is not null }, entries = outbox.List() }));
        packages.MapGet("/outbox/{id:long}", (long id, PackageOutbox outbox) =>
            outbox.Get(id) is { } e ? Results.Ok(e) : throw new NotFoundException("outbox.notFound", "Antrean kirim tidak ditemukan."));
        return app;
    }

    private static MonthPeriod Month(string? month, SettingsStore settings, TimeProvider clock)
    {
        var (year, number, _) = ReportsApi.ParseRequest(month, null, TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone));
        return new MonthPeriod(year, number);
    }
}
