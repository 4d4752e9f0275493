using System.Collections.Concurrent;
using System.Text.Json;
using Firely.Fhir.Validation;
using Firely.Fhir.Validation.Compilation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Simpus.SatuSehat.Api;
using Task = System.Threading.Tasks.Task;

namespace Simpus.SatuSehat.Fhir;

/// <summary>The outcome of validating resources: the error and fatal issues, each as "message (path)".</summary>
public sealed record ValidationResult(IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public string Summary => string.Join("; ", Errors);
}

/// <summary>
/// Firely's FHIR R4 validator over the R4 specification shipped in <c>specification.zip</c> (package Hl7.Fhir.Specification.Data.R4,
/// copied next to the binaries: no network). The specification is read and its schemas compiled once per process, shared by a
/// small pool of <see cref="Validator"/>s (each thread borrows its own). Every resource of a Bundle is validated on its own against
/// its base R4 profile, with every rule of it (structure, cardinality, bindings, FHIRPath invariants).
/// </summary>
public sealed class FhirValidation
{
    private static readonly Lazy<Specification> Spec = new(() => new Specification());

    private static readonly object WarmGate = new();
    private static Task? _warming;

    private readonly ConcurrentBag<Validator> _pool = [];

    /// <summary>
    /// Reads the specification and resolves every definition the visit resources use, once per process, on a thread of its own
    /// (single-threaded, so the shared resolver is filled before validators run in parallel). Takes seconds (minutes on a loaded
    /// two-core machine); the sender awaits it at start. Every caller gets the same task; a failed warm-up is tried again by the
    /// next caller.
    /// </summary>
    /// <remarks>Never on a thread-pool thread: blocking one for seconds would hold up the desk's requests (see <see cref="OnOwnThread"/>).</remarks>
    public Task WarmUpAsync()
    {
        lock (WarmGate)
        {
            if (_warming is null || _warming.IsFaulted || _warming.IsCanceled)
            {
                _warming = OnOwnThread(WarmUpHere);
            }
            return _warming;
        }
    }

    /// <summary><see cref="WarmUpAsync"/>, waited for.</summary>
    public void WarmUp() => WarmUpAsync().GetAwaiter().GetResult();

    private void WarmUpHere()
    {
        var sample = VisitBundleBuilder.Build(SampleVisit, "http://localhost/fhir");
        var validator = Rent();
        try
        {
            foreach (var e in sample.Bundle.Entry)
            {
                validator.Validate(e.Resource!);
            }
            validator.Validate(sample.Bundle);
            validator.Validate(new Location { Name = "x", ManagingOrganization = new ResourceReference("Organization/1") });
            validator.Validate(new Patient { BirthDate = "2026-01-01", Gender = AdministrativeGender.Female });
            validator.Validate(new OperationOutcome());
        }
        finally
        {
            _pool.Add(validator);
        }
    }

    public ValidationResult Validate(Resource resource)
    {
        WarmUp();
        var validator = Rent();
        try
        {
            return new ValidationResult(Errors(validator.Validate(resource), null).ToList());
        }
        finally
        {
            _pool.Add(validator);
        }
    }

    /// <summary>Each entry's resource validated on its own; errors name the entry (<c>Bundle.entry[2] Observation: ...</c>).</summary>
    public ValidationResult ValidateEntries(Bundle bundle)
    {
        WarmUp();
        var validator = Rent();
        try
        {
            var errors = new List<string>();
            for (var i = 0; i < bundle.Entry.Count; i++)
            {
                if (bundle.Entry[i].Resource is { } resource)
                {
                    errors.AddRange(Errors(validator.Validate(resource), $"Bundle.entry[{i}] {resource.TypeName}"));
                }
                else
                {
                    errors.Add($"Bundle.entry[{i}] tanpa resource");
                }
            }
            return new ValidationResult(errors);
        }
        finally
        {
            _pool.Add(validator);
        }
    }

    /// <summary>
    /// The entries of many Bundles validated at once, every resource on its own, spread over all cores (each thread with its own
    /// validator from the pool); one result per Bundle, in order, as <see cref="ValidateEntries"/> gives it.
    /// </summary>
    public async Task<IReadOnlyList<ValidationResult>> ValidateBundlesAsync(IReadOnlyList<Bundle> bundles, CancellationToken cancel = default)
    {
        await WarmUpAsync();
        var work = bundles.SelectMany((b, n) => b.Entry.Select((e, i) => (Bundle: n, Entry: i, e.Resource))).ToArray();
        var found = new List<string>?[work.Length];
        var next = -1;
        void Drain()
        {
            var validator = Rent();
            try
            {
                for (var k = Interlocked.Increment(ref next); k < work.Length; k = Interlocked.Increment(ref next))
                {
                    cancel.ThrowIfCancellationRequested();
                    var (_, i, resource) = work[k];
                    found[k] = resource is null
                        ? [$"Bundle.entry[{i}] tanpa resource"]
                        : Errors(validator.Validate(resource), $"Bundle.entry[{i}] {resource.TypeName}").ToList() is { Count: > 0 } errors ? errors : null;
                }
            }
            finally
            {
                _pool.Add(validator);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Clamp(Math.Min(Environment.ProcessorCount, work.Length), 1, 16)).Select(_ => OnOwnThread(Drain)));
        var results = new List<string>[bundles.Count];
        for (var k = 0; k < work.Length; k++)
        {
            (results[work[k].Bundle] ??= []).AddRange(found[k] ?? []);
        }
        return results.Select(r => new ValidationResult(r ?? [])).ToList();
    }

    /// <summary>
    /// Runs validation work on a dedicated thread, below normal priority (honoured on Windows, the usual clinic PC: the desk's
    /// requests go first when the cores are busy); the task completes when it is done.
    /// </summary>
    /// <remarks>
    /// Not on the thread pool: Firely's binding check waits synchronously for a thread-pool task for every coded element it checks
    /// (<c>TaskHelper.Await</c> is <c>Task.Run(...).GetAwaiter().GetResult()</c>). Validating on pool threads therefore blocked the
    /// very threads those tasks needed: more than half of the validation time was spent spinning and waiting for the pool to grow,
    /// and the clinic's own requests queued behind it.
    /// </remarks>
    private static Task OnOwnThread(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "FHIR validation" }.Start();
        return done.Task;
    }

    private static IEnumerable<string> Errors(OperationOutcome outcome, string? prefix) =>
        outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i =>
            {
                var text = i.Details?.Text ?? i.Diagnostics ?? i.Code?.ToString() ?? "invalid";
                var where = i.Expression?.FirstOrDefault() ?? i.Location?.FirstOrDefault();
                var line = where is null ? text : $"{text} ({where})";
                return prefix is null ? line : $"{prefix}: {line}";
            });

    private Validator Rent()
    {
        if (_pool.TryTake(out var validator))
        {
            return validator;
        }
        var spec = Spec.Value;
        return new Validator(spec.Resolver, spec.Terminology, schemaResolver: spec.Schemas);
    }

    /// <summary>
    /// What every validator of the process shares: the specification (read once from the zip), the schemas compiled from its
    /// StructureDefinitions (compiled once, thread-safe cache) and the answers of the local terminology service (a code checked
    /// against a value set once gives the same answer every time: memoized).
    /// </summary>
    private sealed class Specification
    {
        public Specification()
        {
            Resolver = new CachedResolver(ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip")));
            // The resolver Validator builds for itself when given none, made once here so that every validator of the pool uses
            // the same compiled schemas. Firely marks the type experimental (its API may change in a later version).
#pragma warning disable ExperimentalApi
            Schemas = StructureDefinitionToElementSchemaResolver.CreatedCached(Resolver);
#pragma warning restore ExperimentalApi
            Terminology = new MemoizedTerminology(new LocalTerminologyService(Resolver));
        }

        public CachedResolver Resolver { get; }

        public IElementSchemaResolver Schemas { get; }

        public ICodeValidationTerminologyService Terminology { get; }
    }

    /// <summary>The same $validate-code question answered once: the local service expands value sets on every call otherwise.</summary>
    private sealed class MemoizedTerminology(ICodeValidationTerminologyService inner) : ICodeValidationTerminologyService
    {
        private readonly ConcurrentDictionary<string, Task<Parameters>> _answers = new(StringComparer.Ordinal);

        public async Task<Parameters> ValueSetValidateCode(Parameters parameters, string? id = null, bool useGet = false)
        {
            var key = (id ?? "") + "\u0001" + JsonSerializer.Serialize(parameters, SatuSehatClient.FhirJson);
            if (_answers.Count > 20_000)
            {
                _answers.Clear();
            }
            var answer = _answers.GetOrAdd(key, _ => inner.ValueSetValidateCode(parameters, id, useGet));
            try
            {
                return (Parameters)(await answer).DeepCopy();
            }
            catch
            {
                _answers.TryRemove(key, out _);
                throw;
            }
        }

        public Task<Parameters> Subsumes(Parameters parameters, string? id = null, bool useGet = false) => inner.Subsumes(parameters, id, useGet);
    }

    private static readonly VisitRecord SampleVisit = new()
    {
        VisitId = 1, OrganizationId = "1", PatientId = "P1", PatientName = "x", PractitionerId = "N1", PractitionerName = "x",
        LocationId = "L1", LocationName = "x", ArrivedAt = DateTimeOffset.UnixEpoch, StartedAt = DateTimeOffset.UnixEpoch.AddMinutes(1),
        FinishedAt = DateTimeOffset.UnixEpoch.AddMinutes(2), ExaminedAt = DateTimeOffset.UnixEpoch.AddMinutes(1),
        Vitals = VitalSign.All.Select(s => new VitalValue(s, 1m)).ToList(),
        Diagnoses = [new DiagnosisRow(1, "A00", "x", true, false), new DiagnosisRow(2, "A01", "x", false, true)],
        Procedures = [new ProcedureRow(1, "x", "1", false)],
        Prescriptions = [new PrescriptionRow(1, "X", "x", "1", "x", "1", 1, "x", 1, false)],
        KnownIds = new Dictionary<string, string> { [LocalKeys.Condition(2)] = "C2" },
    };
}
