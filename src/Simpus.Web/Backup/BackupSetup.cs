using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Simpus.Core.Backup;
using Simpus.Core.Data;
using Simpus.Web.Hosting;

namespace Simpus.Web.Backup;

/// <summary>The admin's choice of backup folder.</summary>
public sealed record BackupSettingsInput(string? Folder);

/// <summary>What <c>GET /api/backups</c> answers: the status and the last attempts.</summary>
public sealed record BackupOverview(BackupStatus Status, IReadOnlyList<BackupRun> Recent);

/// <summary>Scheduled, verified, rotated backups of a host's own database (clinic and district alike), and their admin API.</summary>
public static class BackupSetup
{
    public static IServiceCollection AddSimpusBackup(this IServiceCollection services, IConfiguration configuration, DatabaseProfile profile)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section))
            .Validate(o => o.IsValid(), "Simpus:Backup: IntervalHours and CheckSeconds > 0, KeepDaily ≥ 1, Passphrase at least 8 characters")
            .ValidateOnStart();
        services.AddSingleton(sp => new BackupService(
            sp.GetRequiredService<Database>(), profile, sp.GetRequiredService<IOptions<BackupOptions>>().Value,
            sp.GetRequiredService<IOptions<SimpusOptions>>().Value.DataDir, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<BackupScheduler>();
        return services;
    }

    /// <summary><c>GET /api/backups</c>, <c>POST /api/backups</c> (back up now), <c>PUT /api/backups/settings</c> — admin only.</summary>
    public static RouteGroupBuilder MapBackups(this IEndpointRouteBuilder app, string adminPolicy)
    {
        var group = app.MapGroup("/api/backups").WithTags("Backups").RequireAuthorization(adminPolicy);

        group.MapGet("/", (BackupService backups) => TypedResults.Ok(new BackupOverview(backups.Status(), backups.Recent(10))))
            .WithSummary("Status cadangan: folder, cadangan baik terakhir, peringatan bila lebih dari sehari, berkas yang disimpan.");

        group.MapPost("/", Results<Created<BackupRun>, ProblemHttpResult> (BackupService backups) =>
        {
            try
            {
                var run = backups.TakeNow("manual");
                return TypedResults.Created($"/api/backups/{run.Id}", run);
            }
            catch (BackupFailedException e)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cadangan gagal",
                    detail: e.Run.Error, type: "https://simpus.id/problems/backup.failed",
                    extensions: new Dictionary<string, object?> { ["code"] = "backup.failed" });
            }
        })
            .WithSummary("Cadangkan sekarang (diperiksa utuh, dirotasi).")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPut("/settings", (BackupSettingsInput input, BackupService backups) =>
        {
            backups.SetFolder(input.Folder);
            return TypedResults.Ok(backups.Status());
        })
            .WithSummary("Folder cadangan (kosong: kembali ke konfigurasi/bawaan).")
            .ProducesValidationProblem();

        return group;
    }
}
