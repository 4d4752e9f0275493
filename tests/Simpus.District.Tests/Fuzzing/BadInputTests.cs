using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Simpus.District.Tests.Infrastructure;

namespace Simpus.District.Tests.Fuzzing;

/// <summary>
/// The bad inputs an audit found answered with 500 (issue 14): each now answers 4xx problem+json naming the problem,
/// and stores nothing. The fuzzing test looks for more of their kind at random; these stay as fixed regressions.
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Attendance_dates_outside_the_supported_range_are_refused_naming_the_field()
    {
        await using var clinic = await ClinicServer.StartAsync();
        var admin = await clinic.AdminAsync();
        var before = Counts(clinic, "holidays", "work_schedules", "staff");

        foreach (var year in new[] { "0", "-1", "10000" })
        {
            await ExpectProblemAsync(await admin.GetAsync($"/api/attendance/holidays?year={year}"), HttpStatusCode.BadRequest, "year");
        }
        await ExpectProblemAsync(await admin.GetAsync("/api/attendance/absences?month=9999-12"), HttpStatusCode.BadRequest, "month");
        await ExpectProblemAsync(await admin.GetAsync("/api/attendance/recap?month=0001-01"), HttpStatusCode.BadRequest, "month");
        await ExpectProblemAsync(await admin.PutAsJsonAsync("/api/attendance/holidays/3000-01-01", new { name = "Libur", kind = "nasional" }),
            HttpStatusCode.BadRequest, "date");
        await ExpectProblemAsync(await admin.PostAsJsonAsync("/api/attendance/schedules", new
        {
            name = "Rotasi", cycleDays = 4, anchorDate = "8254-01-01", observesHolidays = false, ramadanHours = false,
            days = new[] { new { dayIndex = 0, start = "07:00", end = "14:00" } },
        }), HttpStatusCode.BadRequest, "anchorDate");
        foreach (var from in new[] { "0001-01-01", "3000-01-01" })
        {
            await ExpectProblemAsync(await admin.PostAsJsonAsync("/api/attendance/staff", new
            {
                name = "Ani", position = "Bidan", unit = "KIA", activeFrom = from,
            }), HttpStatusCode.BadRequest, "activeFrom");
        }

        Assert.Equal(before, Counts(clinic, "holidays", "work_schedules", "staff"));
    }

    [Fact]
    public async Task Unreadable_uploads_are_refused_and_import_nothing()
    {
        await using var clinic = await ClinicServer.StartAsync();
        var admin = await clinic.AdminAsync();
        var before = Counts(clinic, "attendance_punches", "icd10");

        await ExpectProblemAsync(await admin.PostAsync("/api/attendance/import", Multipart(ZipOf("bukan.txt", "bukan buku kerja"), "log.xlsx", close: true)),
            HttpStatusCode.BadRequest, "file");
        await ExpectProblemAsync(await admin.PostAsync("/api/attendance/import", Multipart("1001,2026-11-02 07:12\n"u8.ToArray(), "log.csv", close: false)),
            HttpStatusCode.BadRequest, "file");
        var garbage = new ByteArrayContent(Encoding.UTF8.GetBytes("code,name_id\n@@@,\n###,???\n\u0001\u0002,zz\n"));
        garbage.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        await ExpectProblemAsync(await admin.PostAsync("/api/icd10/import", garbage), HttpStatusCode.BadRequest, "file");

        Assert.Equal(before, Counts(clinic, "attendance_punches", "icd10"));
    }

    [Fact]
    public async Task Text_too_long_or_with_control_characters_is_refused_naming_the_field()
    {
        await using var clinic = await ClinicServer.StartAsync();
        var admin = await clinic.AdminAsync();
        var before = Counts(clinic, "patients", "users");

        var longAddress = PatientBuilder.Valid("P");
        longAddress["address"] = new string('x', 10 * 1024);
        await ExpectProblemAsync(await admin.PostAsJsonAsync("/api/patients", longAddress), HttpStatusCode.BadRequest, "address");
        var nul = PatientBuilder.Valid("L");
        nul["name"] = "Budi\u0000Santoso";
        await ExpectProblemAsync(await admin.PostAsJsonAsync("/api/patients", nul), HttpStatusCode.BadRequest, "name");
        await ExpectProblemAsync(await admin.PostAsJsonAsync("/api/users", new
        {
            username = new string('u', 10 * 1024), fullName = "Uji", password = "Sandi-yang-panjang-1", role = "pendaftaran",
        }), HttpStatusCode.BadRequest, "username");
        var huge = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\"}"));
        huge.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/patients") { Content = huge };
        request.Headers.ExpectContinue = true;
        await ExpectProblemAsync(await admin.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, null);

        Assert.Equal(before, Counts(clinic, "patients", "users"));
    }

    [Fact]
    public async Task District_refuses_broken_packages_and_mappings_without_storing_them()
    {
        await using var district = await DistrictServer.StartAsync();
        var admin = await district.AdminAsync();
        var anonymous = district.Anonymous();
        var before = Counts(district, "packages", "dhis2_mapping");

        var invalidUtf8 = new ByteArrayContent([0x7B, 0x22, 0x66, 0x6F, 0x72, 0x6D, 0x61, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D]);
        invalidUtf8.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var refused = await anonymous.PostAsync("/api/packages", invalidUtf8);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var nulls = new StringContent("[null,null]", Encoding.UTF8, "application/json");
        await ExpectProblemAsync(await admin.PutAsync("/api/dhis2/mapping", nulls), HttpStatusCode.BadRequest, "[0]");

        Assert.Equal(before, Counts(district, "packages", "dhis2_mapping"));
    }

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}': {body}");
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }
    }

    private static long[] Counts(RealServer server, params string[] tables)
    {
        using var c = server.Database.Open();
        return tables.Select(t => c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {t}")).ToArray();
    }

    private static ByteArrayContent Multipart(byte[] file, string fileName, bool close)
    {
        const string boundary = "----simpusuji";
        var head = Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        var tail = Encoding.UTF8.GetBytes(close ? $"\r\n--{boundary}--\r\n" : "\r\n");
        var content = new ByteArrayContent([.. head, .. file, .. tail]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }

    private static byte[] ZipOf(string name, string text)
    {
        using var memory = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(text);
        }
        return memory.ToArray();
    }
}
