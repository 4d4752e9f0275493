using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.SatuSehat.Kfa;

public sealed record KfaEntry
{
    public required string DrugCode { get; init; }
    public string? DrugName { get; init; }
    public required string KfaCode { get; init; }
    public string? KfaDisplay { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }
}

public sealed record KfaInput
{
    public string? KfaCode { get; init; }
    public string? KfaDisplay { get; init; }
}

/// <summary>
/// KFA (Kamus Farmasi dan Alat Kesehatan) code of each drug of the catalogue, sent as the Medication code. Shipped rows come from
/// <c>db/reference/drugs-kfa.csv</c> (loaded once; the admin's edits are never overwritten), the rest is filled by the admin.
/// </summary>
public sealed class KfaCodes(Database db, TimeProvider clock)
{
    private const string LoadedMarker = "satusehat.kfaReference";
    private int _loaded;

    public void EnsureLoaded()
    {
        if (Interlocked.Exchange(ref _loaded, 1) == 1)
        {
            return;
        }
        var now = clock.GetUtcNow();
        db.InTransaction((c, t) =>
        {
            if (c.ExecuteScalar<string?>("SELECT value FROM settings WHERE key = @LoadedMarker", new { LoadedMarker }, t) is not null)
            {
                return;
            }
            foreach (var f in ReferenceData.Rows("drugs-kfa.csv").Where(f => f.Length >= 2))
            {
                c.Execute("""
                    INSERT OR IGNORE INTO drug_kfa (drug_code, kfa_code, kfa_display, updated_at, updated_by)
                    VALUES (@code, @kfa, @display, @now, 'referensi')
                    """, new { code = f[0].Trim(), kfa = f[1].Trim(), display = f.Length > 2 ? Text.Clean(f[2]) : null, now }, t);
            }
            c.Execute("INSERT INTO settings (key, value) VALUES (@LoadedMarker, 'drugs-kfa.csv')", new { LoadedMarker }, t);
        });
    }

    public IReadOnlyList<KfaEntry> List()
    {
        EnsureLoaded();
        using var c = db.Open();
        return c.Query<KfaEntry>("""
            SELECT k.drug_code AS DrugCode, g.name AS DrugName, k.kfa_code AS KfaCode, k.kfa_display AS KfaDisplay,
                   k.updated_at AS UpdatedAt, k.updated_by AS UpdatedBy
            FROM drug_kfa k LEFT JOIN drugs g ON g.code = k.drug_code ORDER BY k.drug_code
            """).ToList();
    }

    /// <summary>Active drugs of the catalogue that have no KFA code yet (their prescriptions go with the drug name only).</summary>
    public IReadOnlyList<(string Code, string Name)> Missing()
    {
        EnsureLoaded();
        using var c = db.Open();
        return c.Query<(string Code, string Name)>(
            "SELECT code, name FROM drugs WHERE active = 1 AND code NOT IN (SELECT drug_code FROM drug_kfa) ORDER BY name").ToList();
    }

    public KfaEntry Set(string drugCode, KfaInput input, string user)
    {
        EnsureLoaded();
        var v = new Validation();
        var kfa = Text.Clean(input.KfaCode);
        var display = Text.Clean(input.KfaDisplay);
        if (kfa is null || kfa.Length > 20 || !kfa.All(char.IsAsciiLetterOrDigit))
        {
            v.Add("kfaCode", "kfa.invalid", "Kode KFA wajib diisi: huruf atau angka saja, paling panjang 20 (contoh 92000653).");
        }
        if (display is { } d && (d.Length > 300 || d.Any(char.IsControl)))
        {
            v.Add("kfaDisplay", "kfaDisplay.invalid", "Nama KFA paling panjang 300 karakter, tanpa karakter kontrol.");
        }
        v.ThrowIfAny();
        var now = clock.GetUtcNow();
        db.InTransaction((c, t) =>
        {
            var exists = c.ExecuteScalar<string?>("SELECT code FROM drugs WHERE code = @drugCode COLLATE NOCASE", new { drugCode }, t)
                ?? throw new NotFoundException("drug.notFound", $"Obat dengan kode {drugCode} tidak ada di katalog.");
            c.Execute("""
                INSERT INTO drug_kfa (drug_code, kfa_code, kfa_display, updated_at, updated_by) VALUES (@exists, @kfa, @display, @now, @user)
                ON CONFLICT (drug_code) DO UPDATE SET kfa_code = excluded.kfa_code, kfa_display = excluded.kfa_display,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, new { exists, kfa, display, now, user }, t);
            drugCode = exists;
        });
        return List().First(k => k.DrugCode == drugCode);
    }

    public void Remove(string drugCode)
    {
        EnsureLoaded();
        var removed = db.InTransaction((c, t) => c.Execute("DELETE FROM drug_kfa WHERE drug_code = @drugCode COLLATE NOCASE", new { drugCode }, t));
        if (removed == 0)
        {
            throw new NotFoundException("kfa.notFound", $"Obat {drugCode} belum punya kode KFA.");
        }
    }
}
