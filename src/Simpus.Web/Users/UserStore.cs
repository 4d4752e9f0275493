using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Identity;
using Simpus.Web.Auth;

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

/// <summary>
/// Users and their hashed passwords (ASP.NET Core's PasswordHasher: PBKDF2). Works on any SIMPUS database with a <c>users</c>
/// and a <c>sessions</c> table. A change that takes rights away (deactivation, another role or poli) or a new password ends the
/// user's sessions in the same transaction.
/// </summary>
public sealed class UserStore(Database db, SessionStore sessions, IReadOnlyList<string> roles, Func<string, bool>? poliExists = null)
{
    private static readonly PasswordHasher<string> Hasher = new();
    private const string Columns = "id, username, full_name AS FullName, role, poli, active, nip, sip, nik";
    public static readonly int FullNameMax = TextLimits.For("fullName");
    public static readonly int SipMax = TextLimits.For("sip");

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

    /// <summary>
    /// The admin's change of a user: profile, role, poli, active, a new password (a reset). Deactivating, another role or poli,
    /// or a new password end the user's sessions at once (but the session <paramref name="keepSessionId"/> of an admin
    /// changing their own password). The last active admin can be neither deactivated nor given another role.
    /// </summary>
    public User Update(string username, UserInput input, long? keepSessionId = null)
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
        var active = input.Active ?? existing.Active;
        var newPassword = !string.IsNullOrEmpty(input.Password);
        var endReason = !active && existing.Active ? EndReason.Deactivated
            : u.Role != existing.Role || u.Poli != existing.Poli ? EndReason.Role
            : newPassword ? EndReason.Password
            : null;
        var now = DapperSetup.FormatInstant(DateTimeOffset.UtcNow);
        db.InTransaction((c, t) =>
        {
            if (existing.Role == "admin" && existing.Active && (u.Role != "admin" || !active)
                && c.ExecuteScalar<long>("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1 AND id <> @Id", new { existing.Id }, t) == 0)
            {
                throw new ConflictException("user.lastAdmin", "Ini satu-satunya admin aktif: tambahkan admin lain dulu sebelum menonaktifkan atau mengganti perannya.");
            }
            c.Execute("""
                UPDATE users SET full_name = @FullName, role = @Role, poli = @Poli, active = @active, nip = @Nip, sip = @Sip, nik = @Nik,
                    updated_at = @now
                WHERE id = @Id
                """, new { u.FullName, u.Role, u.Poli, active, u.Nip, u.Sip, u.Nik, now, existing.Id }, t);
            if (newPassword)
            {
                c.Execute("UPDATE users SET password_hash = @hash WHERE id = @Id",
                    new { hash = Hasher.HashPassword(existing.Username, input.Password!), existing.Id }, t);
            }
            if (endReason is not null)
            {
                sessions.EndForUser(c, t, existing.Id, endReason, endReason == EndReason.Password ? keepSessionId : null);
            }
        });
        sessions.Forget(existing.Id);
        return Find(existing.Username)!;
    }

    /// <summary>
    /// A user changes their own password: the old one must be right, the new one follows the same rules as the admin's.
    /// Every other session of the user ends; <paramref name="currentSessionId"/> stays.
    /// </summary>
    public void ChangeOwnPassword(string username, string? oldPassword, string? newPassword, long currentSessionId)
    {
        var v = new Validation();
        if (string.IsNullOrEmpty(oldPassword))
        {
            v.Add("oldPassword", "password.required", "Kata sandi lama wajib diisi.");
        }
        v.AddRange(PasswordPolicy.Check(newPassword, username, "newPassword"));
        if (!v.Has("newPassword") && newPassword == oldPassword)
        {
            v.Add("newPassword", "password.same", "Kata sandi baru harus berbeda dari yang lama.");
        }
        v.ThrowIfAny();
        var user = Verify(username, oldPassword!)
            ?? throw ValidationFailedException.For("oldPassword", "password.wrong", "Kata sandi lama salah.");
        db.InTransaction((c, t) =>
        {
            c.Execute("UPDATE users SET password_hash = @hash, updated_at = @now WHERE id = @Id",
                new { hash = Hasher.HashPassword(user.Username, newPassword!), now = DapperSetup.FormatInstant(DateTimeOffset.UtcNow), user.Id }, t);
            sessions.EndForUser(c, t, user.Id, EndReason.Password, currentSessionId);
        });
        sessions.Forget(user.Id);
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
        if (creating || !string.IsNullOrEmpty(input.Password))
        {
            v.AddRange(PasswordPolicy.Check(input.Password, username));
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
