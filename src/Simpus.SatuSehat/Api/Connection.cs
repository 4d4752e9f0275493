namespace Simpus.SatuSehat.Api;

/// <summary>The connection in force: from the admin page where set there, otherwise from configuration.</summary>
public sealed record Connection(string? AuthUrl, string? BaseUrl, string? OrganizationId, string? ClientId, string? ClientSecret, bool Enabled)
{
    /// <summary>Every field needed to talk to SATUSEHAT is set.</summary>
    public bool Complete => AuthUrl is not null && BaseUrl is not null && OrganizationId is not null && ClientId is not null && ClientSecret is not null;

    /// <summary>Complete and switched on.</summary>
    public bool Active => Enabled && Complete;

    public string Base => BaseUrl!.TrimEnd('/');
}
