using System.Text.Json;
using Microsoft.Extensions.Options;
using Simpus.Core.Data;
using Simpus.District.Dashboard;
using Simpus.District.Dhis2;
using Simpus.District.Farmasi;
using Simpus.District.Packages;
using Simpus.District.Quality;
using Simpus.District.Registry;
using Simpus.District.Workbook;
using Simpus.Core.Backup;
using Simpus.Web.Auth;
using Simpus.Web.Backup;
using Simpus.Web.Hosting;
using Simpus.Web.Problems;
using Simpus.Web.Users;

namespace Simpus.District.Hosting;

/// <summary>The composition root of the district service.</summary>
public static class DistrictServices
{
    public const string DatabaseFile = "simpus-dinkes.db";

    /// <summary>The district's login cookie: not the clinic's name, so both services on one PC keep their own login.</summary>
    public const string DistrictCookie = "simpus_dinkes_auth";

    public static IHostApplicationBuilder AddDistrictServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SimpusOptions>().Bind(builder.Configuration.GetSection(SimpusOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDir), "Simpus:DataDir must not be empty")
            .ValidateOnStart();
        services.AddOptions<DistrictOptions>().Bind(builder.Configuration.GetSection(DistrictOptions.Section))
            .Validate(o => o.IsValid(), "Simpus:District:DueDay must be 1–28, TimeZone WIB, WITA or WIT, Paper A4 or F4, MaxPackageBytes 1 KB–256 MB, "
                + "MaxPackageValues ≥ 1, MaxPackageDrugs, MaxPackageLb1Codes and MaxPackageReportRows ≥ 0, MaxRevisionStep 1–10000")
            .ValidateOnStart();
        services.AddSingleton(sp => Database.InDataDir(sp.GetRequiredService<IOptions<SimpusOptions>>().Value.DataDir, DatabaseFile));
        services.AddSingleton(sp => new UserStore(sp.GetRequiredService<Database>(), sp.GetRequiredService<SessionStore>(), DistrictPolicies.Roles));
        services.AddSingleton<PuskesmasRegistry>();
        services.AddSingleton<PackageInbox>();
        services.AddSingleton<DistrictData>();
        services.AddSingleton<QualityService>();
        services.AddSingleton<DistrictWorkbook>();
        services.AddSingleton<Dhis2Mapping>();
        services.AddSingleton<DistrictDashboard>();
        services.AddSimpusBackup(builder.Configuration, DatabaseProfile.District);
        services.AddSingleton<DistrictPharmacy>();

        services.AddSimpusWeb(policies => policies
            .AddPolicy(DistrictPolicies.Admin, p => p.RequireRole("admin"))
            .AddPolicy(DistrictPolicies.Staff, p => p.RequireRole("admin", "petugas")), DistrictCookie);
        return builder;
    }

    public static WebApplication MapDistrictEndpoints(this WebApplication app)
    {
        app.UseSimpusWeb(DistrictPolicies.Admin);
        app.MapRegistry();
        app.MapPackages();
        app.MapQuality();
        app.MapDistrictReports();
        app.MapDhis2();
        app.MapDistrictDashboard();
        app.MapBackups(DistrictPolicies.Admin);
        app.MapDistrictPharmacy();
        app.MapDistrictPages();
        return app;
    }
}
