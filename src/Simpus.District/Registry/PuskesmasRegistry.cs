using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Exchange;

namespace Simpus.District.Registry;

public sealed record PuskesmasInput(string? Code = null, string? Name = null, string? OrgUnit = null, bool? Active = null);

/// <summary>A registered puskesmas as shown to people: never its key.</summary>
public sealed record Puskesmas
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? OrgUnit { get; init; }
    public bool Active { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset KeyIssuedAt { get; init; }
}

/// <summary>The answer to a registration or key rotation: the only time the key is shown.</summary>
public sealed record IssuedKey(string Code, string Name, string Key, string Message);

/// <summary>
/// The puskesmas of the kabupaten/kota and their HMAC keys. The key is a shared secret: the district must keep it to
/// verify signatures, so it is stored in the district database; it is answered once (at registration or rotation), never listed.
/// </summary>
public sealed class PuskesmasRegistry(Database db, TimeProvider clock)
{
    private const string Columns = "code, name, org_unit AS OrgUnit, active, registered_at AS RegisteredAt, key_issued_at AS KeyIssuedAt";

    public IssuedKey Register(PuskesmasInput input)
    {
        var v = new Validation();
        var code = Text.Clean(input.Code);
        var name = Text.Clean(input.Name);
        if (code is null || code.Length > 20 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            v.Add("code", "code.invalid", "Kode puskesmas wajib diisi: 1–20 huruf/angka (boleh . - _), contoh P3373040101.");
        }
        if (name is null)
        {
            v.Add("name", "name.required", "Nama puskesmas wajib diisi.");
        }
        v.ThrowIfAny();
        var key = PackageCodec.NewKey();
        var now = clock.GetUtcNow();
        try
        {
            db.InTransaction((c, t) => c.Execute("""
                INSERT INTO puskesmas (code, name, secret_key, org_unit, active, registered_at, key_issued_at)
                VALUES (@code, @name, @key, @orgUnit, 1, @now, @now)
                """, new { code, name, key, orgUnit = Text.Clean(input.OrgUnit), now }, t));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new ConflictException("puskesmas.exists", $"Puskesmas dengan kode '{code}' sudah terdaftar. Untuk kunci baru gunakan 'Ganti kunci'.");
        }
        return new IssuedKey(code!, name!, key, KeyMessage);
    }

    /// <summary>Issues a new key (the old one stops working at once), e.g. when a clinic PC was lost.</summary>
    public IssuedKey RotateKey(string code)
    {
        var existing = GetRequired(code);
        var key = PackageCodec.NewKey();
        db.InTransaction((c, t) => c.Execute("UPDATE puskesmas SET secret_key = @key, key_issued_at = @now WHERE code = @code",
            new { key, now = clock.GetUtcNow(), code = existing.Code }, t));
        return new IssuedKey(existing.Code, existing.Name, key, KeyMessage);
    }

    public Puskesmas Update(string code, PuskesmasInput input)
    {
        var existing = GetRequired(code);
        var name = Text.Clean(input.Name) ?? existing.Name;
        var orgUnit = input.OrgUnit is null ? existing.OrgUnit : Text.Clean(input.OrgUnit);
        db.InTransaction((c, t) => c.Execute("UPDATE puskesmas SET name = @name, org_unit = @orgUnit, active = @active WHERE code = @code",
            new { name, orgUnit, active = input.Active ?? existing.Active, code = existing.Code }, t));
        return GetRequired(code);
    }

    public IReadOnlyList<Puskesmas> List(bool activeOnly = false)
    {
        using var c = db.Open();
        return c.Query<Puskesmas>($"SELECT {Columns} FROM puskesmas WHERE active = 1 OR @activeOnly = 0 ORDER BY code", new { activeOnly }).ToList();
    }

    public Puskesmas? Get(string code)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<Puskesmas>($"SELECT {Columns} FROM puskesmas WHERE code = @code", new { code });
    }

    public Puskesmas GetRequired(string code) =>
        Get(code) ?? throw new NotFoundException("puskesmas.notFound", $"Puskesmas dengan kode '{code}' tidak terdaftar.");

    /// <summary>The key to verify packages of an active puskesmas, or null if unknown or deactivated.</summary>
    internal string? KeyOf(string code)
    {
        using var c = db.Open();
        return c.ExecuteScalar<string?>("SELECT secret_key FROM puskesmas WHERE code = @code AND active = 1", new { code });
    }

    private const string KeyMessage =
        "Simpan kunci ini dan masukkan di SIMPUS puskesmas (Pengaturan → Dinas Kesehatan). Kunci hanya ditampilkan sekali ini.";
}
