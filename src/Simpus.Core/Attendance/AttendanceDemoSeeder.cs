using System.Globalization;
using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Demo;
using Simpus.Core.Settings;

namespace Simpus.Core.Attendance;

/// <summary>
/// The demo puskesmas' staff: about 25 employees in Umum, Gigi, KIA, Farmasi and Laboratorium (6-day week), UGD (a 5-day
/// rotation pagi–siang–malam–libur–libur, the night shift crossing midnight) and Administrasi; three months of fingerprint
/// punches up to yesterday (most on time, some late, some early departures, a few forgotten clock-outs) and absences.
/// Every employee's kiosk PIN is 123456.
/// </summary>
public sealed class AttendanceDemoSeeder : IDemoSeeder
{
    public const string DemoPin = "123456";

    public int Order => 30;

    public string Name => "absensi";

    private sealed record Person(string Name, string Position, string Unit, bool Civil, int Offset = 0, double Discipline = 0.8);

    private static readonly Person[] People =
    [
        new("dr. Andi Pratama", "Dokter Ahli Pertama", "Umum", true, Discipline: 0.9),
        new("dr. Maya Kusuma", "Dokter Ahli Muda", "Umum", true, Discipline: 0.7),
        new("Ns. Rudi Hartanto, S.Kep", "Perawat Ahli Pertama", "Umum", true),
        new("Fitri Handayani, A.Md.Kep", "Perawat Terampil", "Umum", true, Discipline: 0.6),
        new("Agus Setiawan, A.Md.Kep", "Perawat (PPPK)", "Umum", false),
        new("drg. Sari Lestari", "Dokter Gigi Ahli Muda", "Gigi", true, Discipline: 0.95),
        new("Dewi Anggraini, A.Md.KG", "Terapis Gigi dan Mulut", "Gigi", true),
        new("Wulan Utami, S.Tr.Keb", "Bidan Ahli Pertama", "KIA", true, Discipline: 0.9),
        new("Siti Rahayu, A.Md.Keb", "Bidan Terampil", "KIA", true),
        new("Nur Aini, A.Md.Keb", "Bidan Terampil", "KIA", true, Discipline: 0.55),
        new("Rina Marlina, A.Md.Keb", "Bidan (kontrak BLUD)", "KIA", false),
        new("Eka Prasetya, S.Farm, Apt", "Apoteker Ahli Pertama", "Farmasi", true),
        new("Lina Susanti, A.Md.Farm", "Asisten Apoteker", "Farmasi", false),
        new("Yusuf Hidayat, A.Md.AK", "Pranata Laboratorium Kesehatan", "Laboratorium", true, Discipline: 0.85),
        new("dr. Hendra Wijaya", "Dokter Jaga UGD", "UGD", true, 0),
        new("Ns. Bayu Saputra, S.Kep", "Perawat UGD", "UGD", true, 1),
        new("Dian Permata, A.Md.Kep", "Perawat UGD", "UGD", true, 2, 0.65),
        new("Joko Susilo, A.Md.Kep", "Perawat UGD", "UGD", false, 3),
        new("Ratna Sari, A.Md.Kep", "Perawat UGD", "UGD", false, 4),
        new("Bambang Hartono, S.KM", "Kepala Sub Bagian Tata Usaha", "Administrasi", true, Discipline: 0.95),
        new("Sri Wahyuni", "Bendahara", "Administrasi", true),
        new("Teguh Prakoso", "Pengadministrasi Umum", "Administrasi", true, Discipline: 0.6),
        new("Indah Puspita, A.Md", "Perekam Medis", "Administrasi", true),
        new("Slamet Riyadi", "Pengemudi Ambulans", "Administrasi", false, Discipline: 0.7),
        new("Wati Kurniasih", "Petugas Kebersihan", "Administrasi", false),
    ];

    public void Seed(DemoContext context)
    {
        var random = context.RandomFor(Name);
        var db = context.Db;
        var setup = new WorkSetupService(db, new SettingsStore(db));
        var offset = TimeZones.Offset(context.TimeZone);
        var now = DapperSetup.FormatInstant(new DateTimeOffset(context.Today.ToDateTime(new TimeOnly(6, 0)), offset));
        var from = context.Today.AddMonths(-3);
        var until = context.Today.AddDays(-1);
        var pin = PinHasher.Hash(DemoPin);

        // Farmasi and the laboratory serve six days a week in the demo.
        db.InTransaction((c, t) => c.Execute("UPDATE staff_units SET schedule_id = 2 WHERE name IN ('Farmasi', 'Laboratorium')", transaction: t));

        var staff = new List<(long Id, Person P)>();
        db.InTransaction((c, t) =>
        {
            for (var i = 0; i < People.Length; i++)
            {
                var p = People[i];
                var activeFrom = new DateOnly(2015 + random.Next(0, 9), 1 + random.Next(0, 12), 1);
                DateOnly? activeTo = null;
                if (p.Name.StartsWith("Lina", StringComparison.Ordinal))
                {
                    activeFrom = context.Today.AddMonths(-1).AddDays(-context.Today.Day + 1); // joined last month
                }
                if (p.Name.StartsWith("Wati", StringComparison.Ordinal))
                {
                    activeTo = context.Today.AddMonths(-1).AddDays(-context.Today.Day); // contract ended at the end of the month before last
                }
                var nip = p.Civil ? Nip(random, i) : null;
                var id = c.ExecuteScalar<long>("""
                    INSERT INTO staff (nip, name, position, unit, machine_id, rotation_offset, active_from, active_to, pin_hash, created_at, updated_at)
                    VALUES (@nip, @Name, @Position, @Unit, @machine, @Offset, @activeFrom, @activeTo, @pin, @now, @now) RETURNING id
                    """, new { nip, p.Name, p.Position, p.Unit, machine = (101 + i).ToString(CultureInfo.InvariantCulture), p.Offset, activeFrom, activeTo, pin, now }, t);
                staff.Add((id, p));
            }
        });

        var calendar = setup.Calendar(from.AddDays(-1), until.AddDays(1));
        var schedules = setup.Schedules().ToDictionary(s => s.Id, s => s.ToRule());
        var units = setup.Units().ToDictionary(u => u.Name, u => u.ScheduleId);

        // Absences: sick days, permissions, annual leave, official trips.
        var absences = new List<(long StaffId, string Code, string? Leave, DateOnly From, DateOnly To)>();
        foreach (var (id, _) in staff)
        {
            var roll = random.NextDouble();
            var start = from.AddDays(random.Next(5, 80));
            if (roll < 0.25)
            {
                absences.Add((id, "S", null, start, start.AddDays(random.Next(0, 3))));
            }
            else if (roll < 0.4)
            {
                absences.Add((id, "I", null, start, start));
            }
            else if (roll < 0.6)
            {
                absences.Add((id, "C", "tahunan", start, start.AddDays(random.Next(2, 6))));
            }
            else if (roll < 0.75)
            {
                absences.Add((id, "DL", null, start, start.AddDays(random.Next(0, 2))));
            }
        }
        // One midwife on maternity leave in the last month.
        var bidan = staff.First(s => s.P.Name.StartsWith("Siti Rahayu", StringComparison.Ordinal)).Id;
        absences.RemoveAll(a => a.StaffId == bidan);
        absences.Add((bidan, "C", "melahirkan", until.AddDays(-20), until.AddDays(70)));

        var punches = new List<(long StaffId, DateTimeOffset At)>();
        foreach (var (id, p) in staff)
        {
            var rule = schedules[units[p.Unit]];
            foreach (var duty in calendar.Duties(rule, p.Offset, from, until))
            {
                if (absences.Any(a => a.StaffId == id && a.From <= duty.Date && duty.Date <= a.To))
                {
                    continue;
                }
                var r = random.NextDouble();
                if (r < 0.004 + (1 - p.Discipline) * 0.01)
                {
                    continue; // tanpa keterangan
                }
                var sloppy = 1 - p.Discipline;
                var arrival = duty.Start.AddMinutes(-random.Next(3, 30)).AddSeconds(random.Next(0, 60));
                if (random.NextDouble() < 0.03 + sloppy * 0.4)
                {
                    arrival = duty.Start.AddMinutes(random.NextDouble() < 0.8 ? random.Next(1, 30) : random.Next(31, 120)).AddSeconds(random.Next(0, 60));
                }
                var departure = duty.End.AddMinutes(random.Next(0, 35)).AddSeconds(random.Next(0, 60));
                if (random.NextDouble() < 0.02 + sloppy * 0.2)
                {
                    departure = duty.End.AddMinutes(-(random.NextDouble() < 0.75 ? random.Next(1, 30) : random.Next(31, 150)));
                }
                Add(arrival);
                if (random.NextDouble() < 0.06)
                {
                    Add(arrival.AddSeconds(random.Next(2, 40))); // pressed the finger twice
                }
                if (random.NextDouble() >= 0.015 + sloppy * 0.03)
                {
                    Add(departure); // otherwise: forgot to clock out
                }

                void Add(DateTime local) => punches.Add((id, new DateTimeOffset(local, offset)));
            }
        }

        db.InTransaction((c, t) =>
        {
            foreach (var a in absences)
            {
                c.Execute("""
                    INSERT INTO staff_absences (staff_id, code, leave_type, from_date, to_date, note, created_at, created_by)
                    VALUES (@StaffId, @Code, @Leave, @From, @To, NULL, @now, 'kepala')
                    """, new { a.StaffId, a.Code, a.Leave, a.From, a.To, now }, t);
            }
            // One import batch per month, as the head would upload the machine's log.
            foreach (var month in punches.GroupBy(p => (p.At.ToOffset(offset).Year, p.At.ToOffset(offset).Month)))
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"attlog-{month.Key.Year}-{month.Key.Month:00}.csv");
                var batch = c.ExecuteScalar<long>("""
                    INSERT INTO attendance_imports (file_name, sha256, imported_at, imported_by, lines, added, duplicates, rejected)
                    VALUES (@name, @sha, @now, 'kepala', @n, @n, 0, 0) RETURNING id
                    """, new { name, sha = "demo-" + name, now, n = month.Count() }, t);
                foreach (var p in month)
                {
                    c.Execute("""
                        INSERT INTO attendance_punches (staff_id, punched_at, source, import_id) VALUES (@StaffId, @At, 'import', @batch)
                        ON CONFLICT DO NOTHING
                        """, new { p.StaffId, At = new DateTimeOffset(p.At.Ticks - p.At.Ticks % TimeSpan.TicksPerSecond, p.At.Offset), batch }, t);
                }
            }
        });
        context.Log.WriteLine($"  {staff.Count} pegawai, {punches.Count} rekaman sidik jari, {absences.Count} ketidakhadiran (PIN kiosk: {DemoPin})");
    }

    /// <summary>A plausible 18-digit NIP: birth date, TMT CPNS (year+month), sex digit, serial.</summary>
    private static string Nip(Random random, int serial)
    {
        var birth = new DateOnly(1970 + random.Next(0, 28), 1 + random.Next(0, 12), 1 + random.Next(0, 28));
        var tmt = birth.Year + 23 + random.Next(0, 8);
        return string.Create(CultureInfo.InvariantCulture,
            $"{birth:yyyyMMdd}{tmt}{1 + random.Next(0, 12):00}{1 + random.Next(0, 2)}{serial + 1:000}");
    }
}
