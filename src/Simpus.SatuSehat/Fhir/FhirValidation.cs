using System.Collections.Concurrent;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Simpus.SatuSehat.Fhir;

/// <summary>The outcome of validating one resource or bundle: the error and fatal issues, each as "message (path)".</summary>
public sealed record ValidationResult(IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public string Summary => string.Join("; ", Errors);
}

/// <summary>
/// Firely's FHIR R4 validator over the R4 specification shipped in <c>specification.zip</c> (package Hl7.Fhir.Specification.Data.R4,
/// copied next to the binaries: no network). The specification source is loaded once per process; a <see cref="Validator"/> is not
/// thread-safe, so each thread borrows one from a small pool (each with its own cached resolver and terminology service).
/// </summary>
public sealed class FhirValidation
{
    private static readonly Lazy<ZipSource> Specification = new(() =>
        ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip")));

    private readonly ConcurrentBag<Validator> _pool = [];

    /// <summary>Loads the specification and compiles the schemas of the resources SIMPUS sends, so the first visit does not wait.</summary>
    public void WarmUp()
    {
        var validator = Rent();
        try
        {
            foreach (var r in new Resource[]
            {
                new Bundle { Type = Bundle.BundleType.Transaction }, new Encounter(), new Condition(), new Observation(), new Procedure(),
                new Medication(), new MedicationRequest(), new Location(), new Patient(), new OperationOutcome(),
            })
            {
                validator.Validate(r);
            }
        }
        finally
        {
            _pool.Add(validator);
        }
    }

    public ValidationResult Validate(Resource resource)
    {
        var validator = Rent();
        try
        {
            var outcome = validator.Validate(resource);
            return new ValidationResult(outcome.Issue
                .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
                .Select(Describe)
                .ToList());
        }
        finally
        {
            _pool.Add(validator);
        }
    }

    private static string Describe(OperationOutcome.IssueComponent issue)
    {
        var text = issue.Details?.Text ?? issue.Diagnostics ?? issue.Code?.ToString() ?? "invalid";
        var where = issue.Expression?.FirstOrDefault() ?? issue.Location?.FirstOrDefault();
        return where is null ? text : $"{text} ({where})";
    }

    private Validator Rent()
    {
        if (_pool.TryTake(out var validator))
        {
            return validator;
        }
        var resolver = new CachedResolver(Specification.Value);
        return new Validator(resolver, new LocalTerminologyService(resolver));
    }
}
