using System.Collections.Concurrent;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Simpus.SatuSehat.Fhir;

/// <summary>The outcome of validating resources: the error and fatal issues, each as "message (path)".</summary>
public sealed record ValidationResult(IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public string Summary => string.Join("; ", Errors);
}

/// <summary>
/// Firely's FHIR R4 validator over the R4 specification shipped in <c>specification.zip</c> (package Hl7.Fhir.Specification.Data.R4,
/// copied next to the binaries: no network). The specification is read once per process into one cached resolver, shared by a
/// small pool of <see cref="Validator"/>s (a validator is not thread-safe: each thread borrows its own and keeps its compiled schemas).
/// Every resource of a Bundle is validated on its own against its base R4 profile.
/// </summary>
public sealed class FhirValidation
{
    private static readonly Lazy<CachedResolver> Resolver = new(() =>
        new CachedResolver(ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip"))));

    private static readonly object WarmGate = new();
    private static bool _warm;

    private readonly ConcurrentBag<Validator> _pool = [];

    /// <summary>
    /// Reads the specification and resolves every definition the visit resources use, once per process (single-threaded, so the
    /// shared resolver is filled before validators run in parallel). Takes seconds; the sender calls it at start.
    /// </summary>
    public void WarmUp()
    {
        lock (WarmGate)
        {
            if (_warm)
            {
                return;
            }
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
            _warm = true;
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
        var resolver = Resolver.Value;
        return new Validator(resolver, new LocalTerminologyService(resolver));
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
