using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Core.Backup;

/// <summary>One backup attempt as recorded in <c>backup_runs</c>.</summary>
public sealed record BackupRun
{
    public long Id { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    /// <summary><c>jadwal</c> (scheduled), <c>manual</c> (admin page), <c>cli</c>.</summary>
    public required string Reason { get; init; }
    /// <summary><c>ok</c> or <c>gagal</c>.</summary>
    public required string Status { get; init; }
    public string? Folder { get; init; }
    public string? FileName { get; init; }
    public long? SizeBytes { get; init; }
    public bool Encrypted { get; init; }
    public double Seconds { get; init; }
    /// <summary>Rows per table in the backup, as counted when it was verified.</summary>
    public IReadOnlyDictionary<string, long>? RowCounts { get; init; }
    public string? Error { get; init; }
}

/// <summary>What the admin page shows: where backups go, the last good one, whether it is too old, the files kept.</summary>
public sealed record BackupStatus(
    string Folder, string FolderSource, bool FolderInDataDir, bool Encrypted, bool Enabled, double IntervalHours,
    BackupRun? LastGood, BackupRun? LastFailed, bool Stale, string? Warning, IReadOnlyList<BackupFileInfo> Files);

public sealed record BackupFileInfo(string FileName, DateTimeOffset TakenAt, long SizeBytes, bool Encrypted);

/// <summary>
/// Takes verified backups of one SIMPUS database into the backup folder, records each attempt, and rotates old files.
/// Shared by the clinic and the district services (scheduler and admin page) and the <c>simpus backup</c> command.
/// </summary>
public sealed class BackupService(Database database, DatabaseProfile profile, BackupOptions options, string dataDir, TimeProvider clock)
{
    /// <summary>Settings key of the folder chosen on the admin page.</summary>
    public const string FolderSetting = "backup.folder";

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public DatabaseProfile Profile => profile;

    public BackupOptions Options => options;

    /// <summary>The folder in use and where it came from: <c>pengaturan</c> (admin page), <c>konfigurasi</c>, or <c>bawaan</c> (default).</summary>
    public (string Folder, string Source) ResolveFolder()
    {
        using var c = database.Open();
        var setting = c.ExecuteScalar<string?>("SELECT value FROM settings WHERE key = @FolderSetting", new { FolderSetting });
        if (!string.IsNullOrWhiteSpace(setting))
        {
            return (Path.GetFullPath(setting), "pengaturan");
        }
        if (!string.IsNullOrWhiteSpace(options.Folder))
        {
            return (Path.GetFullPath(options.Folder), "konfigurasi");
        }
        return (Path.GetFullPath(Path.Combine(dataDir, "backup")), "bawaan");
    }

    /// <summary>Sets (or clears, with null/empty) the folder from the admin page. The folder must exist or be creatable and writable.</summary>
    public void SetFolder(string? folder)
    {
        var value = Text.Clean(folder);
        if (value is not null)
        {
            var v = new Validation();
            if (value.Length > 500 || value.Any(char.IsControl))
            {
                v.Add("folder", "folder.invalid", "Folder cadangan paling panjang 500 karakter, tanpa karakter kendali.");
            }
            else if (!Path.IsPathFullyQualified(value))
            {
                v.Add("folder", "folder.notAbsolute", @"Tulis folder lengkap, contoh D:\cadangan-simpus atau /media/usb/simpus.");
            }
            else if (WritableProblem(value) is { } problem)
            {
                v.Add("folder", "folder.notWritable", problem);
            }
            v.ThrowIfAny();
        }
        database.InTransaction((c, t) =>
        {
            if (value is null)
            {
                c.Execute("DELETE FROM settings WHERE key = @FolderSetting", new { FolderSetting }, t);
            }
            else
            {
                c.Execute("INSERT INTO settings (key, value) VALUES (@FolderSetting, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    new { FolderSetting, value }, t);
            }
        });
    }

    /// <summary>Takes a backup now: snapshot, integrity check and row counts, optional encryption (verified by decrypting), rotation.</summary>
    public BackupRun TakeNow(string reason, string? folderOverride = null, string? passphraseOverride = null)
    {
        _oneAtATime.Wait();
        try
        {
            return Take(reason, folderOverride, passphraseOverride);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Takes a backup when the last good one is older than the interval (or there is none); null when not due.</summary>
    public BackupRun? TakeIfDue()
    {
        var last = LastGood();
        if (last is not null && clock.GetUtcNow() - last.FinishedAt < TimeSpan.FromHours(options.IntervalHours))
        {
            return null;
        }
        return TakeNow("jadwal");
    }

    public BackupStatus Status()
    {
        var (folder, source) = ResolveFolder();
        var lastGood = LastGood();
        var lastFailed = Runs("WHERE status = 'gagal' ORDER BY id DESC LIMIT 1").FirstOrDefault();
        var stale = lastGood is null || clock.GetUtcNow() - lastGood.FinishedAt > TimeSpan.FromDays(1);
        var inDataDir = IsInside(folder, Path.GetFullPath(dataDir));
        string? warning = null;
        if (lastGood is null)
        {
            warning = "Belum ada cadangan yang berhasil.";
        }
        else if (stale)
        {
            warning = "Cadangan terakhir yang berhasil sudah lebih dari sehari.";
        }
        if (lastFailed is not null && (lastGood is null || lastFailed.Id > lastGood.Id))
        {
            warning = (warning is null ? "" : warning + " ") + "Percobaan terakhir gagal: " + lastFailed.Error;
        }
        var files = BackupRotation.List(folder, profile)
            .Select(e => new BackupFileInfo(Path.GetFileName(e.Path), new DateTimeOffset(e.TakenAtUtc, TimeSpan.Zero), SafeLength(e.Path), e.Encrypted))
            .ToList();
        return new BackupStatus(folder, source, inDataDir, !string.IsNullOrEmpty(options.Passphrase), options.Enabled, options.IntervalHours,
            lastGood, lastFailed, stale, warning, files);
    }

    public BackupRun? LastGood() => Runs("WHERE status = 'ok' ORDER BY id DESC LIMIT 1").FirstOrDefault();

    public IReadOnlyList<BackupRun> Recent(int limit = 20) => Runs($"ORDER BY id DESC LIMIT {Math.Clamp(limit, 1, 200)}");

    private BackupRun Take(string reason, string? folderOverride, string? passphraseOverride)
    {
        var watch = Stopwatch.StartNew();
        var folder = folderOverride is not null ? Path.GetFullPath(folderOverride) : ResolveFolder().Folder;
        var passphrase = passphraseOverride ?? options.Passphrase;
        var encrypted = !string.IsNullOrEmpty(passphrase);
        var started = clock.GetUtcNow();
        var final = Path.Combine(folder, BackupRotation.FileName(profile, started.UtcDateTime, encrypted));
        for (var i = 0; i < 3 && File.Exists(final); i++)
        {
            // Names have one-second resolution: a second backup within the same second waits for the next one.
            Thread.Sleep(1000 - started.UtcDateTime.Millisecond);
            started = clock.GetUtcNow();
            final = Path.Combine(folder, BackupRotation.FileName(profile, started.UtcDateTime, encrypted));
        }
        var temp = Path.Combine(folder, $".{Path.GetFileName(final)}.{Environment.ProcessId}.tmp");
        var tempEnc = temp + ".enc";
        try
        {
            Directory.CreateDirectory(folder);
            if (File.Exists(final))
            {
                throw new IOException($"Berkas {Path.GetFileName(final)} sudah ada; coba lagi sebentar lagi.");
            }
            BackupFile.Snapshot(database, temp);
            var check = BackupFile.Check(temp, profile);
            if (encrypted)
            {
                var plainHash = Hash(temp, null);
                using (var input = File.OpenRead(temp))
                using (var output = new FileStream(tempEnc, FileMode.CreateNew, FileAccess.Write))
                {
                    BackupCrypto.Encrypt(input, output, passphrase!);
                    output.Flush(flushToDisk: true);
                }
                if (!Hash(tempEnc, passphrase).AsSpan().SequenceEqual(plainHash))
                {
                    throw new IOException("Cadangan terenkripsi tidak cocok dengan aslinya setelah dibaca ulang.");
                }
                File.Delete(temp);
                File.Move(tempEnc, final);
            }
            else
            {
                File.Move(temp, final);
            }
            var run = new BackupRun
            {
                StartedAt = started,
                FinishedAt = clock.GetUtcNow(),
                Reason = reason,
                Status = "ok",
                Folder = folder,
                FileName = Path.GetFileName(final),
                SizeBytes = new FileInfo(final).Length,
                Encrypted = encrypted,
                Seconds = watch.Elapsed.TotalSeconds,
                RowCounts = check.RowCounts,
            };
            run = Record(run);
            BackupRotation.Prune(folder, profile, options.KeepDaily, options.KeepWeekly, options.KeepMonthly);
            return run;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BackupRefusedException or Microsoft.Data.Sqlite.SqliteException or CryptographicException)
        {
            TryDelete(temp);
            TryDelete(tempEnc);
            var failed = Record(new BackupRun
            {
                StartedAt = started,
                FinishedAt = clock.GetUtcNow(),
                Reason = reason,
                Status = "gagal",
                Folder = folder,
                Encrypted = encrypted,
                Seconds = watch.Elapsed.TotalSeconds,
                Error = Truncate(e.Message, 1000),
            });
            throw new BackupFailedException(failed, e);
        }
    }

    /// <summary>SHA-256 of the plain database, read directly or through decryption.</summary>
    private static byte[] Hash(string path, string? passphrase)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var input = File.OpenRead(path);
        if (passphrase is null)
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }
        else
        {
            using var sink = new HashingStream(sha);
            BackupCrypto.Decrypt(input, sink, passphrase);
        }
        return sha.GetHashAndReset();
    }

    private BackupRun Record(BackupRun run)
    {
        try
        {
            var id = database.InTransaction((c, t) => c.ExecuteScalar<long>("""
                INSERT INTO backup_runs (started_at, finished_at, reason, status, folder, file_name, size_bytes, encrypted, seconds, row_counts, error)
                VALUES (@StartedAt, @FinishedAt, @Reason, @Status, @Folder, @FileName, @SizeBytes, @Encrypted, @Seconds, @counts, @Error)
                RETURNING id
                """, new
            {
                run.StartedAt, run.FinishedAt, run.Reason, run.Status, Folder = Truncate(run.Folder, 1000), run.FileName, run.SizeBytes,
                run.Encrypted, run.Seconds, counts = run.RowCounts is null ? null : JsonSerializer.Serialize(run.RowCounts), run.Error,
            }, t));
            return run with { Id = id };
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // The database may be older than the backup_runs table (a backup before migrating): the file is what matters.
            return run;
        }
    }

    private IReadOnlyList<BackupRun> Runs(string tail)
    {
        using var c = database.Open();
        return c.Query<RunRow>("""
            SELECT id, started_at AS StartedAt, finished_at AS FinishedAt, reason, status, folder, file_name AS FileName,
                   size_bytes AS SizeBytes, encrypted, seconds, row_counts AS RowCounts, error
            FROM backup_runs
            """ + " " + tail).Select(r => new BackupRun
        {
            Id = r.Id, StartedAt = r.StartedAt, FinishedAt = r.FinishedAt, Reason = r.Reason, Status = r.Status, Folder = r.Folder,
            FileName = r.FileName, SizeBytes = r.SizeBytes, Encrypted = r.Encrypted, Seconds = r.Seconds, Error = r.Error,
            RowCounts = r.RowCounts is null ? null : JsonSerializer.Deserialize<SortedDictionary<string, long>>(r.RowCounts),
        }).ToList();
    }

    private static string? WritableProblem(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".simpus-probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"Folder {folder} tidak dapat ditulisi: {e.Message}";
        }
    }

    private static bool IsInside(string folder, string parent)
    {
        var f = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        var p = Path.TrimEndingDirectorySeparator(parent) + Path.DirectorySeparatorChar;
        return f.StartsWith(p, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static long SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private sealed class RunRow
    {
        public long Id { get; init; }
        public DateTimeOffset StartedAt { get; init; }
        public DateTimeOffset FinishedAt { get; init; }
        public string Reason { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Folder { get; init; }
        public string? FileName { get; init; }
        public long? SizeBytes { get; init; }
        public bool Encrypted { get; init; }
        public double Seconds { get; init; }
        public string? RowCounts { get; init; }
        public string? Error { get; init; }
    }

    /// <summary>A write-only stream that feeds a hash (to verify an encrypted file without writing the plaintext again).</summary>
    private sealed class HashingStream(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);
    }
}

/// <summary>A backup attempt failed; the failure is recorded (and shown on the admin page).</summary>
public sealed class BackupFailedException(BackupRun run, Exception inner) : Exception("Cadangan gagal: " + inner.Message, inner)
{
    public BackupRun Run { get; } = run;
}
