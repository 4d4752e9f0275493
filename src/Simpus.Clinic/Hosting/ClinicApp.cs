using Microsoft.Extensions.Options;
using Simpus.Clinic.Demo;
using Simpus.Core.Data;
using Simpus.Web.Hosting;
using Simpus.Web.Users;

namespace Simpus.Clinic.Hosting;

/// <summary>Builds the clinic web application: configuration, services, database migration, first admin, endpoints.</summary>
public static partial class ClinicApp
{
    /// <summary>Builds a ready-to-run app, or null when a one-off command (e.g. --demo on a non-empty database) decided to stop.</summary>
    public static WebApplication? Build(string[] args, TextWriter? console = null)
    {
        console ??= Console.Out;
        var demo = args.Contains("--demo");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Where(a => a != "--demo").ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddSimpusServiceHosting("SimpusKlinik", "simpus");
        builder.AddClinicServices();
        var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptions<SimpusOptions>>().Value;
        var database = app.Services.GetRequiredService<Database>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Simpus.Clinic");
        HoldDatabaseLock(app, database, logger);
        var migrator = Migrator.ForClinic(database);
        var applied = migrator.MigrateUp();
        LogStarted(logger, database.FilePath, applied);
        if (migrator.LastPreMigrationBackup is { } copy)
        {
            LogPreMigrationBackup(logger, copy);
        }
        AdminBootstrap.EnsureAdmin(app.Services.GetRequiredService<UserStore>(), options.AdminPassword, logger, console);
        if (demo)
        {
            DemoRunner.Run(app.Services, console);
        }
        app.MapClinicEndpoints();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Clinic database {Path} ready, {Applied} migrations applied")]
    private static partial void LogStarted(ILogger logger, string path, int applied);

    /// <summary>Holds <c>{database}.lock</c> while the service runs, so <c>simpus restore</c> refuses to replace the file under it.</summary>
    private static void HoldDatabaseLock(WebApplication app, Database database, ILogger logger)
    {
        if (DatabaseLock.TryAcquire(database.FilePath) is { } held)
        {
            app.Lifetime.ApplicationStopped.Register(held.Dispose);
        }
        else
        {
            LogLockHeld(logger, DatabaseLock.PathFor(database.FilePath));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another SIMPUS service seems to use this database ({LockFile} is held)")]
    private static partial void LogLockHeld(ILogger logger, string lockFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Before migrating, the database was copied to {Path}")]
    private static partial void LogPreMigrationBackup(ILogger logger, string path);
}
