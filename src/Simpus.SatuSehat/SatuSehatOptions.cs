namespace Simpus.SatuSehat;

/// <summary>
/// The <c>Simpus:SatuSehat</c> configuration section. The connection keys (<c>AuthUrl</c>, <c>BaseUrl</c>, <c>OrganizationId</c>,
/// <c>ClientId</c>, <c>ClientSecret</c>, <c>Enabled</c>) are the defaults the admin page may override; the rest tunes the sender.
/// </summary>
public sealed class SatuSehatOptions
{
    public const string Section = "Simpus:SatuSehat";

    /// <summary>OAuth2 base, e.g. https://api-satusehat-stg.dto.kemkes.go.id/oauth2/v1 (the token is at {AuthUrl}/accesstoken).</summary>
    public string? AuthUrl { get; set; }

    /// <summary>FHIR base, e.g. https://api-satusehat-stg.dto.kemkes.go.id/fhir-r4/v1.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The puskesmas' Organization id at SATUSEHAT (its IHS number).</summary>
    public string? OrganizationId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Send finished visits. Null: enabled when the connection is complete.</summary>
    public bool? Enabled { get; set; }

    /// <summary>First retry after a failed attempt (seconds); doubles with each further failure.</summary>
    public double RetryBaseSeconds { get; set; } = 15;

    /// <summary>Retries are never further apart than this, so days offline end in a send soon after the link returns.</summary>
    public double RetryMaxSeconds { get; set; } = 900;

    /// <summary>How often the sender looks for work when nothing wakes it.</summary>
    public double PollSeconds { get; set; } = 10;

    /// <summary>Timeout of one HTTP request.</summary>
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Visits taken from the queue per pass (built and validated together, then sent one by one in order).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Renew the token this many seconds before SATUSEHAT says it expires.</summary>
    public double TokenMarginSeconds { get; set; } = 60;
}
