using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Simpus.Cli;
using Simpus.Cli.Commands;
using Simpus.District.Tests.Infrastructure;
using Simpus.Exchange;

namespace Simpus.District.Tests.EndToEnd;

/// <summary>A real clinic service and a real district service on 127.0.0.1, talking HTTP.</summary>
public sealed class ClinicToDistrictTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _servers = [];
    private readonly List<string> _folders = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var s in _servers.AsEnumerable().Reverse())
        {
            await s.DisposeAsync();
        }
        _folders.ForEach(TestFolders.TryDelete);
    }

    private static string ThisMonth => TestPackages.ThisMonth.ToString();

    [Fact]
    public async Task Package_sent_while_the_district_is_down_arrives_exactly_once_when_it_comes_up()
    {
        // The district issues the key, then goes down.
        var port = TestFolders.FreePort();
        var districtDir = TestFolders.New("district");
        _folders.Add(districtDir);
        var district = await DistrictServer.StartAsync(districtDir, port);
        var key = await district.RegisterAsync("P3373040101", "Puskesmas Sukamaju");
        await district.DisposeAsync();

        var clinic = await Track(ClinicServer.StartAsync());
        var admin = await clinic.ConfigureAsync("P3373040101", "Puskesmas Sukamaju", $"http://127.0.0.1:{port}", key);
        await clinic.AddVisitsAsync(admin, 5);

        var send = await admin.PostAsync($"/api/packages/send?month={ThisMonth}", null);
        Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
        var retried = await Wait.UntilAsync(async () =>
        {
            var e = await LatestEntryAsync(admin);
            return e.GetProperty("attempts").GetInt32() >= 2 && e.GetProperty("status").GetString() == "queued";
        }, TimeSpan.FromSeconds(40));
        var waiting = await LatestEntryAsync(admin);
        Assert.True(retried, "the sender should have retried while the district was down");
        Assert.Contains("tidak dapat dihubungi", waiting.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        // The district comes back on the same address.
        district = await Track(DistrictServer.StartAsync(districtDir, port));
        var accepted = await Wait.UntilAsync(async () => (await LatestEntryAsync(admin)).GetProperty("status").GetString() == "accepted",
            TimeSpan.FromSeconds(40));
        await Task.Delay(1500);
        var sendAgain = await (await admin.PostAsync($"/api/packages/send?month={ThisMonth}", null)).JsonAsync();

        var packages = await (await district.AdminAsync()).GetFromJsonAsync<JsonElement>($"/api/packages?month={ThisMonth}");
        Assert.True(accepted, "the package should be accepted once the district is up");
        Assert.Equal(1, packages.GetArrayLength());
        Assert.Equal("P3373040101", packages[0].GetProperty("puskesmasCode").GetString());
        Assert.Equal(1, packages[0].GetProperty("revision").GetInt32());
        Assert.Equal("accepted", sendAgain.GetProperty("entry").GetProperty("status").GetString());
        Assert.Contains("sudah diterima", sendAgain.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queued_package_survives_a_clinic_restart_and_is_sent_after_it()
    {
        var port = TestFolders.FreePort();
        var districtDir = TestFolders.New("district");
        _folders.Add(districtDir);
        var district = await DistrictServer.StartAsync(districtDir, port);
        var key = await district.RegisterAsync("P001", "Puskesmas Satu");
        await district.DisposeAsync();

        var clinic = await ClinicServer.StartAsync();
        var admin = await clinic.ConfigureAsync("P001", "Puskesmas Satu", $"http://127.0.0.1:{port}", key);
        await clinic.AddVisitsAsync(admin, 2);
        await admin.PostAsync($"/api/packages/send?month={ThisMonth}", null);
        Assert.True(await Wait.UntilAsync(async () => (await LatestEntryAsync(admin)).GetProperty("attempts").GetInt32() >= 1, TimeSpan.FromSeconds(40)));
        await clinic.StopAsync();

        district = await Track(DistrictServer.StartAsync(districtDir, port));
        var restarted = await Track(ClinicServer.StartInAsync(clinic.DataDir));
        var admin2 = await restarted.AdminAsync();
        var accepted = await Wait.UntilAsync(async () => (await LatestEntryAsync(admin2)).GetProperty("status").GetString() == "accepted",
            TimeSpan.FromSeconds(40));

        var packages = await (await district.AdminAsync()).GetFromJsonAsync<JsonElement>($"/api/packages?month={ThisMonth}");
        Assert.True(accepted, "the queued package should be sent by the restarted clinic");
        Assert.Equal(1, packages.GetArrayLength());
    }

    [Fact]
    public async Task Regenerated_month_is_sent_as_the_next_revision_and_replaces_the_first()
    {
        var district = await Track(DistrictServer.StartAsync());
        var key = await district.RegisterAsync("P001", "Puskesmas Satu");
        var clinic = await Track(ClinicServer.StartAsync());
        var admin = await clinic.ConfigureAsync("P001", "Puskesmas Satu", district.BaseAddress.ToString(), key);
        await clinic.AddVisitsAsync(admin, 3);

        await admin.PostAsync($"/api/packages/send?month={ThisMonth}", null);
        Assert.True(await Wait.UntilAsync(async () => (await LatestEntryAsync(admin)).GetProperty("status").GetString() == "accepted", TimeSpan.FromSeconds(40)));
        await clinic.AddVisitsAsync(admin, 2);
        var second = await (await admin.PostAsync($"/api/packages/send?month={ThisMonth}", null)).JsonAsync();
        Assert.True(await Wait.UntilAsync(async () => (await LatestEntryAsync(admin)).GetProperty("status").GetString() == "accepted", TimeSpan.FromSeconds(40)));

        var packages = await (await district.AdminAsync()).GetFromJsonAsync<JsonElement>($"/api/packages?month={ThisMonth}");
        Assert.Equal(2, second.GetProperty("entry").GetProperty("revision").GetInt32());
        Assert.Equal(2, packages.GetArrayLength());
        Assert.Equal(2, packages.EnumerateArray().Single(p => p.GetProperty("isCurrent").GetBoolean()).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Wrong_key_is_refused_and_shown_to_the_clinic_with_the_district_reason()
    {
        var district = await Track(DistrictServer.StartAsync());
        await district.RegisterAsync("P001", "Puskesmas Satu");
        var clinic = await Track(ClinicServer.StartAsync());
        var admin = await clinic.ConfigureAsync("P001", "Puskesmas Satu", district.BaseAddress.ToString(), PackageCodec.NewKey());
        await clinic.AddVisitsAsync(admin, 1);

        await admin.PostAsync($"/api/packages/send?month={ThisMonth}", null);
        Assert.True(await Wait.UntilAsync(async () => (await LatestEntryAsync(admin)).GetProperty("status").GetString() == "refused", TimeSpan.FromSeconds(40)));
        var entry = await LatestEntryAsync(admin);

        Assert.Contains("Tanda tangan paket tidak cocok", entry.GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_over_the_district_caps_is_refused_not_retried_and_the_clinic_shows_why()
    {
        var district = await Track(DistrictServer.StartAsync(null, 0, "--Simpus:District:MaxPackageValues=5"));
        var key = await district.RegisterAsync("P001", "Puskesmas Satu");
        var clinic = await Track(ClinicServer.StartAsync());
        var admin = await clinic.ConfigureAsync("P001", "Puskesmas Satu", district.BaseAddress.ToString(), key);
        await clinic.AddVisitsAsync(admin, 2);

        await admin.PostAsync($"/api/packages/send?month={ThisMonth}", null);
        Assert.True(await Wait.UntilAsync(async () => (await LatestEntryAsync(admin)).GetProperty("status").GetString() == "refused", TimeSpan.FromSeconds(40)));
        var entry = await LatestEntryAsync(admin);

        Assert.Equal(1, entry.GetProperty("attempts").GetInt32());
        Assert.Contains("lebih dari 5 nilai", entry.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await (await district.AdminAsync()).GetFromJsonAsync<JsonElement>("/api/packages")).GetArrayLength());
    }

    [Fact]
    public async Task Downloaded_package_file_and_cli_package_upload_to_the_district()
    {
        var district = await Track(DistrictServer.StartAsync());
        var key = await district.RegisterAsync("P001", "Puskesmas Satu");
        var clinic = await Track(ClinicServer.StartAsync());
        var admin = await clinic.ConfigureAsync("P001", "Puskesmas Satu", null, key);
        await clinic.AddVisitsAsync(admin, 2);

        var download = await admin.GetAsync($"/api/packages/monthly?month={ThisMonth}");
        var file = await download.Content.ReadAsByteArrayAsync();
        var staff = await district.AdminAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", download.Content.Headers.ContentDisposition!.FileName!.Trim('"') } };
        var upload = await (await staff.PostAsync("/api/packages/upload", form)).JsonAsync();

        var cliOut = Path.Combine(clinic.DataDir, "paket-cli.json");
        var output = new StringWriter();
        var exit = new PackageCommand().Run(["--data", clinic.DataDir, "--month", ThisMonth, "--key", key, "--out", cliOut], new CliConsole(output, output));
        using var form2 = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(cliOut)), "file", "paket-cli.json" } };
        var upload2 = await (await staff.PostAsync("/api/packages/upload", form2)).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("paket-P001-" + ThisMonth + "-r1.json", download.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal("accepted", upload[0].GetProperty("status").GetString());
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("alreadyReceived", upload2[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task District_workbook_totals_equal_the_sum_of_the_clinics_own_workbooks()
    {
        var district = await Track(DistrictServer.StartAsync());
        var clinics = new List<(ClinicServer Server, HttpClient Admin)>();
        foreach (var (code, visits) in new[] { ("P001", 4), ("P002", 7) })
        {
            var key = await district.RegisterAsync(code, "Puskesmas " + code);
            var clinic = await Track(ClinicServer.StartAsync());
            var admin = await clinic.ConfigureAsync(code, "Puskesmas " + code, district.BaseAddress.ToString(), key);
            await clinic.AddVisitsAsync(admin, visits);
            clinic.AddDiagnoses();
            await admin.PostAsync($"/api/packages/send?month={ThisMonth}", null);
            clinics.Add((clinic, admin));
        }
        foreach (var (_, admin) in clinics)
        {
            Assert.True(await Wait.UntilAsync(async () => (await LatestEntryAsync(admin)).GetProperty("status").GetString() == "accepted", TimeSpan.FromSeconds(40)));
        }

        var expected = new Dictionary<string, double>();
        var lb1Expected = new double[31];
        foreach (var (_, admin) in clinics)
        {
            using var own = new XLWorkbook(await (await admin.GetAsync($"/api/reports/monthly?month={ThisMonth}")).Content.ReadAsStreamAsync());
            foreach (var (label, value) in ClinicVisitFigures(own.Worksheet("Kunjungan")))
            {
                expected[label] = expected.GetValueOrDefault(label) + value;
            }
            // The clinic's LB1 "Jumlah" row: 12 bands × L/P (columns 3–26), Baru L/P/Jml, Lama L/P/Jml, Total (27–33).
            var jumlah = own.Worksheet("LB1").RowsUsed().Single(r => r.Cell(2).GetString() == "Jumlah");
            for (var i = 0; i < 31; i++)
            {
                lb1Expected[i] += jumlah.Cell(3 + i).GetDouble();
            }
        }
        using var wb = new XLWorkbook(await (await (await district.AdminAsync()).GetAsync($"/api/reports/monthly?month={ThisMonth}")).Content.ReadAsStreamAsync());
        var sheet = wb.Worksheet("Kunjungan");
        var totalColumn = sheet.Row(4).CellsUsed().Single(c => c.GetString() == "Total Kabupaten").Address.ColumnNumber;
        double Total(string element, string disaggregation) =>
            sheet.RowsUsed().Where(r => r.Cell(1).GetString() == element && (disaggregation == "*" || r.Cell(2).GetString() == disaggregation))
                .Sum(r => r.Cell(totalColumn).GetDouble());

        Assert.Equal(11, expected["Jumlah kunjungan"]);
        Assert.Equal(expected["Kunjungan baru L"], Total("KUNJUNGAN", "sex=L;type=baru"));
        Assert.Equal(expected["Kunjungan baru P"], Total("KUNJUNGAN", "sex=P;type=baru"));
        Assert.Equal(expected["Kunjungan lama"], Total("KUNJUNGAN", "sex=L;type=lama") + Total("KUNJUNGAN", "sex=P;type=lama"));
        Assert.Equal(expected["Jumlah kunjungan"], Total("KUNJUNGAN", "*"));
        Assert.Equal(expected["Poli Umum"], Total("KUNJUNGAN.POLI", "poli=umum"));
        Assert.Equal(expected["Poli Gigi"], Total("KUNJUNGAN.POLI", "poli=gigi"));
        Assert.Equal(expected["Rujukan keluar"], Total("RUJUKAN", ""));
        Assert.Equal(expected["Kunjungan UGD"], Total("UGD", ""));

        // LB1 of the whole district: its "Jumlah" row (columns 3–33, after code and name) equals the sum of the clinics' LB1 "Jumlah" rows.
        var lb1 = wb.Worksheet("LB1 Kabupaten").RowsUsed().Single(r => r.Cell(1).GetString() == "Jumlah");
        var lb1Actual = Enumerable.Range(0, 31).Select(i => lb1.Cell(3 + i).GetDouble()).ToArray();
        Assert.True(lb1Expected[^1] > 11, "the clinics' LB1 should hold the diagnoses");
        Assert.Equal(lb1Expected, lb1Actual);
    }

    /// <summary>The figures of the clinic's own "Kunjungan" sheet (section A by sex, section B per poli, section E).</summary>
    private static IEnumerable<(string Label, double Value)> ClinicVisitFigures(IXLWorksheet ws)
    {
        var inTypeTable = false;
        foreach (var row in ws.RowsUsed())
        {
            var label = row.Cell(1).GetString();
            if (label.StartsWith("A. ", StringComparison.Ordinal))
            {
                inTypeTable = true;
            }
            else if (label.StartsWith("B. ", StringComparison.Ordinal))
            {
                inTypeTable = false;
            }
            if (label == "Kunjungan baru")
            {
                yield return ("Kunjungan baru L", row.Cell(2).GetDouble());
                yield return ("Kunjungan baru P", row.Cell(3).GetDouble());
            }
            else if (label == "Kunjungan lama")
            {
                yield return ("Kunjungan lama", row.Cell(4).GetDouble());
            }
            else if (label == "Jumlah" && inTypeTable)
            {
                yield return ("Jumlah kunjungan", row.Cell(4).GetDouble());
            }
            else if (label is "Poli Umum" or "Poli Gigi" or "Rujukan keluar" or "Kunjungan UGD")
            {
                yield return (label, row.Cell(4).GetDouble());
            }
        }
    }

    private static async Task<JsonElement> LatestEntryAsync(HttpClient admin)
    {
        var outbox = await admin.GetFromJsonAsync<JsonElement>("/api/packages/outbox");
        return outbox.GetProperty("entries")[0];
    }

    private async Task<T> Track<T>(Task<T> start) where T : IAsyncDisposable
    {
        var server = await start;
        _servers.Add(server);
        return server;
    }
}
