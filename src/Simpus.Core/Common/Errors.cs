namespace Simpus.Core.Common;

/// <summary>One invalid field: a stable machine code (e.g. <c>nik.invalid</c>) and an Indonesian message the UI shows as is.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>Input was rejected; nothing was stored. Rendered as HTTP 400 ProblemDetails.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : Exception("Validasi gagal: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string code, string message) => new([new FieldError(field, code, message)]);
}

/// <summary>The thing asked for does not exist (HTTP 404).</summary>
public sealed class NotFoundException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The request conflicts with stored data, e.g. a NIK already registered (HTTP 409).</summary>
public sealed class ConflictException(string code, string message, IReadOnlyDictionary<string, object?>? details = null) : Exception(message)
{
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}

/// <summary>The user is logged in but may not do this (HTTP 403).</summary>
public sealed class ForbiddenException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>Collects field errors and throws them together, so the caller sees every bad field at once.</summary>
public sealed class Validation
{
    private readonly List<FieldError> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyList<FieldError> Errors => _errors;

    public bool Has(string field) => _errors.Exists(e => e.Field == field);

    public Validation Add(string field, string code, string message)
    {
        _errors.Add(new FieldError(field, code, message));
        return this;
    }

    public void AddRange(IEnumerable<FieldError> errors) => _errors.AddRange(errors);

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors.ToList());
        }
    }
}
