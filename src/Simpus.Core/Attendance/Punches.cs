using System.Security.Cryptography;
using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Settings;

namespace Simpus.Core.Attendance;

/// <summary>What an import did. <see cref="Errors"/> lists the skipped lines with their numbers.</summary>
public sealed record ImportResult(long? ImportId, string? FileName, int Lines, int Added, int Duplicates, int Rejected,
    bool AlreadyImported, DateOnly? FirstDate, DateOnly? LastDate, IReadOnlyList<CsvLineError> Errors);

public sealed record ImportBatch
{
    public long Id { get; init; }
    public string? FileName { get; init; }
    public DateTimeOffset ImportedAt { get; init; }
    public string ImportedBy { get; init; } = "";
    public int Lines { get; init; }
    public int Added { get; init; }
    public int Duplicates { get; init; }
    public int Rejected { get; init; }
}

public sealed record ClockResult(long StaffId, string Name, DateTimeOffset PunchedAt, string LocalTime, string Kind);

public sealed record PunchRow
{
    public long Id { get; init; }
    public long StaffId { get; init; }
    public DateTimeOffset PunchedAt { get; init; }
    public string Source { get; init; } = "";
}

/// <summary>Records punches: from the kiosk and from fingerprint-machine logs (idempotent imports).</summary>
public sealed class PunchService(Database db, SettingsStore settings, WorkSetupService setup, StaffService staff, TimeProvider clock)
{
    public const int MaxErrorsReported = 200;

    /// <summary>
    /// Imports a fingerprint log. Lines with an unknown employee or a malformed timestamp are reported and skipped; the rest are
    /// stored in one transaction. Punches already stored (same employee, same second) are counted as duplicates, so the same file
    /// twice changes nothing. A file without a single usable line imports nothing and is rejected (400).
    /// </summary>
    public ImportResult Import(byte[] content, string? fileName, CsvLayout? layout, string user)
    {
        layout ??= setup.GetSettings().CsvLayout;
        var layoutErrors = layout.Validate().ToList();
        if (layoutErrors.Count > 0)
        {
            throw new ValidationFailedException(layoutErrors);
        }
        var parsed = FingerprintCsv.Parse(FingerprintCsv.Decode(content), layout);
        if (parsed.Unreadable)
        {
            var hint = parsed.Errors.Count > 0 ? " Contoh: " + string.Join(" ", parsed.Errors.Take(3).Select(e => e.Message)) : "";
            throw ValidationFailedException.For("file", "file.unreadable",
                "Berkas tidak dapat dibaca sebagai log mesin sidik jari: tidak ada satu baris pun berisi ID pegawai dan waktu yang sah. " +
                "Periksa pemisah kolom, nomor kolom dan format waktu." + hint);
        }
        var offset = Common.TimeZones.Offset(settings.Get().TimeZone);
        var sha = Convert.ToHexString(SHA256.HashData(content));
        var errors = parsed.Errors.ToList();
        var now = clock.GetUtcNow();
        var result = db.InTransaction((c, t) =>
        {
            var ids = c.Query<(long Id, string? Nip, string? MachineId)>("SELECT id, nip, machine_id FROM staff", transaction: t).ToList();
            var byMachine = ids.Where(s => s.MachineId is not null).ToDictionary(s => s.MachineId!, s => s.Id, StringComparer.OrdinalIgnoreCase);
            var byNip = ids.Where(s => s.Nip is not null).ToDictionary(s => s.Nip!, s => s.Id);
            var already = c.ExecuteScalar<long?>("SELECT id FROM attendance_imports WHERE sha256 = @sha LIMIT 1", new { sha }, t);
            long? importId = c.ExecuteScalar<long>("""
                    INSERT INTO attendance_imports (file_name, sha256, imported_at, imported_by, lines, added, duplicates, rejected)
                    VALUES (@fileName, @sha, @now, @user, 0, 0, 0, 0) RETURNING id
                    """, new { fileName, sha, now, user }, t);
            int added = 0, duplicates = 0;
            DateOnly? first = null, last = null;
            foreach (var p in parsed.Punches)
            {
                if (!byMachine.TryGetValue(p.EmployeeId, out var staffId) && !byNip.TryGetValue(p.EmployeeId, out staffId))
                {
                    errors.Add(new CsvLineError(p.Line, "line.employeeUnknown", $"Baris {p.Line}: ID pegawai '{p.EmployeeId}' tidak terdaftar (isi ID mesin pada data pegawai)."));
                    continue;
                }
                var at = new DateTimeOffset(p.LocalTime, offset);
                var inserted = c.Execute("""
                    INSERT INTO attendance_punches (staff_id, punched_at, source, import_id) VALUES (@staffId, @at, 'import', @importId)
                    ON CONFLICT (staff_id, punched_at) DO NOTHING
                    """, new { staffId, at, importId }, t);
                if (inserted == 1)
                {
                    added++;
                }
                else
                {
                    duplicates++;
                }
                var day = DateOnly.FromDateTime(p.LocalTime);
                first = first is null || day < first ? day : first;
                last = last is null || day > last ? day : last;
            }
            errors.Sort((a, b) => a.Line.CompareTo(b.Line));
            if (added == 0)
            {
                // Nothing new (e.g. the same punches in another file): leave no trace.
                c.Execute("DELETE FROM attendance_imports WHERE id = @importId", new { importId }, t);
                importId = null;
            }
            else
            {
                c.Execute("UPDATE attendance_imports SET lines = @Lines, added = @added, duplicates = @duplicates, rejected = @rejected WHERE id = @importId",
                    new { parsed.Lines, added, duplicates, rejected = errors.Count, importId }, t);
            }
            return new ImportResult(importId ?? already, fileName, parsed.Lines, added, duplicates, errors.Count, already is not null,
                first, last, errors.Take(MaxErrorsReported).ToList());
        });
        return result;
    }

    public IReadOnlyList<ImportBatch> Imports(int limit = 50)
    {
        using var c = db.Open();
        return c.Query<ImportBatch>("""
            SELECT id, file_name AS FileName, imported_at AS ImportedAt, imported_by AS ImportedBy, lines, added, duplicates, rejected
            FROM attendance_imports ORDER BY id DESC LIMIT @limit
            """, new { limit }).ToList();
    }

    public IReadOnlyList<PunchRow> Punches(long staffId, DateTimeOffset from, DateTimeOffset to)
    {
        using var c = db.Open();
        return c.Query<PunchRow>("""
            SELECT id, staff_id AS StaffId, punched_at AS PunchedAt, source FROM attendance_punches
            WHERE staff_id = @staffId AND punched_at >= @from AND punched_at < @to ORDER BY punched_at
            """, new { staffId, from, to }).ToList();
    }

    /// <summary>A kiosk clock event for the employee with this NIP (or fingerprint id) and PIN; "masuk" for the first punch of a duty, "pulang" for a later one.</summary>
    public ClockResult Clock(string? nip, string? pin)
    {
        var key = Text.Clean(nip)?.Replace(" ", "", StringComparison.Ordinal);
        var code = Text.Clean(pin);
        if (key is null || code is null)
        {
            var v = new Validation();
            if (key is null)
            {
                v.Add("nip", "nip.required", "NIP wajib diisi.");
            }
            if (code is null)
            {
                v.Add("pin", "pin.required", "PIN wajib diisi.");
            }
            v.ThrowIfAny();
        }
        var member = staff.VerifyPin(key!, code!)
            ?? throw new ForbiddenException("clock.badPin", "NIP atau PIN salah.");
        var today = Common.TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone);
        if (member.ActiveFrom > today || member.ActiveTo < today)
        {
            throw new ForbiddenException("clock.inactive", "Pegawai ini tidak aktif hari ini.");
        }
        var now = clock.GetUtcNow();
        var at = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var tz = settings.Get().TimeZone;
        var offset = Common.TimeZones.Offset(tz);
        var nowLocal = at.ToOffset(offset).DateTime;
        var todayLocal = DateOnly.FromDateTime(nowLocal);
        var calendar = setup.Calendar(todayLocal.AddDays(-1), todayLocal.AddDays(1));
        var kind = db.InTransaction((c, t) =>
        {
            var scheduleId = c.ExecuteScalar<long>(
                "SELECT COALESCE(s.schedule_id, u.schedule_id) FROM staff s JOIN staff_units u ON u.name = s.unit WHERE s.id = @Id", new { member.Id }, t);
            var earlier = c.Query<DateTimeOffset>("SELECT punched_at FROM attendance_punches WHERE staff_id = @Id AND punched_at >= @since AND punched_at < @at",
                new { member.Id, since = at.AddHours(-30), at }, t).Select(p => p.ToOffset(offset).DateTime).ToList();
            c.Execute("INSERT INTO attendance_punches (staff_id, punched_at, source) VALUES (@Id, @at, 'kiosk') ON CONFLICT DO NOTHING",
                new { member.Id, at }, t);
            return KindOf(calendar, setup.Schedules().First(s => s.Id == scheduleId).ToRule(), member.RotationOffset, earlier, nowLocal);
        });
        var local = Common.TimeZones.ToLocal(at, settings.Get().TimeZone);
        return new ClockResult(member.Id, member.Name, at, local.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), kind);
    }

    /// <summary>
    /// "masuk" when this is the first punch of its duty (the duty the rules will give it to), "pulang" otherwise. Outside any
    /// duty: "masuk" when it is the first punch of the local day.
    /// </summary>
    internal static string KindOf(WorkCalendar calendar, ScheduleRule schedule, int rotationOffset, IReadOnlyList<DateTime> earlier, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        var duties = calendar.Duties(schedule, rotationOffset, today.AddDays(-1), today.AddDays(1));
        var assigned = PunchAttribution.Assign(duties, earlier.Append(now));
        foreach (var (_, punches) in assigned)
        {
            if (punches.Contains(now))
            {
                return punches.Count(p => p < now) == 0 ? "masuk" : "pulang";
            }
        }
        return earlier.Any(p => DateOnly.FromDateTime(p) == today) ? "pulang" : "masuk";
    }
}
