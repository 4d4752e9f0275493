using Simpus.Clinic.Hosting;
using Simpus.Core.Settings;

namespace Simpus.Clinic.Settings;

public sealed record SettingsView(string Code, string Name, string RegionCode, string TimeZone, string RmFormat, IReadOnlyList<Poli> Poli, IReadOnlyList<Payer> Payers);

public static class SettingsApi
{
    public static RouteGroupBuilder MapSettings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Settings");

        group.MapGet("/settings", (SettingsStore settings) => TypedResults.Ok(View(settings)));

        group.MapPut("/settings", (PuskesmasSettings input, SettingsStore settings) =>
        {
            settings.Save(input);
            return TypedResults.Ok(View(settings));
        }).RequireAuthorization(Policies.Admin);

        group.MapGet("/poli", (bool? all, SettingsStore settings) => TypedResults.Ok(settings.ListPoli(all ?? false)));

        group.MapPost("/poli", (Poli poli, SettingsStore settings) => TypedResults.Ok(settings.SavePoli(poli)))
            .RequireAuthorization(Policies.Admin);

        group.MapGet("/payers", (SettingsStore settings) => TypedResults.Ok(settings.ListPayers()));
        return group;
    }

    private static SettingsView View(SettingsStore settings)
    {
        var s = settings.Get();
        return new SettingsView(s.Code, s.Name, s.RegionCode, s.TimeZone, s.RmFormat, settings.ListPoli(includeInactive: true), settings.ListPayers());
    }
}
