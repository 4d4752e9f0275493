using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Simpus.District.Tests.Infrastructure;
using Simpus.Exchange;

namespace Simpus.District.Tests.Packages;

/// <summary>One district service for the class; each test registers its own puskesmas codes.</summary>
public sealed class DistrictFixture : IAsyncLifetime
{
    public DistrictServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DistrictServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Package schema 2 (LPLPO and POR) beside schema 1, and the district's pharmacy views built from them.</summary>
public sealed class PharmacyPackagesTests(DistrictFixture fixture) : IClassFixture<DistrictFixture>
{
    private readonly DistrictServer _district = fixture.Server;

    /// <summary>A schema-2 package: the base values plus LPLPO of two drugs (one out of stock) and POR counts.</summary>
    public static MonthlyPackage PharmacyPackage(string code, MonthPeriod period, decimal amoxRequest = 112, int revision = 1) =>
        TestPackages.Package(code, period, revision) with
        {
            Values =
            [
                .. TestPackages.Package(code, period, revision).Values,
                TestPackages.Value("LPLPO.STOK_AWAL", 258, ("drug", "OB011")),
                TestPackages.Value("LPLPO.PENERIMAAN", 400, ("drug", "OB011")),
                TestPackages.Value("LPLPO.PEMAKAIAN", 360, ("drug", "OB011")),
                TestPackages.Value("LPLPO.RUSAK_HILANG", 5, ("drug", "OB011")),
                TestPackages.Value("LPLPO.SISA", 293, ("drug", "OB011")),
                TestPackages.Value("LPLPO.PEMAKAIAN_RATA", 300, ("drug", "OB011")),
                TestPackages.Value("LPLPO.STOK_OPTIMUM", 405, ("drug", "OB011")),
                TestPackages.Value("LPLPO.PERMINTAAN", amoxRequest, ("drug", "OB011")),
                TestPackages.Value("LPLPO.HAMPIR_KEDALUWARSA", 40, ("drug", "OB011")),
                TestPackages.Value("LPLPO.PEMAKAIAN", 20, ("drug", "OB054")),
                TestPackages.Value("LPLPO.PEMAKAIAN_RATA", 6.67m, ("drug", "OB054")),
                TestPackages.Value("LPLPO.STOK_OPTIMUM", 9, ("drug", "OB054")),
                TestPackages.Value("LPLPO.PERMINTAAN", 9, ("drug", "OB054")),
                TestPackages.Value("LPLPO.HARI_KOSONG", 22, ("drug", "OB054")),
                TestPackages.Value("POR.KASUS", 4, ("kelompok", "ispa")),
                TestPackages.Value("POR.DIBERI", 2, ("kelompok", "ispa")),
                TestPackages.Value("POR.KASUS", 3, ("kelompok", "diare")),
                TestPackages.Value("POR.DIBERI", 1, ("kelompok", "diare")),
                TestPackages.Value("POR.KASUS", 2, ("kelompok", "myalgia")),
                TestPackages.Value("POR.DIBERI", 0, ("kelompok", "myalgia")),
                TestPackages.Value("POR.RESEP", 9),
                TestPackages.Value("POR.ITEM", 14),
            ],
            Drugs =
            [
                new PackageDrug("OB011", "Amoksisilin 500 mg", "kapsul", "Antiinfeksi / Antibakteri / Beta laktam"),
                new PackageDrug("OB054", "Klorfeniramin maleat (CTM) 4 mg", "tablet", null),
            ],
        };

    [Fact]
    public void Schema_2_carries_the_drugs_signed_and_schema_1_is_written_as_before()
    {
        var key = PackageCodec.NewKey();
        var v2 = PharmacyPackage("P2X", TestPackages.LastMonth);
        var v1 = TestPackages.Package("P1X", TestPackages.LastMonth) with { SchemaVersion = 1 };

        var file2 = PackageCodec.Write(v2, key);
        var file1 = PackageCodec.Write(v1, key);
        var parsed = PackageCodec.Parse(file2);
        PackageCodec.Verify(parsed, key);
        PackageCodec.Verify(PackageCodec.Parse(file1), key);

        Assert.Equal(2, parsed.Package.SchemaVersion);
        Assert.Equal(v2.Drugs, parsed.Package.Drugs);
        Assert.DoesNotContain("\"drugs\"", Encoding.UTF8.GetString(file1), StringComparison.Ordinal);
        Assert.Equal(1, PackageCodec.Parse(file1).Package.SchemaVersion);
        // A drug's name changed after signing is caught like any value.
        var tampered = Encoding.UTF8.GetString(file2).Replace("Amoksisilin 500 mg", "Amoksisilin 250 mg", StringComparison.Ordinal);
        var mismatch = Assert.Throws<PackageRejectedException>(() => PackageCodec.Verify(PackageCodec.Parse(Encoding.UTF8.GetBytes(tampered)), key));
        Assert.Equal("package.signatureMismatch", mismatch.Code);
        // Schema 2 without its drugs list is malformed.
        var withoutDrugs = Encoding.UTF8.GetString(PackageCodec.Write(v2 with { Drugs = [] }, key))
            .Replace("\"drugs\": [],", "", StringComparison.Ordinal).Replace("\"drugs\": []", "", StringComparison.Ordinal);
        var noList = Assert.Throws<PackageRejectedException>(() => PackageCodec.Parse(Encoding.UTF8.GetBytes(withoutDrugs)));
        Assert.Equal("package.drugs", noList.Code);
    }

    [Fact]
    public async Task A_schema_2_package_is_imported_beside_a_schema_1_package_and_feeds_the_pharmacy_views()
    {
        var month = TestPackages.LastMonth;
        var keyA = await _district.RegisterAsync("PFA01", "Puskesmas Apotek A");
        var keyB = await _district.RegisterAsync("PFB01", "Puskesmas Lama B");
        var keyC = await _district.RegisterAsync("PFC01", "Puskesmas Apotek C");
        var anonymous = _district.Anonymous();

        var v2 = await anonymous.PostPackageAsync(TestPackages.File(PharmacyPackage("PFA01", month), keyA));
        var v1 = await anonymous.PostPackageAsync(TestPackages.File(TestPackages.Package("PFB01", month) with { SchemaVersion = 1 }, keyB));
        var v2c = await anonymous.PostPackageAsync(TestPackages.File(PharmacyPackage("PFC01", month, amoxRequest: 50), keyC));

        Assert.Equal(HttpStatusCode.Created, v2.StatusCode);
        Assert.Equal(HttpStatusCode.Created, v1.StatusCode);
        Assert.Equal(HttpStatusCode.Created, v2c.StatusCode);
        var staff = await _district.AdminAsync();
        var lplpo = await staff.GetFromJsonAsync<JsonElement>($"/api/pharmacy/lplpo?month={month}");
        var amox = lplpo.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "OB011");
        Assert.Equal("Amoksisilin 500 mg", amox.GetProperty("name").GetString());
        Assert.Equal(2 * 293m, amox.GetProperty("sisaStok").GetDecimal());
        Assert.Equal(112m + 50m, amox.GetProperty("permintaan").GetDecimal());
        Assert.Equal(50m, amox.GetProperty("permintaanPerPuskesmas").GetProperty("PFC01").GetDecimal());
        Assert.Equal(1.0m, amox.GetProperty("ketersediaan").GetDecimal());
        var ctm = lplpo.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "OB054");
        Assert.Equal(2, ctm.GetProperty("puskesmasKosong").GetInt32());

        var stockouts = await staff.GetFromJsonAsync<JsonElement>($"/api/pharmacy/stockouts?month={month}");
        var mine = stockouts.EnumerateArray().Where(r => r.GetProperty("puskesmas").GetString()!.StartsWith("PF", StringComparison.Ordinal)).ToList();
        Assert.Equal(["OB054", "OB054"], mine.Select(r => r.GetProperty("drug").GetString()));
        Assert.All(mine, r => Assert.Equal(22m, r.GetProperty("hariKosong").GetDecimal()));

        var por = await staff.GetFromJsonAsync<JsonElement>($"/api/pharmacy/por?month={month}");
        var a = por.EnumerateArray().Single(r => r.GetProperty("puskesmas").GetString() == "PFA01");
        var b = por.EnumerateArray().Single(r => r.GetProperty("puskesmas").GetString() == "PFB01");
        Assert.True(a.GetProperty("reported").GetBoolean());
        Assert.Equal(50.0m, a.GetProperty("groups")[0].GetProperty("percent").GetDecimal());
        Assert.Equal(1.56m, a.GetProperty("itemsPerPrescription").GetDecimal());
        Assert.False(b.GetProperty("reported").GetBoolean());

        var bytes = await staff.GetByteArrayAsync($"/api/reports/monthly?month={month}");
        using var wb = new XLWorkbook(new MemoryStream(bytes));
        var sheet = wb.Worksheet("LPLPO Kabupaten");
        var amoxRow = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "OB011");
        Assert.Equal("Amoksisilin 500 mg", amoxRow.Cell(2).GetString());
        Assert.Equal(162m, amoxRow.Cell(12).GetValue<decimal>());
        Assert.Contains(wb.Worksheets, w => w.Name == "Kekosongan Obat");
        Assert.Contains(wb.Worksheets, w => w.Name == "Kedaluwarsa Obat");
        var porSheet = wb.Worksheet("POR");
        var porA = porSheet.RowsUsed().Single(r => r.Cell(1).GetString() == "PFA01");
        Assert.Equal(50.0m, porA.Cell(5).GetValue<decimal>());
        Assert.StartsWith("Belum ada data POR", porSheet.RowsUsed().Single(r => r.Cell(1).GetString() == "PFB01").Cell(15).GetString(), StringComparison.Ordinal);
        if (wb.Worksheets.TryGetWorksheet("Lainnya", out var other))
        {
            Assert.DoesNotContain(other.RowsUsed(), r => r.Cell(1).GetString().StartsWith("LPLPO.", StringComparison.Ordinal));
        }
        var expiry = await staff.GetFromJsonAsync<JsonElement>($"/api/pharmacy/expiry?month={month}");
        Assert.Contains(expiry.EnumerateArray(), r => r.GetProperty("puskesmas").GetString() == "PFA01"
            && r.GetProperty("hampirKedaluwarsa").GetDecimal() == 40m);
    }

    [Fact]
    public async Task Pharmacy_views_need_a_login_and_a_valid_month()
    {
        var anonymous = await _district.Anonymous().GetAsync($"/api/pharmacy/lplpo?month={TestPackages.LastMonth}");
        var staff = await _district.AdminAsync();
        var bad = await staff.GetAsync("/api/pharmacy/por?month=2026-13");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }
}
