using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Simpus.Core.Backup;

namespace Simpus.Web.Backup;

/// <summary>
/// Looks every <c>Simpus:Backup:CheckSeconds</c> whether the last good backup is older than <c>IntervalHours</c> and takes one
/// if so. A PC switched off at night still gets its backup soon after it starts; a failed attempt is recorded, logged and
/// retried at the next look.
/// </summary>
public sealed partial class BackupScheduler(BackupService backups, ILogger<BackupScheduler> logger, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!backups.Options.Enabled)
        {
            LogDisabled(logger);
            return;
        }
        var period = TimeSpan.FromSeconds(backups.Options.CheckSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(period, clock, stoppingToken);
                await Task.Run(RunIfDue, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void RunIfDue()
    {
        try
        {
            if (backups.TakeIfDue() is { } run)
            {
                LogTaken(logger, run.FileName, run.Folder, run.SizeBytes ?? 0, run.Seconds);
            }
        }
        catch (BackupFailedException e)
        {
            LogFailed(logger, e.Run.Folder, e.InnerException?.Message ?? e.Message);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            LogFailed(logger, null, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled backup {File} written to {Folder}: {Bytes} bytes in {Seconds:0.0} s, verified")]
    private static partial void LogTaken(ILogger logger, string? file, string? folder, long bytes, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled backup to {Folder} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string? folder, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled backups are off (Simpus:Backup:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);
}
