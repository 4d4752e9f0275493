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

    [LoggerMessage(Level = LogLevel.Information, Message = "Before migrating, the database was copied to {Path}")]
    private static partial void LogPreMigrationBackup(ILogger logger, string path);
}
