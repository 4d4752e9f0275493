using Simpus.Core.Patients;

namespace Simpus.Clinic.Patients;

/// <summary>Loads the patient search index right after start, so the desk's first search does not wait for it.</summary>
public sealed partial class SearchIndexWarmup(PatientService patients, ILogger<SearchIndexWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var count = patients.Index.Count;
        LogLoaded(logger, count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Patient search index loaded: {Count} patients in {Milliseconds} ms")]
    private static partial void LogLoaded(ILogger logger, int count, double milliseconds);
}
