using System.Globalization;
using System.Text.RegularExpressions;

namespace Simpus.Core.Backup;

/// <summary>One scheduled backup file in the backup folder, named <c>{prefix}-yyyyMMdd-HHmmssZ.db</c> (or <c>.db.enc</c>), stamp in UTC.</summary>
public sealed record BackupEntry(string Path, DateTime TakenAtUtc, bool Encrypted);

/// <summary>
/// Which backups to keep: the newest of each of the last <c>daily</c> days that have one, the newest of each of the last
/// <c>weekly</c> ISO weeks, the newest of each of the last <c>monthly</c> months (a file may count for all three).
/// Everything else named like a scheduled backup of this database is deleted; other files in the folder are never touched.
/// </summary>
public static partial class BackupRotation
{
    public static string FileName(DatabaseProfile profile, DateTime takenAtUtc, bool encrypted) =>
        $"{profile.FilePrefix}-{takenAtUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}Z.db{(encrypted ? ".enc" : "")}";

    /// <summary>The scheduled backups of this database in the folder, newest first.</summary>
    public static IReadOnlyList<BackupEntry> List(string folder, DatabaseProfile profile)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var list = new List<BackupEntry>();
        foreach (var path in Directory.EnumerateFiles(folder, profile.FilePrefix + "-*"))
        {
            var match = Name().Match(System.IO.Path.GetFileName(path));
            if (match.Success && match.Groups["prefix"].Value == profile.FilePrefix
                && DateTime.TryParseExact(match.Groups["stamp"].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                list.Add(new BackupEntry(path, at, match.Groups["enc"].Success));
            }
        }
        return list.OrderByDescending(e => e.TakenAtUtc).ThenBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>The entries to keep (the rest may be deleted).</summary>
    public static IReadOnlySet<BackupEntry> Keep(IReadOnlyList<BackupEntry> entries, int daily, int weekly, int monthly)
    {
        var keep = new HashSet<BackupEntry>();
        var newestFirst = entries.OrderByDescending(e => e.TakenAtUtc).ToList();
        void KeepNewestPer(Func<DateTime, string> bucket, int count)
        {
            var buckets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in newestFirst)
            {
                if (buckets.Count >= count && !buckets.Contains(bucket(e.TakenAtUtc)))
                {
                    break;
                }
                if (buckets.Add(bucket(e.TakenAtUtc)))
                {
                    keep.Add(e);
                }
            }
        }
        KeepNewestPer(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), daily);
        KeepNewestPer(d => $"{ISOWeek.GetYear(d)}-W{ISOWeek.GetWeekOfYear(d)}", weekly);
        KeepNewestPer(d => d.ToString("yyyy-MM", CultureInfo.InvariantCulture), monthly);
        return keep;
    }

    /// <summary>Deletes the backups rotation does not keep; returns the deleted paths.</summary>
    public static IReadOnlyList<string> Prune(string folder, DatabaseProfile profile, int daily, int weekly, int monthly)
    {
        var entries = List(folder, profile);
        var keep = Keep(entries, daily, weekly, monthly);
        var deleted = new List<string>();
        foreach (var e in entries.Where(e => !keep.Contains(e)))
        {
            try
            {
                File.Delete(e.Path);
                deleted.Add(e.Path);
            }
            catch (IOException)
            {
                // Left for the next rotation (e.g. a file open in another program).
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return deleted;
    }

    [GeneratedRegex(@"^(?<prefix>[a-z-]+)-(?<stamp>\d{8}-\d{6})Z\.db(?<enc>\.enc)?$")]
    private static partial Regex Name();
}
