using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Core.Attendance;

public sealed record Absence
{
    public long Id { get; init; }
    public long StaffId { get; init; }
    public string StaffName { get; init; } = "";
    /// <summary>S, I, C, DL or TB.</summary>
    public string Code { get; init; } = "";
    /// <summary>For C (cuti): tahunan, besar, sakit, melahirkan, alasan-penting, luar-tanggungan.</summary>
    public string? LeaveType { get; init; }
    public DateOnly FromDate { get; init; }
    public DateOnly ToDate { get; init; }
    public string? Note { get; init; }
    public string CreatedBy { get; init; } = "";
}

public sealed record AbsenceInput
{
    public long StaffId { get; init; }
    public string? Code { get; init; }
    public string? LeaveType { get; init; }
    public DateOnly? FromDate { get; init; }
    public DateOnly? ToDate { get; init; }
    public string? Note { get; init; }
}

/// <summary>Absences the head enters as date ranges: sakit, izin, cuti (by type), dinas luar, tugas belajar.</summary>
public sealed class AbsenceService(Database db, TimeProvider clock)
{
    private const string Select = """
        SELECT a.id, a.staff_id AS StaffId, s.name AS StaffName, a.code, a.leave_type AS LeaveType, a.from_date AS FromDate,
               a.to_date AS ToDate, a.note, a.created_by AS CreatedBy
        FROM staff_absences a JOIN staff s ON s.id = a.staff_id
        """;

    public IReadOnlyList<Absence> List(DateOnly from, DateOnly to, long? staffId = null)
    {
        using var c = db.Open();
        return c.Query<Absence>($"{Select} WHERE a.to_date >= @from AND a.from_date <= @to AND (@staffId IS NULL OR a.staff_id = @staffId) ORDER BY a.from_date, s.name",
            new { from, to, staffId }).ToList();
    }

    public Absence Create(AbsenceInput input, string user)
    {
        var v = new Validation();
        var code = Text.Clean(input.Code)?.ToUpperInvariant();
        if (code is null || !AbsenceCodes.Names.ContainsKey(code))
        {
            v.Add("code", "code.invalid", "Jenis ketidakhadiran: S (sakit), I (izin), C (cuti), DL (dinas luar) atau TB (tugas belajar).");
        }
        var leaveType = Text.Clean(input.LeaveType)?.ToLowerInvariant();
        if (code == AbsenceCodes.Cuti && (leaveType is null || !AbsenceCodes.LeaveTypes.ContainsKey(leaveType)))
        {
            v.Add("leaveType", "leaveType.invalid", "Pilih jenis cuti: " + string.Join(", ", AbsenceCodes.LeaveTypes.Keys) + ".");
        }
        if (code != AbsenceCodes.Cuti)
        {
            leaveType = null;
        }
        if (input.FromDate is null)
        {
            v.Add("fromDate", "fromDate.required", "Tanggal mulai wajib diisi.");
        }
        var to = input.ToDate ?? input.FromDate;
        if (!(DateRange.Check(v, "fromDate", input.FromDate) & DateRange.Check(v, "toDate", input.ToDate)))
        {
            to = null;
        }
        if (input.FromDate is { } f && to is { } t0 && (t0 < f || t0.DayNumber - f.DayNumber > 366))
        {
            v.Add("toDate", "toDate.invalid", "Tanggal akhir tidak boleh sebelum tanggal mulai (paling lama satu tahun).");
        }
        using (var c = db.Open())
        {
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM staff WHERE id = @StaffId", input) == 0)
            {
                v.Add("staffId", "staff.unknown", "Pegawai tidak dikenal.");
            }
        }
        v.ThrowIfAny();
        var now = DapperSetup.FormatInstant(clock.GetUtcNow());
        var id = db.InTransaction((c, t) =>
        {
            var overlap = c.QueryFirstOrDefault<(string Code, string From, string To)?>("""
                SELECT code, from_date, to_date FROM staff_absences WHERE staff_id = @StaffId AND to_date >= @from AND from_date <= @to LIMIT 1
                """, new { input.StaffId, from = input.FromDate, to }, t);
            if (overlap is { } o)
            {
                throw new ConflictException("absence.overlap", $"Sudah ada ketidakhadiran {o.Code} {o.From} s.d. {o.To} untuk pegawai ini; hapus dulu bila ingin mengganti.");
            }
            return c.ExecuteScalar<long>("""
                INSERT INTO staff_absences (staff_id, code, leave_type, from_date, to_date, note, created_at, created_by)
                VALUES (@StaffId, @code, @leaveType, @from, @to, @note, @now, @user) RETURNING id
                """, new { input.StaffId, code, leaveType, from = input.FromDate, to, note = Text.Clean(input.Note), now, user }, t);
        });
        using var read = db.Open();
        return read.QuerySingle<Absence>($"{Select} WHERE a.id = @id", new { id });
    }

    public void Delete(long id)
    {
        if (db.InTransaction((c, t) => c.Execute("DELETE FROM staff_absences WHERE id = @id", new { id }, t)) == 0)
        {
            throw new NotFoundException("absence.notFound", "Data ketidakhadiran tidak ditemukan.");
        }
    }
}
