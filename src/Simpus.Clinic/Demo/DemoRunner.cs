using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Demo;
using Simpus.Core.Settings;
using Simpus.Web.Users;

namespace Simpus.Clinic.Demo;

/// <summary>
/// <c>--demo</c>: fills a fresh database with the demo puskesmas (settings, staff logins, patients, a year of visits,
/// and whatever every registered <see cref="IDemoSeeder"/> adds). Deterministic: the same day gives the same data.
/// </summary>
public static class DemoRunner
{
    public const string DemoPassword = "sukamaju-sehat";
    public const int Seed = 20261123;

    public static readonly IReadOnlyList<UserInput> DemoUsers =
    [
        new() { Username = "loket", FullName = "Rina Loket Pendaftaran", Role = "pendaftaran" },
        new() { Username = "dokter", FullName = "dr. Andi Pratama", Role = "klinisi", Poli = "umum" },
        new() { Username = "drg", FullName = "drg. Sari Lestari", Role = "klinisi", Poli = "gigi" },
        new() { Username = "bidan", FullName = "Bidan Wulan Utami", Role = "klinisi", Poli = "kia" },
        new() { Username = "kepala", FullName = "dr. Bambang Hartono", Role = "kepala" },
        new() { Username = "apoteker", FullName = "apt. Dewi Kartika, S.Farm.", Role = "farmasi" },
    ];

    public static void Run(IServiceProvider services, TextWriter console)
    {
        var db = services.GetRequiredService<Database>();
        using (var c = db.Open())
        {
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM patients") > 0)
            {
                console.WriteLine("--demo: basis data sudah berisi pasien; data demo tidak ditambahkan.");
                return;
            }
        }
        var settings = services.GetRequiredService<SettingsStore>();
        settings.Save(new PuskesmasSettings
        {
            Code = "P3373040101",
            Name = "Puskesmas Sukamaju",
            RegionCode = "33.73",
            KecamatanCode = "33.73.04",
            TimeZone = "WIB",
        });
        var users = services.GetRequiredService<UserStore>();
        foreach (var u in DemoUsers)
        {
            users.Create(u with { Password = DemoPassword });
        }
        var clock = services.GetRequiredService<TimeProvider>();
        var today = TimeZones.LocalDate(clock.GetUtcNow(), "WIB");
        var context = new DemoContext(db, today, "WIB", Seed, console);
        console.WriteLine("Mengisi data demo Puskesmas Sukamaju ...");
        foreach (var seeder in services.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            console.WriteLine($"- {seeder.Name}");
            seeder.Seed(context);
        }
        console.WriteLine($"Data demo siap. Masuk dengan: {string.Join(", ", DemoUsers.Select(u => u.Username))} (kata sandi: {DemoPassword}), atau admin.");
    }
}
