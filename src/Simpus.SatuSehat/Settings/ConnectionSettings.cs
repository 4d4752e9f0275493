using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.SatuSehat.Api;

namespace Simpus.SatuSehat.Settings;

/// <summary>What the admin sends. A field left out (null) stays as it is; an empty text removes the page's value so the
/// configuration's applies again. The client secret is only ever written, never read back.</summary>
public sealed record ConnectionInput
{
    public string? AuthUrl { get; init; }
    public string? BaseUrl { get; init; }
    public string? OrganizationId { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public bool? ClearSecret { get; init; }
    public bool? Enabled { get; init; }
}

/// <summary>One setting as shown: its value and where it comes from (<c>halaman</c> = admin page, <c>konfigurasi</c>, or null = unset).</summary>
public sealed record SettingView(string? Value, string? Source);

/// <summary>The connection as the admin page shows it: never the secret, only whether one is set and from where.</summary>
public sealed record ConnectionView(
    SettingView AuthUrl, SettingView BaseUrl, SettingView OrganizationId, SettingView ClientId,
    bool SecretSet, string? SecretSource, bool SecretUnreadable, bool Enabled, string? EnabledSource, bool Complete, bool Active,
    IReadOnlyList<Preset> Presets);

/// <summary>A SATUSEHAT environment from its documentation.</summary>
public sealed record Preset(string Name, string Label, string AuthUrl, string BaseUrl);

/// <summary>
/// The SATUSEHAT connection: keys <c>Simpus:SatuSehat:*</c> from configuration, overridden by what the admin saved on the page
/// (settings table, <c>satusehat.*</c>). The client secret saved on the page is encrypted with ASP.NET Core Data Protection
/// (keys in the data folder) and never shown again.
/// </summary>
public sealed class ConnectionSettings(Database db, IOptions<SatuSehatOptions> options, IDataProtector protector)
{
    public static readonly IReadOnlyList<Preset> Presets =
    [
        new("sandbox", "Sandbox (uji coba)", "https://api-satusehat-stg.dto.kemkes.go.id/oauth2/v1", "https://api-satusehat-stg.dto.kemkes.go.id/fhir-r4/v1"),
        new("production", "Produksi", "https://api-satusehat.kemkes.go.id/oauth2/v1", "https://api-satusehat.kemkes.go.id/fhir-r4/v1"),
    ];

    private const string Prefix = "satusehat.";
    private volatile Connection? _cached;
    private volatile bool _secretUnreadable;

    /// <summary>Raised after the admin saved: the sender forgets its token and retries what waits.</summary>
    public event Action? Changed;

    public Connection Current()
    {
        if (_cached is { } c)
        {
            return c;
        }
        var stored = Stored();
        var o = options.Value;
        var secret = Unprotect(stored.GetValueOrDefault("clientSecret")) ?? Text.Clean(o.ClientSecret);
        var connection = new Connection(
            Pick(stored, "authUrl", o.AuthUrl)?.TrimEnd('/'),
            Pick(stored, "baseUrl", o.BaseUrl)?.TrimEnd('/'),
            Pick(stored, "organizationId", o.OrganizationId),
            Pick(stored, "clientId", o.ClientId),
            secret,
            false);
        var enabledText = stored.GetValueOrDefault("enabled");
        var enabled = enabledText is not null ? enabledText == "true" : o.Enabled ?? connection.Complete;
        connection = connection with { Enabled = enabled };
        _cached = connection;
        return connection;
    }

    public ConnectionView View()
    {
        var stored = Stored();
        var o = options.Value;
        var current = Current();
        SettingView V(string key, string? configured) =>
            stored.GetValueOrDefault(key) is { } s ? new SettingView(s, "halaman")
            : Text.Clean(configured) is { } cfg ? new SettingView(cfg, "konfigurasi") : new SettingView(null, null);
        var secretSource = stored.ContainsKey("clientSecret") && !_secretUnreadable ? "halaman"
            : Text.Clean(o.ClientSecret) is not null ? "konfigurasi" : null;
        return new ConnectionView(
            V("authUrl", o.AuthUrl), V("baseUrl", o.BaseUrl), V("organizationId", o.OrganizationId), V("clientId", o.ClientId),
            current.ClientSecret is not null, secretSource, _secretUnreadable, current.Enabled,
            stored.ContainsKey("enabled") ? "halaman" : o.Enabled is not null ? "konfigurasi" : null,
            current.Complete, current.Active, Presets);
    }

    public ConnectionView Save(ConnectionInput input, string user)
    {
        var v = new Validation();
        var changes = new Dictionary<string, string?>();
        Url(v, changes, "authUrl", input.AuthUrl, "Alamat autentikasi");
        Url(v, changes, "baseUrl", input.BaseUrl, "Alamat FHIR");
        if (input.OrganizationId is not null)
        {
            var org = Text.Clean(input.OrganizationId);
            if (org is not null && (org.Length > 64 || !org.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-')))
            {
                v.Add("organizationId", "organizationId.invalid", "ID Organisasi SATUSEHAT hanya huruf, angka atau tanda minus, paling panjang 64.");
            }
            changes["organizationId"] = org;
        }
        if (input.ClientId is not null)
        {
            var id = Text.Clean(input.ClientId);
            if (id is not null && (id.Length > 200 || id.Any(char.IsControl) || id.Any(char.IsWhiteSpace)))
            {
                v.Add("clientId", "clientId.invalid", "Client ID paling panjang 200 karakter, tanpa spasi atau karakter kontrol.");
            }
            changes["clientId"] = id;
        }
        if (Text.Clean(input.ClientSecret) is { } secret)
        {
            if (secret.Length > 500 || secret.Any(char.IsControl) || secret.Any(char.IsWhiteSpace))
            {
                v.Add("clientSecret", "clientSecret.invalid", "Client secret paling panjang 500 karakter, tanpa spasi atau karakter kontrol.");
            }
            else
            {
                changes["clientSecret"] = protector.Protect(secret);
            }
        }
        else if (input.ClearSecret == true)
        {
            changes["clientSecret"] = null;
        }
        if (input.Enabled is { } enabled)
        {
            changes["enabled"] = enabled ? "true" : "false";
        }
        v.ThrowIfAny();
        var now = DapperSetup.FormatInstant(DateTimeOffset.UtcNow);
        db.InTransaction((c, t) =>
        {
            foreach (var (key, value) in changes)
            {
                if (value is null)
                {
                    c.Execute("DELETE FROM settings WHERE key = @key", new { key = Prefix + key }, t);
                }
                else
                {
                    c.Execute("INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        new { key = Prefix + key, value }, t);
                }
            }
            c.Execute("INSERT INTO settings (key, value) VALUES ('satusehat.updatedBy', @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                new { value = $"{user} {now}" }, t);
        });
        _cached = null;
        Changed?.Invoke();
        return View();
    }

    private static void Url(Validation v, Dictionary<string, string?> changes, string field, string? text, string label)
    {
        if (text is null)
        {
            return;
        }
        var url = Text.Clean(text)?.TrimEnd('/');
        if (url is not null && (url.Length > 300 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            v.Add(field, field + ".invalid", $"{label} harus alamat web lengkap (http/https), paling panjang 300 karakter.");
        }
        changes[field] = url;
    }

    private Dictionary<string, string> Stored()
    {
        using var c = db.Open();
        return c.Query<(string Key, string Value)>("SELECT key, value FROM settings WHERE key LIKE 'satusehat.%'")
            .Where(r => r.Key != "satusehat.updatedBy" && r.Value.Length > 0)
            .ToDictionary(r => r.Key[Prefix.Length..], r => r.Value);
    }

    private static string? Pick(Dictionary<string, string> stored, string key, string? configured) =>
        stored.GetValueOrDefault(key) ?? Text.Clean(configured);

    private string? Unprotect(string? protectedSecret)
    {
        _secretUnreadable = false;
        if (protectedSecret is null)
        {
            return null;
        }
        try
        {
            return protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            _secretUnreadable = true;
            return null;
        }
    }
}
