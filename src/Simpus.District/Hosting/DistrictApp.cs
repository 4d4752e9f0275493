using Microsoft.Extensions.Options;
using Simpus.Core.Data;
using Simpus.Web.Hosting;
using Simpus.Web.Users;

namespace Simpus.District.Hosting;

/// <summary>Builds the Dinas Kesehatan web application: configuration, services, migration, first admin, endpoints.</summary>
public static partial class DistrictApp
{
    public static WebApplication Build(string[] args, TextWriter? console = null)
    {
        console ??= Console.Out;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddSimpusServiceHosting("SimpusDinkes", "simpus-dinkes");
        builder.AddDistrictServices();
        var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptions<SimpusOptions>>().Value;
        var database = app.Services.GetRequiredService<Database>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Simpus.District");
        HoldDatabaseLock(app, database, logger);
        var migrator = Migrations(database);
        var applied = migrator.MigrateUp();
        LogStarted(logger, database.FilePath, applied);
        if (migrator.LastPreMigrationBackup is { } copy)
        {
            LogPreMigrationBackup(logger, copy);
        }
        AdminBootstrap.EnsureAdmin(app.Services.GetRequiredService<UserStore>(), options.AdminPassword, logger, console);
        app.MapDistrictEndpoints();
        return app;
    }

    /// <summary>The district's own numbered migrations (<c>db/district/NNNN_name.sql</c>), embedded in this assembly.</summary>
    public static Migrator Migrations(Database database) =>
        new(database, typeof(DistrictApp).Assembly, "Simpus.Migrations.district.");

    [LoggerMessage(Level = LogLevel.Information, Message = "District database {Path} ready, {Applied} migrations applied")]
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
