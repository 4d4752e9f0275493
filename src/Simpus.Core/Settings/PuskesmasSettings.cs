using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Identity;

namespace Simpus.Core.Settings;

/// <summary>Who this puskesmas is: code, name, kab/kota, time zone and the No. RM format.</summary>
public sealed record PuskesmasSettings
{
    public string Code { get; init; } = "P0000000000";
    public string Name { get; init; } = "Puskesmas Contoh";
    public string RegionCode { get; init; } = "33.73";
    public string TimeZone { get; init; } = "WIB";
    public string RmFormat { get; init; } = RmNumber.DefaultFormat;
}

public sealed record Poli
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public int SortOrder { get; init; }
    public bool Active { get; init; } = true;
}

public sealed record Payer
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public bool IsPoor { get; init; }
}

/// <summary>Reads and writes the <c>settings</c> key/value table and the poli list.</summary>
public sealed class SettingsStore(Database db)
{
    private volatile PuskesmasSettings? _cached;

    public PuskesmasSettings Get()
    {
        if (_cached is { } cached)
        {
            return cached;
        }
        using var c = db.Open();
        var values = c.Query<(string Key, string Value)>("SELECT key, value FROM settings")
            .ToDictionary(r => r.Key, r => r.Value);
        var defaults = new PuskesmasSettings();
        var settings = new PuskesmasSettings
        {
            Code = values.GetValueOrDefault("puskesmas.code", defaults.Code),
            Name = values.GetValueOrDefault("puskesmas.name", defaults.Name),
            RegionCode = values.GetValueOrDefault("puskesmas.regionCode", defaults.RegionCode),
            TimeZone = values.GetValueOrDefault("puskesmas.timeZone", defaults.TimeZone),
            RmFormat = values.GetValueOrDefault("puskesmas.rmFormat", defaults.RmFormat),
        };
        _cached = settings;
        return settings;
    }

    public PuskesmasSettings Save(PuskesmasSettings input)
    {
        var v = new Validation();
        var code = Text.Clean(input.Code);
        var name = Text.Clean(input.Name);
        var region = RegionCode.Normalize(input.RegionCode);
        if (code is null || code.Length > 20)
        {
            v.Add("code", "code.required", "Kode puskesmas wajib diisi (paling panjang 20 karakter).");
        }
        if (name is null)
        {
            v.Add("name", "name.required", "Nama puskesmas wajib diisi.");
        }
        if (region is null)
        {
            v.Add("regionCode", "regionCode.required", "Kode kabupaten/kota wajib diisi, contoh 33.73.");
        }
        else if (RegionCode.Validate(region, 2, "regionCode") is { } e)
        {
            v.Add(e.Field, e.Code, e.Message);
        }
        if (!TimeZones.Codes.Contains(input.TimeZone))
        {
            v.Add("timeZone", "timeZone.invalid", "Zona waktu harus WIB, WITA atau WIT.");
        }
        if (RmNumber.ValidateFormat(input.RmFormat) is { } rmError)
        {
            v.Add("rmFormat", "rmFormat.invalid", rmError);
        }
        v.ThrowIfAny();
        var saved = input with { Code = code!, Name = name!, RegionCode = region! };
        db.InTransaction((c, t) =>
        {
            Put(c, t, "puskesmas.code", saved.Code);
            Put(c, t, "puskesmas.name", saved.Name);
            Put(c, t, "puskesmas.regionCode", saved.RegionCode);
            Put(c, t, "puskesmas.timeZone", saved.TimeZone);
            Put(c, t, "puskesmas.rmFormat", saved.RmFormat);
        });
        _cached = saved;
        return saved;
    }

    /// <summary>A raw value from the key/value table, for capabilities that keep their own settings.</summary>
    public string? GetValue(string key)
    {
        using var c = db.Open();
        return c.ExecuteScalar<string?>("SELECT value FROM settings WHERE key = @key", new { key });
    }

    public void SetValue(string key, string value) =>
        db.InTransaction((c, t) => Put(c, t, key, value));

    public IReadOnlyList<Poli> ListPoli(bool includeInactive = false)
    {
        using var c = db.Open();
        return c.Query<Poli>(
            "SELECT code, name, sort_order AS SortOrder, active FROM poli WHERE active = 1 OR @includeInactive ORDER BY sort_order, code",
            new { includeInactive }).ToList();
    }

    public IReadOnlyList<Payer> ListPayers()
    {
        using var c = db.Open();
        return c.Query<Payer>("SELECT code, name, is_poor AS IsPoor FROM payers ORDER BY sort_order").ToList();
    }

    /// <summary>Adds or renames a poli, or (de)activates it. Poli are never deleted: visits refer to them.</summary>
    public Poli SavePoli(Poli poli)
    {
        var v = new Validation();
        var code = Text.Clean(poli.Code)?.ToLowerInvariant();
        if (code is null || code.Length is < 2 or > 20 || !code.All(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') || code[0] is < 'a' or > 'z')
        {
            v.Add("code", "poli.code", "Kode poli 2–20 huruf kecil/angka, diawali huruf, contoh 'umum'.");
        }
        if (Text.Clean(poli.Name) is null)
        {
            v.Add("name", "poli.name", "Nama poli wajib diisi.");
        }
        v.ThrowIfAny();
        var saved = poli with { Code = code!, Name = Text.Clean(poli.Name)! };
        db.InTransaction((c, t) => c.Execute("""
            INSERT INTO poli (code, name, sort_order, active) VALUES (@Code, @Name, @SortOrder, @Active)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order, active = excluded.active
            """, saved, t));
        return saved;
    }

    public bool PoliExists(string code, bool mustBeActive = true)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM poli WHERE code = @code AND (active = 1 OR NOT @mustBeActive)", new { code, mustBeActive }) > 0;
    }

    public bool PayerExists(string code)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM payers WHERE code = @code", new { code }) > 0;
    }

    private static void Put(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction t, string key, string value) =>
        c.Execute("INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { key, value }, t);
}
