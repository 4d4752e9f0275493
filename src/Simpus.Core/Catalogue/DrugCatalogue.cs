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
    public bool Active { get; init; } = true;
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record DrugInput
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Unit { get; init; }
    public string? Form { get; init; }
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

    public IReadOnlyList<Drug> All()
    {
        if (_cache is { } cached)
        {
            return cached;
        }
        EnsureLoaded();
        using var c = db.Open();
        var list = c.Query<Drug>("SELECT code, name, unit, form, active, updated_at AS UpdatedAt FROM drugs ORDER BY name").ToList();
        _cache = list;
        return list;
    }

    public Drug? Find(string? code) =>
        Text.Clean(code) is { } c ? All().FirstOrDefault(d => string.Equals(d.Code, c, StringComparison.OrdinalIgnoreCase)) : null;

    public Drug GetRequired(string code) =>
        Find(code) ?? throw new NotFoundException("drug.notFound", $"Obat dengan kode {code} tidak ada di katalog.");

    /// <summary>Active drugs whose name or code contains every typed word; all active drugs when the query is empty.</summary>
    public IReadOnlyList<Drug> Search(string? query, bool includeInactive = false, int limit = 50)
    {
        var words = Icd10Catalogue.Fold(Text.Clean(query) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return All()
            .Where(d => includeInactive || d.Active)
            .Select(d => (Drug: d, Text: Icd10Catalogue.Fold(d.Name + " " + d.Code)))
            .Where(x => words.All(w => x.Text.Contains(w, StringComparison.Ordinal)))
            .OrderBy(x => words.Length > 0 && x.Text.StartsWith(words[0], StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(x => x.Drug.Name, StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(x => x.Drug)
            .ToList();
    }

    public Drug Create(DrugInput input)
    {
        var (code, name, unit, form) = Validate(input, requireCode: true);
        var now = clock.GetUtcNow();
        try
        {
            using var c = db.Open();
            c.Execute("INSERT INTO drugs (code, name, unit, form, active, updated_at) VALUES (@code, @name, @unit, @form, @active, @now)",
                new { code, name, unit, form, active = input.Active ?? true, now });
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
        var (_, name, unit, form) = Validate(input with { Code = existing.Code }, requireCode: false);
        using (var c = db.Open())
        {
            c.Execute("UPDATE drugs SET name = @name, unit = @unit, form = @form, active = @active, updated_at = @now WHERE code = @Code",
                new { name, unit, form, active = input.Active ?? existing.Active, now = clock.GetUtcNow(), existing.Code });
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

    private static (string? Code, string? Name, string? Unit, string? Form) Validate(DrugInput input, bool requireCode)
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
        v.ThrowIfAny();
        return (code, name, unit, form);
    }
}
