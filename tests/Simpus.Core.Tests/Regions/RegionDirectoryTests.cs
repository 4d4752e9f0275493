using Dapper;
using Simpus.Core.Data;
using Simpus.Core.Regions;

namespace Simpus.Core.Tests.Regions;

/// <summary>The official region list loaded into a real, migrated SQLite file once for these tests.</summary>
public sealed class RegionListFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "simpus-tests", "regions-" + Guid.NewGuid().ToString("N"));

    public RegionListFixture()
    {
        Directory.CreateDirectory(_folder);
        Db = new Database(Path.Combine(_folder, "clinic.db"));
        Migrator.ForClinic(Db).MigrateUp();
        Regions = new RegionDirectory(Db);
        Loaded = Regions.EnsureLoaded().Added;
    }

    public Database Db { get; }

    public RegionDirectory Regions { get; }

    public int Loaded { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }
}

public sealed class RegionDirectoryTests(RegionListFixture list) : IClassFixture<RegionListFixture>
{
    [Fact]
    public void Every_row_of_the_official_list_is_loaded_once_with_its_level()
    {
        using var c = list.Db.Open();
        var levels = c.Query<(long Level, long Count)>("SELECT level, COUNT(*) FROM regions GROUP BY level ORDER BY level").ToList();

        Assert.Equal(91_599, list.Loaded);
        Assert.Equal([(1L, 38L), (2L, 514L), (3L, 7_285L), (4L, 83_762L)], levels);
        Assert.Equal(0, new RegionDirectory(list.Db).EnsureLoaded().Added);
    }

    [Theory]
    [InlineData("91.03.01.3007", "Desa Adat Yoboi", "desa adat")]
    [InlineData("33.73.04.1001", "Kecandran", "kelurahan")]
    [InlineData("11.01.01.2001", "Keude Bakongan", "desa")]
    public void Desa_adat_kelurahan_and_desa_codes_are_valid(string code, string name, string kind)
    {
        Assert.Null(list.Regions.Validate(code, 4, "regionCode"));
        Assert.Equal(name, list.Regions.NameOf(code));
        Assert.Equal(kind, list.Regions.Find(code)!.Kind);
    }

    [Theory]
    [InlineData("33.73.04.2001", 4, "region.unknown")]   // the shape of a desa, but Sidomukti has only kelurahan
    [InlineData("33.73.04.4001", 4, "region.village")]
    [InlineData("33.99", 2, "region.unknown")]
    [InlineData("33.73.04", 2, "region.format")]
    public void Codes_not_in_the_list_or_of_the_wrong_shape_are_refused(string code, int level, string error) =>
        Assert.Equal(error, list.Regions.Validate(code, level, "regionCode")?.Code);

    [Fact]
    public void Names_come_with_the_names_above_them()
    {
        Assert.Equal("Kel. Kecandran, Kec. Sidomukti, Kota Salatiga", list.Regions.Label("33.73.04.1001"));
        Assert.Equal("Kota Salatiga", list.Regions.NameOf("33.73"));
        Assert.NotEqual("Kota Semarang", list.Regions.NameOf("33.73"));
        Assert.Equal("Kota Semarang", list.Regions.NameOf("33.74"));
    }

    [Fact]
    public void Typing_a_village_name_finds_the_puskesmas_own_kecamatan_first()
    {
        var dukuh = list.Regions.Search("dukuh", 4, near: "33.73.04");
        var lor = list.Regions.Search("lor", 4, near: "33.73.04", limit: 5);
        var adat = list.Regions.Search("yoboi", 4, near: "33.73.04");

        Assert.Equal("33.73.04.1002", dukuh[0].Code);                      // Dukuh, Sidomukti, before every other Dukuh in Indonesia
        Assert.True(dukuh.Count > 5);
        Assert.Equal("Sidomukti", dukuh[0].Kecamatan);
        Assert.All(lor.Take(3), r => Assert.StartsWith("33.73.", r.Code));  // then the kab/kota: Kutowinangun Lor, Sidorejo Lor, Tingkir Lor,
        Assert.All(lor.Skip(3), r => Assert.StartsWith("33.", r.Code));     // then the province
        Assert.Equal("91.03.01.3007", adat[0].Code);
        Assert.Equal("desa adat", adat[0].Kind);
        Assert.Equal("Kecandran", list.Regions.Search("33.73.04.10", 4)[0].Name);
    }
}
