using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Simpus.Core.Net;
using Simpus.Exchange.Outbox;

namespace Simpus.Clinic.District;

/// <summary>The <c>Simpus:District</c> section of the clinic: how the background sender retries.</summary>
public sealed class DistrictSendOptions
{
    public const string Section = "Simpus:District";

    /// <summary>First retry after this many seconds; doubles with each failed attempt (exponential backoff).</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    /// <summary>Retries are never further apart than this (default 1 hour): days offline still end in a send soon after the link returns.</summary>
    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>How often the sender looks at the outbox when nothing wakes it.</summary>
    public double PollSeconds { get; set; } = 60;

    /// <summary>Timeout of one HTTP attempt.</summary>
    public double TimeoutSeconds { get; set; } = 60;
}

/// <summary>Wakes the sender at once when something was queued or the settings changed.</summary>
public sealed class SenderSignal
{
    private readonly SemaphoreSlim _semaphore = new(0);

    public void Wake()
    {
        if (_semaphore.CurrentCount == 0)
        {
            _semaphore.Release();
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancel) => _semaphore.WaitAsync(timeout, cancel);
}

/// <summary>
/// Sends queued packages to <c>{district.url}/api/packages</c> until accepted. Network errors and 5xx answers are retried with
/// exponential backoff; a refusal (400/401/403/409: e.g. wrong key, unknown puskesmas) stops the entry with the district's reason
/// until the head sends again or the settings change. All state is in the outbox table, so restarts lose nothing.
/// </summary>
public sealed partial class PackageSender(PackageOutbox outbox, DistrictSettings settings, SenderSignal signal,
    IOptions<DistrictSendOptions> options, TimeProvider clock, ILogger<PackageSender> logger) : BackgroundService
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds) };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
                var wait = poll;
                if (outbox.NextDue() is { } next)
                {
                    var untilNext = next - clock.GetUtcNow();
                    wait = untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext < poll ? untilNext : poll;
                }
                await signal.WaitAsync(wait + TimeSpan.FromMilliseconds(20), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogLoopFailed(logger, e);
                await Task.Delay(poll, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One pass over the due entries.</summary>
    public async Task SendDueAsync(CancellationToken cancel)
    {
        var url = settings.Url;
        var key = settings.Key;
        if (url is null || key is null)
        {
            return;
        }
        foreach (var entry in outbox.Due())
        {
            cancel.ThrowIfCancellationRequested();
            await SendAsync(entry, url, key, cancel);
        }
    }

    private async Task SendAsync(OutboxEntry entry, string url, string key, CancellationToken cancel)
    {
        var file = outbox.FileFor(entry, key);
        try
        {
            using var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await _http.PostAsync(url + "/api/packages", content, cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            var message = MessageOf(body) ?? $"HTTP {(int)response.StatusCode}";
            if (response.IsSuccessStatusCode)
            {
                outbox.MarkAccepted(entry.Id, message);
                LogAccepted(logger, entry.Period, entry.Revision, (int)response.StatusCode);
            }
            else if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Conflict
                         or HttpStatusCode.RequestEntityTooLarge
                     && body.Contains("\"code\"", StringComparison.Ordinal))
            {
                outbox.MarkRefused(entry.Id, message);
                LogRefused(logger, entry.Period, entry.Revision, (int)response.StatusCode);
            }
            else
            {
                Retry(entry, $"Dinas Kesehatan menjawab HTTP {(int)response.StatusCode}: {message}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            Retry(entry, NetworkFailure.Describe("Dinas Kesehatan", e, url));
        }
    }

    private void Retry(OutboxEntry entry, string error)
    {
        var o = options.Value;
        var delay = PackageOutbox.Backoff(entry.Attempts, TimeSpan.FromSeconds(o.RetryBaseSeconds), TimeSpan.FromSeconds(o.RetryMaxSeconds));
        outbox.MarkFailed(entry.Id, error, clock.GetUtcNow() + delay);
        LogRetry(logger, entry.Period, entry.Revision, entry.Attempts + 1, delay.TotalSeconds);
    }

    private static string? MessageOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            foreach (var name in new[] { "message", "detail", "title" })
            {
                if (root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String)
                {
                    return p.GetString();
                }
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Package {Period} revision {Revision} accepted by the district (HTTP {Status})")]
    private static partial void LogAccepted(ILogger logger, string period, int revision, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Package {Period} revision {Revision} refused by the district (HTTP {Status})")]
    private static partial void LogRefused(ILogger logger, string period, int revision, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Package {Period} revision {Revision}: attempt {Attempt} failed, next in {Seconds:0.0} s")]
    private static partial void LogRetry(ILogger logger, string period, int revision, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "District sender pass failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
