using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Identity;
using Simpus.Core.Regions;

namespace Simpus.Core.Settings;

/// <summary>Who this puskesmas is: code, name, kab/kota and kecamatan (codes from the official list), time zone and the No. RM format.</summary>
public sealed record PuskesmasSettings
{
    public string Code { get; init; } = "P0000000000";
    public string Name { get; init; } = "Puskesmas Contoh";
    /// <summary>The kab/kota (<c>33.73</c>).</summary>
    public string RegionCode { get; init; } = "33.73";
    /// <summary>The puskesmas' own kecamatan (<c>33.73.04</c>), inside <see cref="RegionCode"/>; the desk offers its villages first.</summary>
    public string? KecamatanCode { get; init; }
    public string TimeZone { get; init; } = "WIB";
    public string RmFormat { get; init; } = RmNumber.DefaultFormat;
}

public sealed record Poli
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>What the desk types and reads: "Umum", "Gigi", "KIA/KB" (default: the name without "Poli ").</summary>
    public string? ShortName { get; init; }
    /// <summary>The queue letter printed before the number: U-015, G-003 (1–2 capital letters, unique).</summary>
    public string? Letter { get; init; }
    public int SortOrder { get; init; }
    public bool Active { get; init; } = true;
    /// <summary>The desk's number key (1–9) for this poli: its place among the active poli; 0 when inactive or beyond 9.</summary>
    public int Key { get; init; }
}

public sealed record Payer
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public bool IsPoor { get; init; }
}

/// <summary>Reads and writes the <c>settings</c> key/value table and the poli list.</summary>
public sealed class SettingsStore(Database db, RegionDirectory? regions = null)
{
    private readonly RegionDirectory _regions = regions ?? new RegionDirectory(db);
    private volatile PuskesmasSettings? _cached;
    private volatile IReadOnlyList<Poli>? _poli;

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
            KecamatanCode = Text.Clean(values.GetValueOrDefault("puskesmas.kecamatanCode")),
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
            v.Add("regionCode", "regionCode.required", "Kabupaten/kota wajib dipilih dari daftar wilayah, contoh Kota Salatiga (33.73).");
        }
        else if (_regions.Validate(region, 2, "regionCode") is { } e)
        {
            v.Add(e.Field, e.Code, e.Message);
        }
        var kecamatan = RegionCode.Normalize(input.KecamatanCode);
        if (kecamatan is not null)
        {
            if (_regions.Validate(kecamatan, 3, "kecamatanCode") is { } k)
            {
                v.Add(k.Field, k.Code, k.Message);
            }
            else if (region is not null && !kecamatan.StartsWith(region + ".", StringComparison.Ordinal))
            {
                v.Add("kecamatanCode", "kecamatanCode.outside", $"Kecamatan {_regions.NameOf(kecamatan)} ({kecamatan}) tidak berada di {_regions.NameOf(region) ?? region}.");
            }
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
        var saved = input with { Code = code!, Name = name!, RegionCode = region!, KecamatanCode = kecamatan };
        db.InTransaction((c, t) =>
        {
            Put(c, t, "puskesmas.code", saved.Code);
            Put(c, t, "puskesmas.name", saved.Name);
            Put(c, t, "puskesmas.regionCode", saved.RegionCode);
            Put(c, t, "puskesmas.kecamatanCode", saved.KecamatanCode ?? "");
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

    /// <summary>The poli in their order, with short name, queue letter and number key filled in.</summary>
    public IReadOnlyList<Poli> ListPoli(bool includeInactive = false)
    {
        var all = _poli ??= LoadPoli();
        return includeInactive ? all : all.Where(p => p.Active).ToList();
    }

    /// <summary>One poli by code (also inactive ones), or null.</summary>
    public Poli? FindPoli(string code) => ListPoli(includeInactive: true).FirstOrDefault(p => p.Code == code);

    private List<Poli> LoadPoli()
    {
        using var c = db.Open();
        var rows = c.Query<Poli>(
            "SELECT code, name, short_name AS ShortName, letter, sort_order AS SortOrder, active FROM poli ORDER BY sort_order, code").ToList();
        var used = rows.Where(p => p.Letter is not null).Select(p => p.Letter!).ToHashSet(StringComparer.Ordinal);
        var key = 0;
        return rows.Select(p =>
        {
            var letter = p.Letter ?? DefaultLetter(p.Code, p.Name, used);
            used.Add(letter);
            var k = p.Active && key < 9 ? ++key : 0;
            return p with { ShortName = p.ShortName ?? DefaultShortName(p.Name), Letter = letter, Key = k };
        }).ToList();
    }

    /// <summary>"Poli TB Paru" → "TB Paru".</summary>
    public static string DefaultShortName(string name)
    {
        var s = name.StartsWith("Poli ", StringComparison.OrdinalIgnoreCase) ? name[5..].Trim() : name.Trim();
        return s.Length > 20 ? s[..20] : s;
    }

    /// <summary>The first letter of the code, short name or name not yet taken by another poli, else the first free letter.</summary>
    public static string DefaultLetter(string code, string name, IReadOnlySet<string> taken)
    {
        foreach (var ch in (code + DefaultShortName(name) + name).ToUpperInvariant())
        {
            if (ch is >= 'A' and <= 'Z' && !taken.Contains(ch.ToString()))
            {
                return ch.ToString();
            }
        }
        for (var ch = 'A'; ch <= 'Z'; ch++)
        {
            if (!taken.Contains(ch.ToString()))
            {
                return ch.ToString();
            }
        }
        return "X";
    }

    public IReadOnlyList<Payer> ListPayers()
    {
        using var c = db.Open();
        return c.Query<Payer>("SELECT code, name, is_poor AS IsPoor FROM payers ORDER BY sort_order").ToList();
    }

    /// <summary>
    /// Adds or renames a poli, sets its short name and queue letter, or (de)activates it. Poli are never deleted: visits
    /// refer to them. A missing short name or letter keeps the current one, or gets a default.
    /// </summary>
    public Poli SavePoli(Poli poli)
    {
        var v = new Validation();
        var code = Text.Clean(poli.Code)?.ToLowerInvariant();
        if (code is null || code.Length is < 2 or > 20 || !code.All(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') || code[0] is < 'a' or > 'z')
        {
            v.Add("code", "poli.code", "Kode poli 2–20 huruf kecil/angka, diawali huruf, contoh 'umum'.");
        }
        var name = Text.Clean(poli.Name);
        if (name is null)
        {
            v.Add("name", "poli.name", "Nama poli wajib diisi.");
        }
        else if (name.Length > 60 || name.Any(char.IsControl))
        {
            v.Add("name", "poli.nameInvalid", "Nama poli paling panjang 60 karakter, tanpa karakter kendali.");
        }
        var shortName = Text.Clean(poli.ShortName);
        if (shortName is not null && (shortName.Length > 20 || shortName.Any(char.IsControl)))
        {
            v.Add("shortName", "poli.shortName", "Nama singkat poli paling panjang 20 karakter, contoh 'Gigi'.");
        }
        var letter = Text.Clean(poli.Letter)?.ToUpperInvariant();
        var existing = code is null ? null : FindPoli(code);
        if (letter is not null)
        {
            if (letter.Length > 2 || !letter.All(ch => ch is >= 'A' and <= 'Z'))
            {
                v.Add("letter", "poli.letter", "Huruf antrean 1–2 huruf A–Z, contoh 'G' untuk G-003.");
            }
            else if (ListPoli(includeInactive: true).FirstOrDefault(p => p.Letter == letter && p.Code != code) is { } other)
            {
                v.Add("letter", "poli.letterTaken", $"Huruf antrean {letter} sudah dipakai {other.Name}.");
            }
        }
        if (poli.SortOrder is < 0 or > 999)
        {
            v.Add("sortOrder", "poli.sortOrder", "Urutan poli 0–999.");
        }
        v.ThrowIfAny();
        var taken = ListPoli(includeInactive: true).Where(p => p.Code != code).Select(p => p.Letter!).ToHashSet(StringComparer.Ordinal);
        var saved = poli with
        {
            Code = code!,
            Name = name!,
            ShortName = shortName ?? existing?.ShortName ?? DefaultShortName(name!),
            Letter = letter ?? existing?.Letter ?? DefaultLetter(code!, name!, taken),
        };
        db.InTransaction((c, t) => c.Execute("""
            INSERT INTO poli (code, name, short_name, letter, sort_order, active) VALUES (@Code, @Name, @ShortName, @Letter, @SortOrder, @Active)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, letter = excluded.letter,
                                             sort_order = excluded.sort_order, active = excluded.active
            """, saved, t));
        _poli = null;
        return FindPoli(saved.Code)!;
    }

    public bool PoliExists(string code, bool mustBeActive = true) =>
        FindPoli(code) is { } p && (p.Active || !mustBeActive);

    public bool PayerExists(string code)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM payers WHERE code = @code", new { code }) > 0;
    }

    private static void Put(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction t, string key, string value) =>
        c.Execute("INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { key, value }, t);
}
