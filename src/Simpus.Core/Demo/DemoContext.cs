using Simpus.Core.Data;

namespace Simpus.Core.Demo;

/// <summary>Everything a demo seeder needs: the database, "today", the puskesmas time zone and a seeded random source.</summary>
public sealed class DemoContext(Database db, DateOnly today, string timeZone, int seed, TextWriter log)
{
    public Database Db { get; } = db;
    public DateOnly Today { get; } = today;
    public string TimeZone { get; } = timeZone;
    public int Seed { get; } = seed;
    public TextWriter Log { get; } = log;

    /// <summary>The moment the demo is generated: today's visits arrive before it, never after.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// A random source of its own per seeder, so adding one seeder does not change what another generates. The seed is combined
    /// with a stable arithmetic hash: <c>HashCode.Combine</c> (used before) is randomized per process, so the demo differed from
    /// one run to the next although it was "seeded".
    /// </summary>
    public Random RandomFor(string seeder) => new(unchecked(Seed * 486_187_739 + StableHash(seeder)));

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s)
        {
            h = unchecked(h * 31 + c);
        }
        return h;
    }
}

/// <summary>Fills a fresh database with a part of the demo puskesmas. Seeders run in <see cref="Order"/>.</summary>
public interface IDemoSeeder
{
    int Order { get; }

    string Name { get; }

    void Seed(DemoContext context);
}
