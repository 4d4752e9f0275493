using System.Globalization;
using Simpus.Core.Backup;

namespace Simpus.Core.Tests.Backup;

public sealed class BackupRotationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "simpus-tests", "rotation-" + Guid.NewGuid().ToString("N"));

    public BackupRotationTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, true);

    private static DateTime At(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [Fact]
    public void Keeps_7_daily_4_weekly_and_12_monthly_of_two_years_of_daily_backups()
    {
        var start = At("2025-01-01 02:00");
        var entries = Enumerable.Range(0, 730)
            .Select(d => new BackupEntry($"b{d}", start.AddDays(d), false))
            .ToList();

        var keep = BackupRotation.Keep(entries, 7, 4, 12).Select(e => e.TakenAtUtc).Order().ToList();

        var newest = start.AddDays(729); // 2026-12-31, a Thursday
        Assert.Contains(newest, keep);
        Assert.Equal(Enumerable.Range(0, 7).Select(d => newest.AddDays(-d)), keep.Where(k => k > newest.AddDays(-7)).OrderDescending());
        // Sundays closing the weeks before this one (the 27th is also a daily), and the last day of each of the 11 months before December.
        Assert.Contains(At("2026-12-27 02:00"), keep);
        Assert.Contains(At("2026-12-20 02:00"), keep);
        Assert.Contains(At("2026-12-13 02:00"), keep);
        Assert.Contains(At("2026-01-31 02:00"), keep);
        Assert.Contains(At("2026-11-30 02:00"), keep);
        Assert.DoesNotContain(At("2025-12-31 02:00"), keep);
        Assert.Equal(7 + 2 + 11, keep.Count);
    }

    [Fact]
    public void Pruning_deletes_only_this_databases_scheduled_backups_beyond_the_rotation()
    {
        var start = At("2026-01-01 01:00");
        for (var d = 0; d < 40; d++)
        {
            File.WriteAllText(Path.Combine(_folder, BackupRotation.FileName(DatabaseProfile.Clinic, start.AddDays(d), d % 2 == 0)), "x");
            File.WriteAllText(Path.Combine(_folder, BackupRotation.FileName(DatabaseProfile.District, start.AddDays(d), false)), "x");
        }
        File.WriteAllText(Path.Combine(_folder, "simpus-catatan.txt"), "x");
        File.WriteAllText(Path.Combine(_folder, "simpus-20250101-010000Z-before-0015.db"), "x");

        var deleted = BackupRotation.Prune(_folder, DatabaseProfile.Clinic, 7, 4, 12);

        var clinicLeft = BackupRotation.List(_folder, DatabaseProfile.Clinic);
        Assert.Equal(40 - deleted.Count, clinicLeft.Count);
        Assert.InRange(clinicLeft.Count, 7, 7 + 4 + 2);
        Assert.Equal(start.AddDays(39), clinicLeft[0].TakenAtUtc);
        Assert.Equal(40, BackupRotation.List(_folder, DatabaseProfile.District).Count);
        Assert.True(File.Exists(Path.Combine(_folder, "simpus-catatan.txt")));
        Assert.True(File.Exists(Path.Combine(_folder, "simpus-20250101-010000Z-before-0015.db")));
        Assert.Contains(clinicLeft, e => e.Encrypted);
    }
}
