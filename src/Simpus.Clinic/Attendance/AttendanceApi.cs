using System.Globalization;
using System.Net;
using System.Security.Claims;
using Simpus.Clinic.Hosting;
using Simpus.Core.Attendance;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Settings;
using Simpus.Web.Auth;
using Simpus.Web.Hosting;

namespace Simpus.Clinic.Attendance;

public sealed record ClockRequest(string? Nip, string? Pin);

/// <summary>Staff attendance: registry, schedules, holidays, absences, fingerprint-log import, the monthly recap and the kiosk.</summary>
public static class AttendanceApi
{
    public const long MaxImportBytes = 20 * 1024 * 1024;

    public static IServiceCollection AddAttendance(this IServiceCollection services)
    {
        services.AddSingleton<StaffService>();
        services.AddSingleton<WorkSetupService>();
        services.AddSingleton<AbsenceService>();
        services.AddSingleton<PunchService>();
        services.AddSingleton<AttendanceRecapService>();
        services.AddSingleton<Simpus.Core.Demo.IDemoSeeder, AttendanceDemoSeeder>();
        return services;
    }

    public static void MapAttendancePages(this IEndpointRouteBuilder app)
    {
        var assembly = typeof(AttendanceApi).Assembly;
        app.MapPage("/absensi", assembly, "absensi.html", Policies.Head);
        app.MapPage("/absensi/kiosk", assembly, "absensi-kiosk.html");
        app.MapPage("/absensi/pengaturan", assembly, "absensi-pengaturan.html", Policies.Head);
    }

    public static RouteGroupBuilder MapAttendance(this IEndpointRouteBuilder app)
    {
        app.MapAttendancePages();

        app.MapPost("/api/attendance/clock", (ClockRequest input, HttpContext http, PunchService punches, LoginThrottle throttle) =>
        {
            // Per employee only: every employee clocks from the same kiosk PC, so one person's typos must not lock the others out.
            var keys = new[] { "kiosk:" + (input.Nip ?? "").Replace(" ", "", StringComparison.Ordinal) };
            if (throttle.RetryAfter(keys) is { } wait)
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: (int)HttpStatusCode.TooManyRequests, title: "Terlalu banyak percobaan",
                    detail: $"PIN salah berkali-kali. Coba lagi dalam {Math.Ceiling(wait.TotalMinutes)} menit.", type: "https://simpus.id/problems/clock.throttled",
                    extensions: new Dictionary<string, object?> { ["code"] = "clock.throttled" });
            }
            try
            {
                var result = punches.Clock(input.Nip, input.Pin);
                throttle.Succeeded(keys[0]);
                return Results.Ok(result);
            }
            catch (ForbiddenException)
            {
                throttle.Failed(keys);
                throw;
            }
        }).WithTags("Attendance").WithSummary("Kiosk absensi: catat jam masuk/pulang dengan NIP (atau ID mesin untuk non-ASN) dan PIN. Perlu login perangkat kiosk (peran apa pun).")
          .Produces<ClockResult>();

        var group = app.MapGroup("/api/attendance").WithTags("Attendance").RequireAuthorization(Policies.Head);

        group.MapGet("/staff", (bool? includeInactive, StaffService staff) => TypedResults.Ok(staff.List(includeInactive ?? true)))
            .WithSummary("Daftar pegawai (urut unit, nama).");
        group.MapGet("/staff/{id:long}", (long id, StaffService staff) => TypedResults.Ok(staff.GetRequired(id)));
        group.MapPost("/staff", (StaffInput input, StaffService staff) =>
        {
            var created = staff.Create(input);
            return TypedResults.Created($"/api/attendance/staff/{created.Id}", created);
        }).WithSummary("Tambah pegawai: NIP 18 angka (kosong untuk non-ASN), nama, jabatan, unit, ID mesin sidik jari, masa aktif, PIN kiosk.");
        group.MapPut("/staff/{id:long}", (long id, StaffInput input, StaffService staff) => TypedResults.Ok(staff.Update(id, input)))
            .WithSummary("Ubah pegawai; pin kosong = PIN tetap, clearPin = hapus PIN. Pegawai tidak dihapus: isi activeTo.");
        group.MapGet("/staff/{id:long}/days", (long id, string? month, AttendanceRecapService recap, SettingsStore settings, TimeProvider clock) =>
        {
            var (y, m) = ParseMonth(month, settings, clock);
            return TypedResults.Ok(recap.Days(id, y, m));
        }).WithSummary("Rincian harian satu pegawai: jadwal, jam datang/pulang, menit terlambat/pulang cepat, semua rekaman.");

        group.MapGet("/units", (WorkSetupService setup) => TypedResults.Ok(setup.Units()));
        group.MapPut("/units/{name}", (string name, StaffUnit input, WorkSetupService setup) => TypedResults.Ok(setup.SaveUnit(input with { Name = name })))
            .WithSummary("Tambah/ubah unit kerja dan jadwal kerjanya.");

        group.MapGet("/schedules", (WorkSetupService setup) => TypedResults.Ok(setup.Schedules()))
            .WithSummary("Jadwal kerja: pola mingguan (cycleDays 7, dayIndex 0 = Senin) atau rotasi shift; jam pulang ≤ jam masuk = shift malam lewat tengah malam.");
        group.MapPost("/schedules", (WorkSchedule input, WorkSetupService setup) => TypedResults.Ok(setup.SaveSchedule(null, input)));
        group.MapPut("/schedules/{id:long}", (long id, WorkSchedule input, WorkSetupService setup) => TypedResults.Ok(setup.SaveSchedule(id, input)));

        group.MapGet("/holidays", (int? year, WorkSetupService setup, SettingsStore settings, TimeProvider clock) =>
        {
            var y = year is { } asked ? DateRange.CheckYear(asked, "year") : TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone).Year;
            return TypedResults.Ok(setup.Holidays(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)));
        }).WithSummary("Hari libur nasional dan cuti bersama satu tahun.");
        group.MapPut("/holidays/{date}", (string date, Holiday input, WorkSetupService setup) =>
            TypedResults.Ok(setup.SaveHoliday(input with { Date = ParseDate(date, "date") })));
        group.MapDelete("/holidays/{date}", (string date, WorkSetupService setup) =>
        {
            setup.DeleteHoliday(ParseDate(date, "date"));
            return TypedResults.NoContent();
        });

        group.MapGet("/ramadan", (WorkSetupService setup) => TypedResults.Ok(setup.RamadanPeriods()));
        group.MapPost("/ramadan", (RamadanPeriod input, WorkSetupService setup) => TypedResults.Ok(setup.SaveRamadan(input with { Id = 0 })))
            .WithSummary("Jam kerja Ramadan: periode tanggal dan jam masuk/pulang (Jumat tersendiri) untuk jadwal mingguan.");
        group.MapPut("/ramadan/{id:long}", (long id, RamadanPeriod input, WorkSetupService setup) => TypedResults.Ok(setup.SaveRamadan(input with { Id = id })));
        group.MapDelete("/ramadan/{id:long}", (long id, WorkSetupService setup) =>
        {
            setup.DeleteRamadan(id);
            return TypedResults.NoContent();
        });

        group.MapGet("/absences", (string? month, long? staffId, AbsenceService absences, SettingsStore settings, TimeProvider clock) =>
        {
            var (y, m) = ParseMonth(month, settings, clock);
            var first = new DateOnly(y, m, 1);
            return TypedResults.Ok(absences.List(first, first.AddMonths(1).AddDays(-1), staffId));
        }).WithSummary("Ketidakhadiran (S, I, C, DL, TB) yang menyentuh bulan ini.");
        group.MapPost("/absences", (AbsenceInput input, ClaimsPrincipal user, AbsenceService absences) =>
        {
            var created = absences.Create(input, user.UserName());
            return TypedResults.Created($"/api/attendance/absences/{created.Id}", created);
        }).WithSummary("Catat ketidakhadiran untuk rentang tanggal: code S/I/C/DL/TB, leaveType untuk cuti.");
        group.MapDelete("/absences/{id:long}", (long id, AbsenceService absences) =>
        {
            absences.Delete(id);
            return TypedResults.NoContent();
        });

        group.MapGet("/settings", (WorkSetupService setup) => TypedResults.Ok(setup.GetSettings()))
            .WithSummary("Batas menit TL/PSW (default 30/60/90) dan tata letak CSV mesin sidik jari.");
        group.MapPut("/settings", (AttendanceSettings input, WorkSetupService setup) => TypedResults.Ok(setup.SaveSettings(input)));

        group.MapPost("/import", Import)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes))
            .Accepts<IFormFile>("multipart/form-data", "text/csv", "text/plain", "application/octet-stream", "application/x-www-form-urlencoded")
            .Produces<ImportResult>()
            .WithSummary("Impor log mesin sidik jari (CSV, atau Excel .xlsx: lembar pertama) sebagai berkas multipart 'file' atau isi teks. Tata letak dari pengaturan, " +
                "bisa ditimpa per permintaan (query atau field form): delimiter, employeeColumn, timestampColumn, timeColumn, timestampFormat, hasHeader.");
        group.MapGet("/imports", (PunchService punches) => TypedResults.Ok(punches.Imports()))
            .WithSummary("Riwayat impor log sidik jari.");

        group.MapGet("/recap", (string? month, AttendanceRecapService recap, SettingsStore settings, TimeProvider clock) =>
        {
            var (y, m) = ParseMonth(month, settings, clock);
            return TypedResults.Ok(recap.Build(y, m));
        }).WithSummary("Rekap absensi bulanan (month=YYYY-MM, default bulan ini): kode per hari, total per pegawai dan per unit.");

        group.MapGet("/latest-month", (Database db, SettingsStore settings, TimeProvider clock) =>
        {
            // The last completed day with punches: this morning's first punches do not make an empty month "the last with data".
            var zone = settings.Get().TimeZone;
            var today = TimeZones.LocalDate(clock.GetUtcNow(), zone);
            var startOfToday = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeZones.Offset(zone));
            using var c = db.Open();
            var last = Dapper.SqlMapper.ExecuteScalar<string?>(c, "SELECT MAX(punched_at) FROM attendance_punches WHERE punched_at < @before",
                new { before = DapperSetup.FormatInstant(startOfToday) });
            var day = last is null ? today : TimeZones.LocalDate(DapperSetup.ParseInstant(last), zone);
            return TypedResults.Ok(new LatestMonth(day.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
        }).WithSummary("Bulan terakhir dengan rekaman absensi pada hari yang sudah lewat (rekap dibuka pada bulan ini; tanpa rekaman: bulan berjalan).");

        return group;
    }

    private static async Task<IResult> Import(HttpContext http, PunchService punches, WorkSetupService setup)
    {
        if (http.Request.ContentLength > MaxImportBytes)
        {
            throw ValidationFailedException.For("file", "file.tooLarge", "Berkas terlalu besar (paling besar 20 MB).");
        }
        byte[] content;
        string? fileName = null;
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields = http.Request.Query;
        if (http.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = await Uploads.ReadFormAsync(http.Request);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
                ?? throw ValidationFailedException.For("file", "file.required", "Pilih berkas CSV dari mesin sidik jari.");
            fileName = Path.GetFileName(file.FileName);
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, http.RequestAborted);
            content = ms.ToArray();
            fields = fields.Concat(form);
        }
        else
        {
            using var ms = new MemoryStream();
            await http.Request.Body.CopyToAsync(ms, http.RequestAborted);
            content = ms.ToArray();
            fileName = Text.Clean(http.Request.Query["fileName"]);
        }
        if (content.Length > MaxImportBytes)
        {
            throw ValidationFailedException.For("file", "file.tooLarge", "Berkas terlalu besar (paling besar 20 MB).");
        }
        if (content.Length == 0)
        {
            throw ValidationFailedException.For("file", "file.empty", "Berkas kosong.");
        }
        var layout = Layout(setup.GetSettings().CsvLayout, fields.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        if (XlsxLog.IsXlsx(content))
        {
            (content, layout) = XlsxLog.Convert(content, layout)
                ?? throw ValidationFailedException.For("file", "file.unreadable", "Berkas Excel tidak dapat dibuka; simpan ulang sebagai .xlsx atau CSV.");
        }
        return Results.Ok(punches.Import(content, fileName, layout, http.User.UserName()));
    }

    /// <summary>The saved layout with the fields given in this request taken over.</summary>
    internal static CsvLayout Layout(CsvLayout saved, IReadOnlyDictionary<string, string> fields)
    {
        var v = new Validation();
        int? Int(string name)
        {
            if (!fields.TryGetValue(name, out var text) || Text.Clean(text) is not { } t)
            {
                return null;
            }
            if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
            v.Add(name, "layout.column", $"'{name}' harus berupa nomor kolom (1, 2, ...).");
            return null;
        }
        var layout = saved;
        if (fields.TryGetValue("delimiter", out var d) && d.Length > 0)
        {
            layout = layout with { Delimiter = d };
        }
        if (Int("employeeColumn") is { } e)
        {
            layout = layout with { EmployeeColumn = e };
        }
        if (Int("timestampColumn") is { } ts)
        {
            layout = layout with { TimestampColumn = ts };
        }
        if (fields.TryGetValue("timeColumn", out var tcText))
        {
            layout = layout with { TimeColumn = Text.Clean(tcText) is null or "0" ? null : Int("timeColumn") };
        }
        if (fields.TryGetValue("timestampFormat", out var f) && Text.Clean(f) is { } format)
        {
            layout = layout with { TimestampFormat = format };
        }
        if (fields.TryGetValue("hasHeader", out var h) && Text.Clean(h) is { } header)
        {
            layout = layout with { HasHeader = header.ToLowerInvariant() is "true" or "1" or "ya" or "on" };
        }
        v.AddRange(layout.Validate());
        v.ThrowIfAny();
        return layout;
    }

    private static (int Year, int Month) ParseMonth(string? month, SettingsStore settings, TimeProvider clock)
    {
        if (Text.Clean(month) is not { } text)
        {
            var today = TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone);
            return (today.Year, today.Month);
        }
        return DateRange.ParseMonth(text, "month");
    }

    private static DateOnly ParseDate(string text, string field) => DateRange.ParseDate(text, field);
}

/// <summary>The last month with attendance punches (YYYY-MM), or the current month when there are none.</summary>
public sealed record LatestMonth(string Month);
