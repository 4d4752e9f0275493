using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Identity;

namespace Simpus.Web.Users;

public sealed record User
{
    public long Id { get; init; }
    public required string Username { get; init; }
    public required string FullName { get; init; }
    public required string Role { get; init; }
    public string? Poli { get; init; }
    public bool Active { get; init; }
    /// <summary>NIP of a civil servant: 18 digits.</summary>
    public string? Nip { get; init; }
    /// <summary>Number of the clinician's practice licence (surat izin praktik), as printed on letters.</summary>
    public string? Sip { get; init; }
    /// <summary>The person's NIK: 16 digits (e.g. to find the practitioner in SATUSEHAT).</summary>
    public string? Nik { get; init; }
}

public sealed record UserInput
{
    public string? Username { get; init; }
    public string? FullName { get; init; }
    public string? Password { get; init; }
    public string? Role { get; init; }
    public string? Poli { get; init; }
    public bool? Active { get; init; }
    /// <summary>On update: null keeps the stored value, an empty string clears it (also for <see cref="Sip"/> and <see cref="Nik"/>).</summary>
    public string? Nip { get; init; }
    public string? Sip { get; init; }
    public string? Nik { get; init; }
}

/// <summary>Users and their hashed passwords (ASP.NET Core's PasswordHasher: PBKDF2). Works on any SIMPUS database with a <c>users</c> table.</summary>
public sealed class UserStore(Database db, IReadOnlyList<string> roles, Func<string, bool>? poliExists = null)
{
    private static readonly PasswordHasher<string> Hasher = new();
    private const string Columns = "id, username, full_name AS FullName, role, poli, active, nip, sip, nik";
    public const int FullNameMax = 100;
    public const int SipMax = 60;

    public IReadOnlyList<string> Roles => roles;

    public bool Any()
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM users") > 0;
    }

    public IReadOnlyList<User> List()
    {
        using var c = db.Open();
        return c.Query<User>($"SELECT {Columns} FROM users ORDER BY username").ToList();
    }

    public User? Find(string username)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<User>(
            $"SELECT {Columns} FROM users WHERE username = @username", new { username });
    }

    /// <summary>The user if the password is right and the account active; null otherwise.</summary>
    public User? Verify(string username, string password)
    {
        using var c = db.Open();
        var row = c.QuerySingleOrDefault<(long Id, string Hash)>(
            "SELECT id, password_hash FROM users WHERE username = @username AND active = 1", new { username });
        if (row.Hash is null)
        {
            Hasher.VerifyHashedPassword(username, DummyHash, password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(username, row.Hash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            c.Execute("UPDATE users SET password_hash = @hash WHERE id = @Id", new { hash = Hasher.HashPassword(username, password), row.Id });
        }
        return Find(username);
    }

    public User Create(UserInput input)
    {
        var u = Validate(input, creating: true);
        var now = DapperSetup.FormatInstant(DateTimeOffset.UtcNow);
        var username = u.Username;
        try
        {
            db.InTransaction((c, t) => c.Execute("""
                INSERT INTO users (username, full_name, password_hash, role, poli, active, nip, sip, nik, created_at, updated_at)
                VALUES (@Username, @FullName, @hash, @Role, @Poli, 1, @Nip, @Sip, @Nik, @now, @now)
                """, new { u.Username, u.FullName, hash = Hasher.HashPassword(username, input.Password!), u.Role, u.Poli, u.Nip, u.Sip, u.Nik, now }, t));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 && e.Message.Contains("users.username", StringComparison.Ordinal))
        {
            throw new ConflictException("user.exists", $"Nama pengguna '{username}' sudah dipakai.");
        }
        return Find(username)!;
    }

    public User Update(string username, UserInput input)
    {
        var existing = Find(username) ?? throw new NotFoundException("user.notFound", $"Pengguna '{username}' tidak ditemukan.");
        var merged = input with
        {
            Username = existing.Username,
            FullName = input.FullName ?? existing.FullName,
            Role = input.Role ?? existing.Role,
            Poli = input.Poli ?? existing.Poli,
            Nip = input.Nip ?? existing.Nip,
            Sip = input.Sip ?? existing.Sip,
            Nik = input.Nik ?? existing.Nik,
        };
        var u = Validate(merged, creating: false);
        var now = DapperSetup.FormatInstant(DateTimeOffset.UtcNow);
        db.InTransaction((c, t) =>
        {
            c.Execute("""
                UPDATE users SET full_name = @FullName, role = @Role, poli = @Poli, active = @active, nip = @Nip, sip = @Sip, nik = @Nik,
                    updated_at = @now
                WHERE id = @Id
                """, new { u.FullName, u.Role, u.Poli, active = input.Active ?? existing.Active, u.Nip, u.Sip, u.Nik, now, existing.Id }, t);
            if (Text.Clean(input.Password) is not null)
            {
                c.Execute("UPDATE users SET password_hash = @hash WHERE id = @Id",
                    new { hash = Hasher.HashPassword(existing.Username, input.Password!), existing.Id }, t);
            }
        });
        return Find(existing.Username)!;
    }

    private sealed record Valid(string Username, string FullName, string Role, string? Poli, string? Nip, string? Sip, string? Nik);

    private Valid Validate(UserInput input, bool creating)
    {
        var v = new Validation();
        var username = Text.Clean(input.Username)?.ToLowerInvariant();
        if (username is null || username.Length is < 3 or > 40 || !username.All(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '_' or '-'))
        {
            v.Add("username", "username.invalid", "Nama pengguna 3–40 karakter: huruf kecil, angka, titik, garis bawah atau tanda minus.");
        }
        var password = input.Password;
        if (creating || !string.IsNullOrEmpty(password))
        {
            if (string.IsNullOrEmpty(password) || password.Length < 8)
            {
                v.Add("password", "password.tooShort", "Kata sandi minimal 8 karakter.");
            }
            else if (password.Length > 128)
            {
                v.Add("password", "password.tooLong", "Kata sandi paling panjang 128 karakter.");
            }
        }
        var role = Text.Clean(input.Role)?.ToLowerInvariant();
        if (role is null || !roles.Contains(role))
        {
            v.Add("role", "role.invalid", $"Peran harus salah satu dari: {string.Join(", ", roles)}.");
        }
        var poli = Text.Clean(input.Poli)?.ToLowerInvariant();
        if (poli is not null && (poliExists is null || !poliExists(poli)))
        {
            v.Add("poli", "poli.unknown", $"Poli '{poli}' tidak dikenal.");
        }
        var fullName = Text.Clean(input.FullName);
        if (fullName is not null && (fullName.Length > FullNameMax || fullName.Any(char.IsControl)))
        {
            v.Add("fullName", "fullName.invalid", $"Nama lengkap paling panjang {FullNameMax} karakter, tanpa karakter kontrol.");
        }
        var nip = Text.Clean(input.Nip)?.Replace(" ", "", StringComparison.Ordinal);
        if (nip is not null && (nip.Length != 18 || !Text.AllDigits(nip)))
        {
            v.Add("nip", "nip.invalid", "NIP harus 18 angka (kosongkan bila bukan ASN).");
        }
        var sip = Text.Clean(input.Sip);
        if (sip is not null && (sip.Length > SipMax || sip.Any(char.IsControl)))
        {
            v.Add("sip", "sip.invalid", $"Nomor SIP paling panjang {SipMax} karakter, tanpa karakter kontrol.");
        }
        var nik = Text.Clean(input.Nik)?.Replace(" ", "", StringComparison.Ordinal);
        if (nik is not null)
        {
            v.AddRange(Nik.Validate(nik, null, null));
        }
        v.ThrowIfAny();
        return new Valid(username!, fullName ?? username!, role!, poli, nip, sip, nik);
    }

    private static readonly string DummyHash = Hasher.HashPassword("dummy", Guid.NewGuid().ToString());
}
