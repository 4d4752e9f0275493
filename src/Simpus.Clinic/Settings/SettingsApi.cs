using Simpus.Clinic.Hosting;
using Simpus.Core.Regions;
using Simpus.Core.Settings;

namespace Simpus.Clinic.Settings;

/// <summary>The puskesmas settings with the names of its kab/kota and kecamatan from the official list.</summary>
public sealed record SettingsView(string Code, string Name, string RegionCode, string? RegionName, string? KecamatanCode, string? KecamatanName,
    string TimeZone, string RmFormat, IReadOnlyList<Poli> Poli, IReadOnlyList<Payer> Payers);

public static class SettingsApi
{
    public static RouteGroupBuilder MapSettings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Settings");

        group.MapGet("/settings", (SettingsStore settings, RegionDirectory regions) => TypedResults.Ok(View(settings, regions)));

        group.MapPut("/settings", (PuskesmasSettings input, SettingsStore settings, RegionDirectory regions) =>
        {
            settings.Save(input);
            return TypedResults.Ok(View(settings, regions));
        }).RequireAuthorization(Policies.Admin);

        group.MapGet("/poli", (bool? all, SettingsStore settings) => TypedResults.Ok(settings.ListPoli(all ?? false)));

        group.MapPost("/poli", (Poli poli, SettingsStore settings) => TypedResults.Ok(settings.SavePoli(poli)))
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Tambah atau ubah poli: nama, nama singkat (untuk mengetik di loket), huruf antrean (U-015), urutan, aktif.");

        group.MapGet("/payers", (SettingsStore settings) => TypedResults.Ok(settings.ListPayers()));
        return group;
    }

    private static SettingsView View(SettingsStore settings, RegionDirectory regions)
    {
        var s = settings.Get();
        return new SettingsView(s.Code, s.Name, s.RegionCode, regions.NameOf(s.RegionCode), s.KecamatanCode, regions.NameOf(s.KecamatanCode),
            s.TimeZone, s.RmFormat, settings.ListPoli(includeInactive: true), settings.ListPayers());
    }
}
