using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Core.Catalogue;

public sealed record Drug
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Unit { get; init; }
    public string? Form { get; init; }
    /// <summary>Therapeutic class of the national formulary (Fornas), e.g. "Antiinfeksi / Antibakteri / Beta laktam".</summary>
    public string? FornasClass { get; init; }
    /// <summary>Minimum stock in the drug's unit below which the pharmacy is warned; null = derived from use (README "Farmasi").</summary>
    public int? MinStock { get; init; }
    public bool Active { get; init; } = true;
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record DrugInput
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Unit { get; init; }
    public string? Form { get; init; }
    public string? FornasClass { get; init; }
    public int? MinStock { get; init; }
    public bool? Active { get; init; }
}

/// <summary>
/// The puskesmas formulary (drug catalogue): shipped from <c>db/reference/drugs.csv</c> at first start, edited by the admin.
/// A drug is never deleted (prescriptions refer to it); it is deactivated and can no longer be prescribed.
/// </summary>
public sealed class DrugCatalogue(Database db, TimeProvider clock)
{
    private readonly object _gate = new();
    private volatile IReadOnlyList<Drug>? _cache;

    public int EnsureLoaded()
    {
        lock (_gate)
        {
            using var c = db.Open();
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM drugs") > 0)
            {
                return 0;
            }
            var now = clock.GetUtcNow();
            var rows = ReferenceData.Rows("drugs.csv").Where(f => f.Length >= 3).ToList();
            using var t = c.BeginTransaction();
            foreach (var f in rows)
            {
                c.Execute("INSERT INTO drugs (code, name, unit, form, active, updated_at) VALUES (@code, @name, @unit, @form, 1, @now)",
                    new { code = f[0].Trim(), name = f[1].Trim(), unit = f[2].Trim(), form = f.Length > 3 ? Text.Clean(f[3]) : null, now }, t);
            }
            t.Commit();
            _cache = null;
            return rows.Count;
        }
    }

    /// <summary>
    /// Fills the Fornas class of the shipped drugs from <c>db/reference/drug_fornas.csv</c>, once (the pharmacy migration asks
    /// for it), and only where none is set; returns how many drugs got a class.
    /// </summary>
    public int EnsureFornasClasses()
    {
        lock (_gate)
        {
            var rows = ReferenceData.Rows("drug_fornas.csv").Where(f => f.Length >= 2).ToList();
            var applied = db.InTransaction((c, t) =>
            {
                if (c.ExecuteScalar<string?>("SELECT value FROM settings WHERE key = 'farmasi.fornasSeed'", transaction: t) != "pending")
                {
                    return 0;
                }
                var n = 0;
                foreach (var f in rows)
                {
                    n += c.Execute("UPDATE drugs SET fornas_class = @fornas WHERE code = @code AND fornas_class IS NULL",
                        new { code = f[0].Trim(), fornas = Text.Clean(f[1]) }, t);
                }
                c.Execute("UPDATE settings SET value = 'done' WHERE key = 'farmasi.fornasSeed'", transaction: t);
                return n;
            });
            _cache = null;
            return applied;
        }
    }

    public IReadOnlyList<Drug> All()
    {
        if (_cache is { } cached)
        {
            return cached;
        }
        EnsureLoaded();
        using var c = db.Open();
        var list = c.Query<Drug>(
            "SELECT code, name, unit, form, fornas_class AS FornasClass, min_stock AS MinStock, active, updated_at AS UpdatedAt FROM drugs ORDER BY name")
            .ToList();
        _cache = list;
        return list;
    }

    public Drug? Find(string? code) =>
        Text.Clean(code) is { } c ? All().FirstOrDefault(d => string.Equals(d.Code, c, StringComparison.OrdinalIgnoreCase)) : null;

    /// <summary>
    /// The active drug with this code for a prescription or stock line; otherwise null, with the error (drug.unknown) on
    /// <paramref name="field"/>.
    /// </summary>
    public Drug? FindActive(string? code, Validation v, string field)
    {
        if (Find(code) is { Active: true } drug)
        {
            return drug;
        }
        v.Add(field, "drug.unknown", Text.Clean(code) is { } given
            ? $"Obat '{given}' tidak ada di katalog obat aktif."
            : "Obat wajib dipilih dari katalog.");
        return null;
    }

    public Drug GetRequired(string code) =>
        Find(code) ?? throw new NotFoundException("drug.notFound", $"Obat dengan kode {code} tidak ada di katalog.");

    /// <summary>
    /// Active drugs matching every typed word: a word matches the start of a word of the name, of the code or of the drug's
    /// everyday names (<c>db/reference/drug_synonyms.csv</c>: abbreviations such as ttd, fe, ctm, and international spellings),
    /// generic names compared in either spelling (<see cref="GenericNames"/>); words of three letters or more also match inside.
    /// What this puskesmas prescribes most comes first (usage counts kept by the database), then the rest, whole-word
    /// matches before partial ones. All active drugs (by name) when the query is empty.
    /// </summary>
    public IReadOnlyList<Drug> Search(string? query, bool includeInactive = false, int limit = 50)
    {
        var words = Words(Text.Clean(query) ?? "");
        var usage = Usage();
        var synonyms = Synonyms.Value;
        return All()
            .Where(d => includeInactive || d.Active)
            .Select(d =>
            {
                var tokens = Words(d.Name + " " + d.Code + " " + synonyms.GetValueOrDefault(d.Code));
                var whole = 0;
                foreach (var w in words)
                {
                    if (tokens.Contains(w))
                    {
                        whole++;
                    }
                    else if (!tokens.Any(t => t.StartsWith(w, StringComparison.Ordinal)) && !(w.Length >= 3 && tokens.Any(t => t.Contains(w, StringComparison.Ordinal))))
                    {
                        return (Drug: d, Match: false, Whole: 0);
                    }
                }
                return (Drug: d, Match: true, Whole: whole);
            })
            .Where(x => x.Match)
            .OrderByDescending(x => words.Length == 0 ? 0 : usage.GetValueOrDefault(x.Drug.Code))
            .ThenByDescending(x => x.Whole)
            .ThenBy(x => x.Drug.Name, StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(x => x.Drug)
            .ToList();
    }

    private static string[] Words(string text) =>
        Icd10Catalogue.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(GenericNames.Fold).Distinct().ToArray();

    private Dictionary<string, long> Usage()
    {
        using var c = db.Open();
        return c.Query<(string Code, long Uses)>("SELECT code, uses FROM catalogue_usage WHERE kind = 'drug' AND uses > 0")
            .ToDictionary(r => r.Code, r => r.Uses, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Everyday names of drugs by code: <c>db/reference/drug_synonyms.csv</c>.</summary>
    private static readonly Lazy<Dictionary<string, string>> Synonyms = new(() => ReferenceData.Rows("drug_synonyms.csv")
        .Where(f => f.Length >= 2)
        .GroupBy(f => f[0].Trim(), StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(f => f[1].Trim())), StringComparer.OrdinalIgnoreCase));

    public Drug Create(DrugInput input)
    {
        var (code, name, unit, form, fornas, minimum) = Validate(input, requireCode: true);
        var now = clock.GetUtcNow();
        try
        {
            using var c = db.Open();
            c.Execute("""
                INSERT INTO drugs (code, name, unit, form, fornas_class, min_stock, active, updated_at)
                VALUES (@code, @name, @unit, @form, @fornas, @minimum, @active, @now)
                """, new { code, name, unit, form, fornas, minimum, active = input.Active ?? true, now });
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new ConflictException("drug.codeTaken", $"Kode obat {code} sudah dipakai.");
        }
        _cache = null;
        return GetRequired(code!);
    }

    public Drug Update(string code, DrugInput input)
    {
        var existing = GetRequired(code);
        var (_, name, unit, form, fornas, minimum) = Validate(input with { Code = existing.Code }, requireCode: false);
        using (var c = db.Open())
        {
            c.Execute("""
                UPDATE drugs SET name = @name, unit = @unit, form = @form, fornas_class = @fornas, min_stock = @minimum, active = @active,
                                 updated_at = @now
                WHERE code = @Code
                """, new { name, unit, form, fornas, minimum, active = input.Active ?? existing.Active, now = clock.GetUtcNow(), existing.Code });
        }
        _cache = null;
        return GetRequired(existing.Code);
    }

    public Drug Deactivate(string code)
    {
        var existing = GetRequired(code);
        using (var c = db.Open())
        {
            c.Execute("UPDATE drugs SET active = 0, updated_at = @now WHERE code = @Code", new { now = clock.GetUtcNow(), existing.Code });
        }
        _cache = null;
        return GetRequired(existing.Code);
    }

    /// <summary>Validates a complete drug (code included) and returns it cleaned: code upper-case, unit lower-case, blanks as null.</summary>
    public static DrugInput Check(DrugInput input)
    {
        var (code, name, unit, form, fornas, minimum) = Validate(input, requireCode: true);
        return new DrugInput { Code = code, Name = name, Unit = unit, Form = form, FornasClass = fornas, MinStock = minimum, Active = input.Active };
    }

    private static (string? Code, string? Name, string? Unit, string? Form, string? FornasClass, int? MinStock) Validate(DrugInput input, bool requireCode)
    {
        var v = new Validation();
        var code = Text.Clean(input.Code)?.ToUpperInvariant();
        var name = Text.Clean(input.Name);
        var unit = Text.Clean(input.Unit)?.ToLowerInvariant();
        var form = Text.Clean(input.Form);
        if (requireCode && (code is null || code.Length > 20 || !code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.')))
        {
            v.Add("code", "code.invalid", "Kode obat wajib diisi: huruf, angka, titik atau tanda minus, paling panjang 20.");
        }
        if (name is null || name.Length > 120)
        {
            v.Add("name", "name.required", "Nama obat wajib diisi (paling panjang 120 karakter).");
        }
        if (unit is null || unit.Length > 20)
        {
            v.Add("unit", "unit.required", "Satuan wajib diisi, mis. tablet, kapsul, botol, tube.");
        }
        if (form is { Length: > 40 })
        {
            v.Add("form", "form.tooLong", "Bentuk sediaan paling panjang 40 karakter.");
        }
        var fornas = Text.Clean(input.FornasClass);
        if (fornas is { Length: > 120 } || (fornas is not null && fornas.Any(char.IsControl)))
        {
            v.Add("fornasClass", "fornasClass.invalid", "Kelas terapi Fornas paling panjang 120 karakter, tanpa karakter kendali.");
        }
        if (input.MinStock is < 0 or > 10_000_000)
        {
            v.Add("minStock", "minStock.range", "Stok minimum harus 0 sampai 10.000.000 (dalam satuan obat), atau dikosongkan.");
        }
        v.ThrowIfAny();
        return (code, name, unit, form, fornas, input.MinStock);
    }

    /// <summary>Drops the cached list after the catalogue was changed elsewhere (the CSV import).</summary>
    internal void Invalidate() => _cache = null;
}
