using System.Text.Json;
using Microsoft.Extensions.Options;
using Simpus.Clinic.AccessLog;
using Simpus.Clinic.Attendance;
using Simpus.Clinic.Dashboard;
using Simpus.Clinic.District;
using Simpus.Clinic.Documents;
using Simpus.Clinic.Examinations;
using Simpus.Clinic.Patients;
using Simpus.Clinic.Pharmacy;
using Simpus.Clinic.Queue;
using Simpus.Clinic.Regions;
using Simpus.Clinic.Reports;
using Simpus.Clinic.SatuSehat;
using Simpus.Clinic.Settings;
using Simpus.Clinic.Visits;
using Simpus.Core.Data;
using Simpus.Core.Patients;
using Simpus.Core.Settings;
using Simpus.Core.Visits;
using Simpus.Core.Backup;
using Simpus.Web.Auth;
using Simpus.Web.Backup;
using Simpus.Web.Hosting;
using Simpus.Web.Problems;
using Simpus.Web.Users;

namespace Simpus.Clinic.Hosting;

/// <summary>The composition root of the clinic service.</summary>
public static class ClinicServices
{
    public const string DatabaseFile = "simpus.db";

    public static IHostApplicationBuilder AddClinicServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SimpusOptions>().Bind(builder.Configuration.GetSection(SimpusOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDir), "Simpus:DataDir must not be empty")
            .ValidateOnStart();
        services.AddSingleton(sp => Database.InDataDir(sp.GetRequiredService<IOptions<SimpusOptions>>().Value.DataDir, DatabaseFile));
        services.AddRegions();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton(sp => new UserStore(sp.GetRequiredService<Database>(), sp.GetRequiredService<SessionStore>(), Policies.Roles,
            poli => sp.GetRequiredService<SettingsStore>().PoliExists(poli)));
        services.AddSingleton<PatientService>();
        services.AddSingleton<VisitService>();
        services.AddQueue();
        services.AddSingleton<Simpus.Core.Demo.IDemoSeeder, Simpus.Core.Demo.RegistrationDemoSeeder>();
        services.AddReports();
        services.AddDashboard();
        services.AddDistrictExchange(builder.Configuration);
        services.AddHostedService<SearchIndexWarmup>();
        services.AddAttendance();
        services.AddExaminations();
        services.AddAccessLog();
        services.AddSimpusBackup(builder.Configuration, DatabaseProfile.Clinic);
        services.AddPharmacy();
        services.AddSatuSehat(builder.Configuration);
        services.AddDocuments();

        services.AddSimpusWeb(policies => policies
            .AddPolicy(Policies.Admin, p => p.RequireRole("admin"))
            .AddPolicy(Policies.Desk, p => p.RequireRole("admin", "pendaftaran"))
            .AddPolicy(Policies.Clinical, p => p.RequireRole("admin", "klinisi", "kepala"))
            .AddPolicy(Policies.Head, p => p.RequireRole("admin", "kepala"))
            .AddPolicy(Policies.Pharmacy, p => p.RequireRole("admin", "farmasi"))
            .AddPolicy(Policies.PharmacyView, p => p.RequireRole("admin", "farmasi", "kepala"))
            .AddPolicy(Policies.StockView, p => p.RequireRole("admin", "farmasi", "klinisi", "kepala")));
        return builder;
    }

    public static WebApplication MapClinicEndpoints(this WebApplication app)
    {
        app.UseSimpusWeb(Policies.Admin);
        app.MapRegions();
        app.MapSettings();
        app.MapPatients();
        app.MapVisits();
        app.MapQueue();
        app.MapReports();
        app.MapDashboard();
        app.MapDistrictExchange();
        app.MapAttendance();
        app.MapExaminations();
        app.MapAccessLog();
        app.MapBackups(Policies.Admin);
        app.MapPharmacy();
        app.MapSatuSehat();
        app.MapDocuments();
        app.MapClinicPages();
        return app;
    }
}
