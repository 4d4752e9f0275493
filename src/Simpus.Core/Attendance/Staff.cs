using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Core.Attendance;

/// <summary>An employee in the attendance registry.</summary>
public sealed record StaffMember
{
    public long Id { get; init; }
    /// <summary>18-digit NIP of a civil servant; null for contract staff.</summary>
    public string? Nip { get; init; }
    public string Name { get; init; } = "";
    /// <summary>Jabatan / profession.</summary>
    public string Position { get; init; } = "";
    public string Unit { get; init; } = "";
    /// <summary>The employee id on the fingerprint machine.</summary>
    public string? MachineId { get; init; }
    /// <summary>An own schedule; null: the unit's schedule.</summary>
    public long? ScheduleId { get; init; }
    /// <summary>For rotating shift schedules: which day of the cycle this employee is on at the anchor date.</summary>
    public int RotationOffset { get; init; }
    public DateOnly ActiveFrom { get; init; }
    public DateOnly? ActiveTo { get; init; }
    public bool HasPin { get; init; }
}

public sealed record StaffInput
{
    public string? Nip { get; init; }
    public string? Name { get; init; }
    public string? Position { get; init; }
    public string? Unit { get; init; }
    public string? MachineId { get; init; }
    public long? ScheduleId { get; init; }
    public int RotationOffset { get; init; }
    public DateOnly? ActiveFrom { get; init; }
    public DateOnly? ActiveTo { get; init; }
    /// <summary>A new PIN (4–6 digits) for the kiosk; null keeps the current one.</summary>
    public string? Pin { get; init; }
    /// <summary>Removes the PIN (the employee can then no longer use the kiosk).</summary>
    public bool ClearPin { get; init; }
}

/// <summary>The staff registry: NIP, name, jabatan, unit, fingerprint id, active period and the kiosk PIN (hashed).</summary>
public sealed class StaffService(Database db, TimeProvider clock)
{
    private const string Columns = """
        id, nip, name, position, unit, machine_id AS MachineId, schedule_id AS ScheduleId, rotation_offset AS RotationOffset,
        active_from AS ActiveFrom, active_to AS ActiveTo, pin_hash IS NOT NULL AS HasPin
        """;

    public IReadOnlyList<StaffMember> List(bool includeInactive = true)
    {
        using var c = db.Open();
        return c.Query<StaffMember>($"""
            SELECT {Columns} FROM staff s
            WHERE @includeInactive OR active_to IS NULL OR active_to >= date('now')
            ORDER BY (SELECT sort_order FROM staff_units u WHERE u.name = s.unit), name
            """, new { includeInactive }).ToList();
    }

    public StaffMember GetRequired(long id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<StaffMember>($"SELECT {Columns} FROM staff WHERE id = @id", new { id })
            ?? throw new NotFoundException("staff.notFound", "Pegawai tidak ditemukan.");
    }

    public StaffMember Create(StaffInput input)
    {
        var clean = Validate(input);
        var now = DapperSetup.FormatInstant(clock.GetUtcNow());
        var id = db.InTransaction((c, t) =>
        {
            EnsureUnique(c, t, clean, null);
            return c.ExecuteScalar<long>("""
                INSERT INTO staff (nip, name, position, unit, machine_id, schedule_id, rotation_offset, active_from, active_to, pin_hash, created_at, updated_at)
                VALUES (@Nip, @Name, @Position, @Unit, @MachineId, @ScheduleId, @RotationOffset, @ActiveFrom, @ActiveTo, @PinHash, @now, @now)
                RETURNING id
                """, new { clean.Nip, clean.Name, clean.Position, clean.Unit, clean.MachineId, clean.ScheduleId, clean.RotationOffset,
                    clean.ActiveFrom, clean.ActiveTo, PinHash = clean.Pin is null ? null : PinHasher.Hash(clean.Pin), now }, t);
        });
        return GetRequired(id);
    }

    public StaffMember Update(long id, StaffInput input)
    {
        GetRequired(id);
        var clean = Validate(input);
        var now = DapperSetup.FormatInstant(clock.GetUtcNow());
        db.InTransaction((c, t) =>
        {
            EnsureUnique(c, t, clean, id);
            c.Execute("""
                UPDATE staff SET nip = @Nip, name = @Name, position = @Position, unit = @Unit, machine_id = @MachineId,
                    schedule_id = @ScheduleId, rotation_offset = @RotationOffset, active_from = @ActiveFrom, active_to = @ActiveTo,
                    pin_hash = CASE WHEN @clear THEN NULL WHEN @PinHash IS NOT NULL THEN @PinHash ELSE pin_hash END,
                    updated_at = @now
                WHERE id = @id
                """, new { clean.Nip, clean.Name, clean.Position, clean.Unit, clean.MachineId, clean.ScheduleId, clean.RotationOffset,
                    clean.ActiveFrom, clean.ActiveTo, PinHash = clean.Pin is null ? null : PinHasher.Hash(clean.Pin), clear = input.ClearPin, now, id }, t);
        });
        return GetRequired(id);
    }

    /// <summary>The employee whose NIP (or fingerprint-machine id) this is and whose PIN matches; null otherwise.</summary>
    public StaffMember? VerifyPin(string nipOrMachineId, string pin)
    {
        using var c = db.Open();
        var row = c.QueryFirstOrDefault<(long Id, string? Hash)>(
            "SELECT id, pin_hash FROM staff WHERE nip = @key OR machine_id = @key ORDER BY nip = @key DESC LIMIT 1",
            new { key = nipOrMachineId });
        if (row.Hash is null)
        {
            PinHasher.Verify(PinHasher.Dummy, pin);
            return null;
        }
        return PinHasher.Verify(row.Hash, pin) ? GetRequired(row.Id) : null;
    }

    private sealed record Clean(string? Nip, string Name, string Position, string Unit, string? MachineId, long? ScheduleId,
        int RotationOffset, DateOnly ActiveFrom, DateOnly? ActiveTo, string? Pin);

    private Clean Validate(StaffInput input)
    {
        var v = new Validation();
        var nip = Text.Clean(input.Nip)?.Replace(" ", "", StringComparison.Ordinal);
        if (nip is not null && (nip.Length != 18 || !Text.AllDigits(nip)))
        {
            v.Add("nip", "nip.invalid", "NIP harus 18 angka (kosongkan untuk pegawai non-ASN).");
        }
        var name = Text.Clean(input.Name);
        if (name is null || name.Length > 100)
        {
            v.Add("name", "name.required", "Nama pegawai wajib diisi (paling panjang 100 karakter).");
        }
        var position = Text.Clean(input.Position);
        if (position is null || position.Length > 100)
        {
            v.Add("position", "position.required", "Jabatan wajib diisi.");
        }
        var unit = Text.Clean(input.Unit);
        using (var c = db.Open())
        {
            if (unit is null || c.ExecuteScalar<long>("SELECT COUNT(*) FROM staff_units WHERE name = @unit", new { unit }) == 0)
            {
                v.Add("unit", "unit.unknown", "Unit kerja tidak dikenal; pilih dari daftar unit.");
            }
            if (input.ScheduleId is { } sid && c.ExecuteScalar<long>("SELECT COUNT(*) FROM work_schedules WHERE id = @sid", new { sid }) == 0)
            {
                v.Add("scheduleId", "schedule.unknown", "Jadwal kerja tidak dikenal.");
            }
        }
        var machine = Text.Clean(input.MachineId);
        if (machine is not null && machine.Length > 30)
        {
            v.Add("machineId", "machineId.invalid", "ID mesin sidik jari paling panjang 30 karakter.");
        }
        if (input.RotationOffset is < 0 or > 27)
        {
            v.Add("rotationOffset", "rotationOffset.invalid", "Urutan rotasi shift harus 0–27.");
        }
        if (input.ActiveFrom is null)
        {
            v.Add("activeFrom", "activeFrom.required", "Tanggal mulai aktif wajib diisi.");
        }
        else if (DateRange.Check(v, "activeFrom", input.ActiveFrom) & DateRange.Check(v, "activeTo", input.ActiveTo)
                 && input.ActiveTo is { } to && to < input.ActiveFrom)
        {
            v.Add("activeTo", "activeTo.beforeFrom", "Tanggal akhir aktif tidak boleh sebelum tanggal mulai.");
        }
        var pin = Text.Clean(input.Pin);
        if (pin is not null && (pin.Length is < 4 or > 6 || !Text.AllDigits(pin)))
        {
            v.Add("pin", "pin.invalid", "PIN harus 4–6 angka.");
        }
        if (pin is not null && nip is null && machine is null)
        {
            v.Add("pin", "pin.noIdentity", "PIN hanya berguna bila pegawai punya NIP atau ID mesin untuk masuk di kiosk.");
        }
        v.ThrowIfAny();
        return new Clean(nip, name!, position!, unit!, machine, input.ScheduleId, input.RotationOffset, input.ActiveFrom!.Value, input.ActiveTo, pin);
    }

    private static void EnsureUnique(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction t, Clean clean, long? id)
    {
        if (clean.Nip is not null && c.ExecuteScalar<long?>("SELECT id FROM staff WHERE nip = @Nip AND id IS NOT @id", new { clean.Nip, id }, t) is { } other)
        {
            throw new ConflictException("staff.nipTaken", "NIP ini sudah terdaftar untuk pegawai lain.", new Dictionary<string, object?> { ["staffId"] = other });
        }
        if (clean.MachineId is not null && c.ExecuteScalar<long?>("SELECT id FROM staff WHERE machine_id = @MachineId AND id IS NOT @id", new { clean.MachineId, id }, t) is { } same)
        {
            throw new ConflictException("staff.machineIdTaken", "ID mesin sidik jari ini sudah dipakai pegawai lain.", new Dictionary<string, object?> { ["staffId"] = same });
        }
    }
}

/// <summary>Kiosk PINs hashed with PBKDF2-SHA256 and a random salt: "pbkdf2$iterations$salt$hash" (base64).</summary>
public static class PinHasher
{
    private const int Iterations = 60_000;

    internal static readonly string Dummy = Hash("000000");

    public static string Hash(string pin)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(pin, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"pbkdf2${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string stored, string pin)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(pin, Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
