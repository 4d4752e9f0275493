using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Simpus.SatuSehat.Api;
using Simpus.SatuSehat.Fhir;
using Simpus.SatuSehat.Settings;

namespace Simpus.SatuSehat.Delivery;

public enum SenderPhase { Prepare, Validate, Send, Record }

/// <summary>Wall-clock time spent per phase of the sender (thread-safe counters).</summary>
public sealed class SenderTimings
{
    private readonly long[] _ticks = new long[4];

    public void Add(SenderPhase phase, long startTimestamp) =>
        Interlocked.Add(ref _ticks[(int)phase], Stopwatch.GetTimestamp() - startTimestamp);

    public TimeSpan this[SenderPhase phase] => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[(int)phase]));

    public void Reset()
    {
        for (var i = 0; i < _ticks.Length; i++)
        {
            Interlocked.Exchange(ref _ticks[i], 0);
        }
    }
}

/// <summary>What the sender is doing, for the admin page.</summary>
public sealed record SenderState(bool Active, int Pending, DateTimeOffset? PausedUntil, string? Problem, DateTimeOffset? LastSentAt);

/// <summary>
/// Sends finished visits to SATUSEHAT in the background, oldest first: takes a batch from the outbox, resolves the identities
/// (patient, clinician, poli location), builds each visit's transaction Bundle, validates them (in parallel), then POSTs them one
/// by one in order. A visit that cannot be sent as it is (unresolved identity, invalid FHIR) is held with the reason; one that
/// SATUSEHAT refuses is marked gagal with its OperationOutcome. When SATUSEHAT is unreachable, busy (429) or failing (5xx) the
/// whole queue pauses with exponential backoff and resumes in the same order: nothing is skipped, nothing sent twice.
/// </summary>
public sealed partial class VisitSender(
    VisitQueue queue, LocalVisits local, Identities identities, SatuSehatClient client, FhirValidation validation,
    ConnectionSettings settings, IOptions<SatuSehatOptions> options, TimeProvider clock, ILogger<VisitSender> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private int _failures;
    private volatile string? _problem;
    private DateTimeOffset? _lastSentAt;

    /// <summary>Look at the queue now (something was finished or resent, or the settings changed).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Forget the pause (e.g. after the settings changed) and look at the queue now.</summary>
    public void RetryNow()
    {
        _pausedUntil = DateTimeOffset.MinValue;
        _failures = 0;
        Wake();
    }

    /// <summary>Where the sender's time went since start (for the benchmark and the curious).</summary>
    public SenderTimings Timings { get; } = new();

    public SenderState State() =>
        new(settings.Current().Active, queue.PendingCount(), _pausedUntil > clock.GetUtcNow() ? _pausedUntil : null, _problem, _lastSentAt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        settings.Changed += OnSettingsChanged;
        await Task.Yield();
        if (settings.Current().Active)
        {
            try
            {
                await validation.WarmUpAsync();
            }
            catch (Exception e)
            {
                LogPassFailed(logger, e);
            }
        }
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await PassAsync(stoppingToken))
                {
                    continue;
                }
                var wait = poll;
                var untilResume = _pausedUntil - clock.GetUtcNow();
                if (untilResume > TimeSpan.Zero && untilResume < wait)
                {
                    wait = untilResume;
                }
                await _wake.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogPassFailed(logger, e);
                Pause("Kesalahan saat mengirim: " + e.Message);
            }
        }
        await DropAheadAsync();
        settings.Changed -= OnSettingsChanged;
    }

    private void OnSettingsChanged()
    {
        client.Forget();
        RetryNow();
    }

    /// <summary>
    /// One batch. True when there was work and the queue was not paused by it (so the next batch follows at once).
    /// While a batch is being sent, the next one is already read, resolved, built and validated in the background (validation is the
    /// largest cost and runs on all cores; sending waits on the network): the two overlap, and the order of sending stays the
    /// order of the queue. A look-ahead batch is dropped, not sent, when the queue pauses or the connection settings change: its
    /// visits are still pending and are taken again.
    /// </summary>
    public async Task<bool> PassAsync(CancellationToken cancel)
    {
        var c = settings.Current();
        if (!c.Active || clock.GetUtcNow() < _pausedUntil)
        {
            await DropAheadAsync();
            return false;
        }
        var batch = await TakeAheadAsync(c) ?? await PrepareBatchAsync(c, [], cancel);
        if (batch.Due.Count == 0)
        {
            return false;
        }
        if (batch.Stop is null)
        {
            var taken = batch.Due.Select(d => d.VisitId).ToList();
            _ahead = System.Threading.Tasks.Task.Run(() => PrepareBatchAsync(c, taken, cancel), CancellationToken.None);
        }
        var outcomes = new List<SendOutcome>(batch.Due.Count);
        var going = false;
        try
        {
            going = await SendBatchAsync(batch, outcomes, cancel);
            return going;
        }
        finally
        {
            var start = Stopwatch.GetTimestamp();
            queue.Record(outcomes);
            Timings.Add(SenderPhase.Record, start);
            if (!going)
            {
                await DropAheadAsync();
            }
        }
    }

    /// <summary>A batch read, resolved, built and validated, ready to send in order.</summary>
    private sealed record Batch(Connection Connection, IReadOnlyList<DueVisit> Due, IReadOnlyList<Prepared> Prepared, SendOutcome? Retry, string? Stop);

    private Task<Batch>? _ahead;

    /// <summary>The look-ahead batch if there is one and it was prepared with the connection in force now.</summary>
    private async Task<Batch?> TakeAheadAsync(Connection c)
    {
        var ahead = Interlocked.Exchange(ref _ahead, null);
        if (ahead is null)
        {
            return null;
        }
        var batch = await ahead;
        return batch.Connection == c ? batch : null;
    }

    /// <summary>Waits for the look-ahead batch, if any, and forgets it (its failures too: its visits are taken again).</summary>
    private async Task DropAheadAsync()
    {
        var ahead = Interlocked.Exchange(ref _ahead, null);
        if (ahead is null)
        {
            return;
        }
        try
        {
            await ahead;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing of it was sent or recorded; the next pass reads the queue again.
        }
    }

    /// <summary>
    /// Reads the next due visits (not those of the batch being sent), resolves their identities, builds and validates their Bundles.
    /// When SATUSEHAT cannot be reached while resolving, the batch ends before that visit (which is noted for retry) and the queue
    /// pauses once the visits before it are sent.
    /// </summary>
    private async Task<Batch> PrepareBatchAsync(Connection c, IReadOnlyList<long> exclude, CancellationToken cancel)
    {
        var due = queue.Due(Math.Clamp(options.Value.BatchSize, 1, 500), exclude);
        if (due.Count == 0)
        {
            return new Batch(c, due, [], null, null);
        }
        var start = Stopwatch.GetTimestamp();
        var visits = due.Select(d => local.Load(d.VisitId)).ToList();
        var patients = await ResolvePatientsAsync(c, visits, cancel);
        var prepared = new List<Prepared>(due.Count);
        SendOutcome? retry = null;
        string? stop = null;
        for (var i = 0; i < due.Count; i++)
        {
            try
            {
                prepared.Add(await PrepareAsync(c, due[i], visits[i], patients, cancel));
            }
            catch (Exception e) when (IsTransient(e))
            {
                stop = Describe(e);
                retry = SendOutcome.Retry(due[i], stop);
                break;
            }
        }
        Timings.Add(SenderPhase.Prepare, start);

        // Every resource of every Bundle of the batch validated on all cores at once.
        start = Stopwatch.GetTimestamp();
        var built = prepared.Where(p => p.Held is null && p.Bundle is not null).ToList();
        var results = await validation.ValidateBundlesAsync(built.Select(p => p.Bundle!.Bundle).ToList(), cancel);
        for (var i = 0; i < built.Count; i++)
        {
            built[i].Validation = results[i];
        }
        Timings.Add(SenderPhase.Validate, start);
        return new Batch(c, due, prepared, retry, stop);
    }

    /// <summary>
    /// Sends a prepared batch in order; the outcome of each visit is collected in <paramref name="outcomes"/> and written by the
    /// caller in one transaction, also when the batch stops early (pause) or is cancelled. False when the queue paused.
    /// </summary>
    private async Task<bool> SendBatchAsync(Batch batch, List<SendOutcome> outcomes, CancellationToken cancel)
    {
        var c = batch.Connection;
        foreach (var p in batch.Prepared)
        {
            cancel.ThrowIfCancellationRequested();
            if (p.Held is { } held)
            {
                outcomes.Add(SendOutcome.Stopped(p.Due, SendStatus.Held, held.Reason!, held.Message!));
                LogHeld(logger, p.Due.VisitId, held.Reason!);
                continue;
            }
            if (p.Validation is { IsValid: false } invalid)
            {
                outcomes.Add(SendOutcome.Stopped(p.Due, SendStatus.Held, "fhir.invalid", "Data kunjungan tidak valid menurut validator FHIR R4: " + invalid.Summary));
                LogHeld(logger, p.Due.VisitId, "fhir.invalid");
                continue;
            }
            FhirAnswer answer;
            var start = Stopwatch.GetTimestamp();
            try
            {
                answer = await client.SendAsync(c, HttpMethod.Post, "", SatuSehatClient.Serialize(p.Bundle!.Bundle), cancel);
            }
            catch (Exception e) when (IsTransient(e))
            {
                outcomes.Add(SendOutcome.Retry(p.Due, Describe(e)));
                Pause(Describe(e));
                return false;
            }
            finally
            {
                Timings.Add(SenderPhase.Send, start);
            }
            if (answer.Ok && ResourceIds(answer.Body, p.Bundle!.Keys) is { } ids)
            {
                outcomes.Add(SendOutcome.Sent(p.Due, ids));
                _failures = 0;
                _problem = null;
                _lastSentAt = clock.GetUtcNow();
                LogSent(logger, p.Due.VisitId, ids.Count);
            }
            else if (answer.Transient || answer.Status == HttpStatusCode.Unauthorized)
            {
                var message = answer.Status == HttpStatusCode.Unauthorized
                    ? "SATUSEHAT menolak token (401) walau sudah diperbarui. Periksa client ID/secret."
                    : $"SATUSEHAT sibuk atau bermasalah (HTTP {(int)answer.Status}): {answer.Message}";
                outcomes.Add(SendOutcome.Retry(p.Due, message));
                Pause(message);
                return false;
            }
            else
            {
                var message = answer.Ok ? "Jawaban SATUSEHAT tidak memuat id semua resource: " + answer.Message : answer.Message;
                outcomes.Add(SendOutcome.Stopped(p.Due, SendStatus.Failed, "satusehat.refused", message));
                LogRefused(logger, p.Due.VisitId, (int)answer.Status);
            }
        }
        if (batch.Retry is { } retry)
        {
            outcomes.Add(retry);
            Pause(batch.Stop!);
            return false;
        }
        return true;
    }

    private sealed class Prepared(DueVisit due)
    {
        public DueVisit Due { get; } = due;
        public Resolved? Held { get; set; }
        public VisitBundle? Bundle { get; set; }
        public ValidationResult? Validation { get; set; }
    }

    /// <summary>
    /// The patients of a batch resolved to their IHS numbers before the Bundles are built: different patients at the same time
    /// (a SATUSEHAT search takes a round trip; most visits of a month's backlog are a patient's first), one patient's lookups one
    /// after the other (a newborn must not be created twice), and what was learnt stored in one transaction. A failure is kept
    /// and rethrown for its visit, in order.
    /// </summary>
    private async Task<IReadOnlyDictionary<(long Patient, DateOnly Date), Task<Resolved>>> ResolvePatientsAsync(
        Connection c, IReadOnlyList<LocalVisit?> visits, CancellationToken cancel)
    {
        var wanted = visits.OfType<LocalVisit>().Where(v => v.Status == "finished")
            .Select(v => (v.Patient, Date: DateOnly.FromDateTime(v.FinishedAt.UtcDateTime)))
            .DistinctBy(x => (x.Patient.Id, x.Date)).GroupBy(x => x.Patient.Id).ToList();
        var results = new System.Collections.Concurrent.ConcurrentDictionary<(long, DateOnly), Task<Resolved>>();
        var learnt = new System.Collections.Concurrent.ConcurrentBag<PatientLookup>();
        var unknown = new List<IGrouping<long, (LocalPatient Patient, DateOnly Date)>>();
        foreach (var group in wanted)
        {
            if (identities.KnownPatient(group.Key) is { } known)
            {
                foreach (var (patient, date) in group)
                {
                    results[(patient.Id, date)] = System.Threading.Tasks.Task.FromResult(Resolved.Found(known));
                }
            }
            else
            {
                unknown.Add(group);
            }
        }
        try
        {
            await Parallel.ForEachAsync(unknown, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancel }, async (group, token) =>
            {
                Resolved? found = null;
                foreach (var (patient, date) in group)
                {
                    if (found is not null)
                    {
                        results[(patient.Id, date)] = System.Threading.Tasks.Task.FromResult(found);
                        continue;
                    }
                    try
                    {
                        var lookup = await identities.LookUpPatientAsync(c, patient, date, token);
                        learnt.Add(lookup);
                        results[(patient.Id, date)] = System.Threading.Tasks.Task.FromResult(lookup.Result);
                        found = lookup.Result.Id is not null ? lookup.Result : null;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        results[(patient.Id, date)] = System.Threading.Tasks.Task.FromException<Resolved>(e);
                        return;
                    }
                }
            });
        }
        finally
        {
            identities.SavePatients(learnt.ToList());
        }
        return results;
    }

    private async Task<Prepared> PrepareAsync(Connection c, DueVisit due, LocalVisit? visit,
        IReadOnlyDictionary<(long Patient, DateOnly Date), Task<Resolved>> patients, CancellationToken cancel)
    {
        var p = new Prepared(due);
        if (visit is null || visit.Status != "finished")
        {
            p.Held = Resolved.Missing("visit.notFinished", "Kunjungan belum selesai atau dibatalkan.");
            return p;
        }
        var visitDate = DateOnly.FromDateTime(visit.FinishedAt.UtcDateTime);
        var location = await identities.LocationAsync(c, visit.Poli, visit.PoliName, cancel);
        var practitioner = await identities.PractitionerAsync(c, visit.Clinician, cancel);
        // Every finished visit's patient was resolved for the batch (ResolvePatientsAsync, same key).
        var patient = await patients[(visit.Patient.Id, visitDate)];
        var missing = new[] { patient, practitioner, location }.Where(r => r.Id is null).ToList();
        if (missing.Count > 0)
        {
            p.Held = Resolved.Missing(missing[0].Reason!, string.Join(" ", missing.Select(m => m.Message)));
            return p;
        }
        var clinician = local.Clinician(visit.Clinician!);
        var record = new VisitRecord
        {
            VisitId = visit.VisitId, OrganizationId = c.OrganizationId!,
            PatientId = patient.Id!, PatientName = visit.Patient.Name,
            PractitionerId = practitioner.Id!, PractitionerName = clinician?.FullName ?? visit.Clinician!,
            LocationId = location.Id!, LocationName = visit.PoliName,
            ArrivedAt = visit.ArrivedAt, StartedAt = visit.StartedAt, FinishedAt = visit.FinishedAt, ExaminedAt = visit.ExaminedAt,
            Vitals = visit.Vitals, Diagnoses = visit.Diagnoses, Procedures = visit.Procedures, Prescriptions = visit.Prescriptions,
            KnownIds = queue.KnownIds(visit.VisitId),
        };
        p.Bundle = VisitBundleBuilder.Build(record, c.Base);
        return p;
    }

    /// <summary>The id of every entry from a transaction-response (<c>response.location</c> "Type/id/_history/n", or the returned resource).</summary>
    public static IReadOnlyList<(string LocalKey, string Type, string Id)>? ResourceIds(string body, IReadOnlyList<BundleEntryKey> keys)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array || entries.GetArrayLength() != keys.Count)
            {
                return null;
            }
            var list = new List<(string, string, string)>(keys.Count);
            var i = 0;
            foreach (var e in entries.EnumerateArray())
            {
                var key = keys[i++];
                string? id = null;
                if (e.TryGetProperty("response", out var r) && r.TryGetProperty("location", out var loc) && loc.GetString() is { } location)
                {
                    var parts = location.Split('/');
                    var at = Array.IndexOf(parts, key.ResourceType);
                    id = at >= 0 && at + 1 < parts.Length ? parts[at + 1] : null;
                }
                if (id is null && e.TryGetProperty("resource", out var res) && res.TryGetProperty("id", out var rid))
                {
                    id = rid.GetString();
                }
                if (string.IsNullOrEmpty(id) || id.Length > 64)
                {
                    return null;
                }
                list.Add((key.LocalKey, key.ResourceType, id));
            }
            return list;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsTransient(Exception e) =>
        e is SatuSehatUnreachableException or SatuSehatAuthException || e is SatuSehatRequestException r && (r.Answer.Transient || r.Answer.Status == HttpStatusCode.Unauthorized);

    private static string Describe(Exception e) => e is SatuSehatRequestException r
        ? $"SATUSEHAT menjawab HTTP {(int)r.Answer.Status}: {r.Answer.Message}"
        : e.Message;

    private void Pause(string problem)
    {
        _failures++;
        var o = options.Value;
        var delay = Math.Min(o.RetryBaseSeconds * Math.Pow(2, Math.Min(_failures - 1, 20)), o.RetryMaxSeconds);
        delay *= 0.8 + Random.Shared.NextDouble() * 0.4;
        _pausedUntil = clock.GetUtcNow().AddSeconds(delay);
        _problem = problem;
        LogPaused(logger, _failures, delay);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SATUSEHAT accepted visit {VisitId} ({Resources} resources)")]
    private static partial void LogSent(ILogger logger, long visitId, int resources);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SATUSEHAT: visit {VisitId} held ({Reason})")]
    private static partial void LogHeld(ILogger logger, long visitId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SATUSEHAT refused visit {VisitId} (HTTP {Status})")]
    private static partial void LogRefused(ILogger logger, long visitId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "SATUSEHAT unavailable ({Failures} in a row); sending paused for {Seconds:0.0} s")]
    private static partial void LogPaused(ILogger logger, int failures, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "SATUSEHAT sender pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
