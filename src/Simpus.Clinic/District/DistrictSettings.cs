using Simpus.Core.Common;
using Simpus.Core.Settings;
using Simpus.Exchange;

namespace Simpus.Clinic.District;

/// <summary>What the admin sets: the Dinas Kesehatan's address and the key it issued to this puskesmas.</summary>
public sealed record DistrictSettingsInput(string? Url, string? Key);

/// <summary>What is shown back: never the key itself, only whether one is set and its last 4 characters.</summary>
public sealed record DistrictSettingsView(string? Url, bool KeySet, string? KeyHint);

/// <summary>The district URL and key, kept in the clinic's settings table (<c>district.url</c>, <c>district.key</c>).</summary>
public sealed class DistrictSettings(SettingsStore settings)
{
    public const string UrlKey = "district.url";
    public const string KeyKey = "district.key";

    public string? Url => Text.Clean(settings.GetValue(UrlKey));

    public string? Key => Text.Clean(settings.GetValue(KeyKey));

    public DistrictSettingsView View()
    {
        var key = Key;
        return new DistrictSettingsView(Url, key is not null, key is null ? null : "…" + key[^4..]);
    }

    public DistrictSettingsView Save(DistrictSettingsInput input)
    {
        var v = new Validation();
        var url = Text.Clean(input.Url)?.TrimEnd('/');
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            v.Add("url", "url.invalid", "Alamat Dinas Kesehatan harus alamat web lengkap, contoh https://simpus.dinkes.semarangkota.go.id.");
        }
        var key = Text.Clean(input.Key)?.ToLowerInvariant();
        if (key is not null && !PackageCodec.IsValidKey(key))
        {
            v.Add("key", "key.invalid", "Kunci harus 64 karakter heksadesimal (0–9, a–f), persis seperti yang diberikan Dinas Kesehatan.");
        }
        v.ThrowIfAny();
        settings.SetValue(UrlKey, url ?? "");
        if (key is not null)
        {
            settings.SetValue(KeyKey, key);
        }
        return View();
    }

    /// <summary>The key, or a 400 telling the user to set it first.</summary>
    public string RequiredKey() =>
        Key ?? throw ValidationFailedException.For("key", "district.keyMissing",
            "Kunci dari Dinas Kesehatan belum diatur. Admin mengisinya di Pengaturan Dinas Kesehatan.");
}
