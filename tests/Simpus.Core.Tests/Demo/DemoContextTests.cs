using Simpus.Core.Data;
using Simpus.Core.Demo;

namespace Simpus.Core.Tests.Demo;

public sealed class DemoContextTests
{
    private static DemoContext Context(int seed) => new(new Database(Path.Combine(Path.GetTempPath(), "unused.db")), new DateOnly(2026, 11, 23), "WIB", seed, TextWriter.Null);

    /// <summary>
    /// The demo and the benchmarks' data are seeded: the same seed gives the same data in every process, on every machine.
    /// These numbers are what seed 20261123 gives; a per-process hash (as <c>HashCode.Combine</c> is) changes them from one
    /// test run to the next, and the demo with them.
    /// </summary>
    [Fact]
    public void A_seeders_random_source_is_the_same_in_every_process()
    {
        var absensi = Context(20261123).RandomFor("absensi");
        Assert.Equal([244449, 193488, 653510], new[] { absensi.Next(1_000_000), absensi.Next(1_000_000), absensi.Next(1_000_000) });
    }

    [Fact]
    public void Each_seeder_and_each_seed_has_its_own_sequence()
    {
        static int[] First(Random r) => [r.Next(), r.Next(), r.Next()];
        Assert.Equal(First(Context(7).RandomFor("absensi")), First(Context(7).RandomFor("absensi")));
        Assert.NotEqual(First(Context(7).RandomFor("absensi")), First(Context(7).RandomFor("apotek")));
        Assert.NotEqual(First(Context(7).RandomFor("absensi")), First(Context(8).RandomFor("absensi")));
    }
}
