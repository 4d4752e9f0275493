using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Cli;
using Simpus.Cli.Commands;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Backups;

/// <summary>
/// Backups of the running clinic service: taken while the desk keeps registering patients, verified, restored with
/// <c>simpus restore</c>; corrupt, foreign and wrongly encrypted files refused; the admin API and the scheduler.
/// </summary>
public sealed class BackupTests : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _admin = null!;
    private readonly List<string> _folders = [];

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _admin = await _server.AdminAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folders.ForEach(TestFolders.TryDelete);
    }

    private string Folder(string purpose)
    {
        var f = TestFolders.New(purpose);
        _folders.Add(f);
        return f;
    }

    private static (int Code, string Out, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLine.Run(args, new CliConsole(output, error));
        return (code, output.ToString(), error.ToString());
    }

    private static Dictionary<string, object?> NewPatient(int i) =>
        PatientBuilder.Valid($"Pasien Cadangan {Letters(i)}", i % 2 == 0 ? "L" : "P", $"19{50 + (i % 50):00}-0{1 + (i % 9)}-1{i % 10}")
            .With("nik", null).With("bpjsNumber", null);

    /// <summary>A number written in letters (a, b, ..., z, ba, bb, ...): names take no digits.</summary>
    private static string Letters(int i)
    {
        var s = "";
        do
        {
            s = (char)('a' + (i % 26)) + s;
            i /= 26;
        }
        while (i > 0);
        return s;
    }

    [Fact]
    public async Task A_backup_taken_during_sustained_writes_completes_and_restores_every_acknowledged_patient()
    {
        var desk = await _server.ClientAsAsync("pendaftaran");
        var acknowledged = new ConcurrentQueue<(string Rm, long At)>();
        using var stop = new CancellationTokenSource();
        var serial = 0;
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await desk.PostAsJsonAsync("/api/patients", NewPatient(Interlocked.Increment(ref serial)));
                response.EnsureSuccessStatusCode();
                var rm = (await response.JsonAsync()).Rm();
                acknowledged.Enqueue((rm, System.Diagnostics.Stopwatch.GetTimestamp()));
            }
        })).ToList();
        async Task WaitForAcknowledged(int count)
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (acknowledged.Count < count)
            {
                if (writers.FirstOrDefault(w => w.IsFaulted) is { } failed)
                {
                    await failed; // surfaces the writer's error
                }
                Assert.True(DateTime.UtcNow < deadline, $"only {acknowledged.Count} of {count} registrations in 2 minutes");
                await Task.Delay(50);
            }
        }
        await WaitForAcknowledged(60);

        var backupFolder = Folder("backups");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var backup = await Task.Run(() => Cli("backup", "--data", _server.DataDir, "--to", backupFolder)).WaitAsync(TimeSpan.FromMinutes(3));
        await WaitForAcknowledged(acknowledged.Count + 20); // the desk keeps working after the backup as well
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(backup.Code == ExitCodes.Ok, backup.Error);
        var file = Assert.Single(Directory.GetFiles(backupFolder, "simpus-*Z.db"));
        var restoredDir = Folder("restored");
        var restore = Cli("restore", "--from", file, "--data", restoredDir);
        Assert.True(restore.Code == ExitCodes.Ok, restore.Error);
        using var c = new SqliteConnection($"Data Source={Path.Combine(restoredDir, "simpus.db")};Pooling=False");
        var restoredRms = c.Query<string>("SELECT rm FROM patients").ToHashSet();
        var before = acknowledged.Where(a => a.At < started).Select(a => a.Rm).ToList();
        Assert.True(before.Count >= 60);
        Assert.All(before, rm => Assert.Contains(rm, restoredRms));
        Assert.Equal("ok", c.ExecuteScalar<string>("PRAGMA integrity_check"));
        Assert.True(acknowledged.Count > restoredRms.Count, "writes went on during and after the backup");

        var overview = await _admin.GetFromJsonAsync<JsonElement>("/api/backups");
        var lastGood = overview.GetProperty("status").GetProperty("lastGood");
        Assert.Equal(Path.GetFileName(file), lastGood.GetProperty("fileName").GetString());
        Assert.Equal("cli", lastGood.GetProperty("reason").GetString());
        Assert.Equal(restoredRms.Count, lastGood.GetProperty("rowCounts").GetProperty("patients").GetInt64());
    }

    [Fact]
    public async Task Restore_refuses_a_corrupt_or_foreign_file_and_changes_nothing()
    {
        var taken = await _admin.PostAsync("/api/backups", null);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var run = await taken.JsonAsync();
        var file = Path.Combine(run.GetProperty("folder").GetString()!, run.GetProperty("fileName").GetString()!);
        var target = Folder("target");
        File.Copy(file, Path.Combine(target, "simpus.db"));
        var targetHash = Hash(Path.Combine(target, "simpus.db"));

        var corrupt = Path.Combine(Folder("corrupt"), "simpus-corrupt.db");
        var bytes = File.ReadAllBytes(file);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 8192 && i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 31);
        }
        File.WriteAllBytes(corrupt, bytes);
        var foreign = Path.Combine(Folder("foreign"), "other.db");
        using (var other = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            other.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('bukan simpus');");
        }
        var text = Path.Combine(Folder("text"), "catatan.db");
        File.WriteAllText(text, "ini bukan basis data");

        foreach (var bad in new[] { corrupt, foreign, text })
        {
            var result = Cli("restore", "--from", bad, "--data", target);
            Assert.Equal(ExitCodes.Refused, result.Code);
            Assert.Contains("Ditolak", result.Error, StringComparison.Ordinal);
        }
        Assert.Equal(targetHash, Hash(Path.Combine(target, "simpus.db")));
        Assert.Equal("simpus.db", Path.GetFileName(Assert.Single(Directory.GetFiles(target))));
    }

    [Fact]
    public async Task An_encrypted_backup_restores_only_with_its_passphrase_and_keeps_the_replaced_database_aside()
    {
        await (await _server.ClientAsAsync("pendaftaran")).RegisterPatientAsync(NewPatient(1));
        var folder = Folder("enc");
        var backup = Cli("backup", "--data", _server.DataDir, "--to", folder, "--passphrase", "kunci-cadangan-7");
        Assert.True(backup.Code == ExitCodes.Ok, backup.Error);
        var file = Assert.Single(Directory.GetFiles(folder, "simpus-*Z.db.enc"));
        Assert.Equal("SIMPUSBK"u8.ToArray(), File.ReadAllBytes(file)[..8]);

        var target = Folder("target");
        File.WriteAllText(Path.Combine(target, "simpus.db"), "basis data lama yang rusak");
        Assert.Equal(ExitCodes.Refused, Cli("restore", "--from", file, "--data", target).Code);
        var wrong = Cli("restore", "--from", file, "--data", target, "--passphrase", "kunci-salah-99");
        Assert.Equal(ExitCodes.Refused, wrong.Code);
        Assert.Contains("Kata sandi cadangan salah", wrong.Error, StringComparison.Ordinal);
        Assert.Equal("basis data lama yang rusak", File.ReadAllText(Path.Combine(target, "simpus.db")));

        var ok = Cli("restore", "--from", file, "--data", target, "--passphrase", "kunci-cadangan-7");

        Assert.True(ok.Code == ExitCodes.Ok, ok.Error);
        var aside = Assert.Single(Directory.GetFiles(target, "simpus.db.before-restore-*"));
        Assert.Equal("basis data lama yang rusak", File.ReadAllText(aside));
        using var c = new SqliteConnection($"Data Source={Path.Combine(target, "simpus.db")};Pooling=False");
        Assert.Equal(1L, c.ExecuteScalar<long>("SELECT COUNT(*) FROM patients WHERE name = 'Pasien Cadangan b'"));
    }

    [Fact]
    public async Task Restore_refuses_the_database_of_a_running_service()
    {
        var folder = Folder("live");
        Assert.Equal(ExitCodes.Ok, Cli("backup", "--data", _server.DataDir, "--to", folder).Code);
        await _admin.GetAsync("/api/backups"); // the service holds its connections open

        var result = Cli("restore", "--from", Directory.GetFiles(folder).Single(), "--data", _server.DataDir);

        Assert.Equal(ExitCodes.Refused, result.Code);
        Assert.Contains("layanan SIMPUS masih berjalan", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_server.DataDir, "simpus.db.before-restore-*"));
    }

    [Fact]
    public async Task The_admin_sets_the_folder_sees_the_last_good_backup_and_a_warning_when_there_is_none()
    {
        var before = await _admin.GetFromJsonAsync<JsonElement>("/api/backups");
        var relative = await _admin.PutAsJsonAsync("/api/backups/settings", new { folder = "cadangan" });
        var desk = await _server.ClientAsAsync("pendaftaran");
        var forbidden = await desk.GetAsync("/api/backups");
        var folder = Folder("chosen");
        var set = await _admin.PutAsJsonAsync("/api/backups/settings", new { folder });
        var taken = await _admin.PostAsync("/api/backups", null);
        var after = await _admin.GetFromJsonAsync<JsonElement>("/api/backups");

        Assert.True(before.GetProperty("status").GetProperty("stale").GetBoolean());
        Assert.Equal("Belum ada cadangan yang berhasil.", before.GetProperty("status").GetProperty("warning").GetString());
        Assert.True(before.GetProperty("status").GetProperty("folderInDataDir").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, relative.StatusCode);
        Assert.Contains("folder.notAbsolute", await relative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var status = after.GetProperty("status");
        Assert.Equal(folder, status.GetProperty("folder").GetString());
        Assert.Equal("pengaturan", status.GetProperty("folderSource").GetString());
        Assert.False(status.GetProperty("stale").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("warning").ValueKind);
        Assert.Equal("manual", status.GetProperty("lastGood").GetProperty("reason").GetString());
        Assert.Single(status.GetProperty("files").EnumerateArray());
        Assert.Single(Directory.GetFiles(folder, "simpus-*Z.db"));
    }

    [Fact]
    public async Task The_scheduler_takes_a_backup_by_itself()
    {
        var folder = Folder("scheduled");
        await using var server = await ClinicServer.StartAsync($"--Simpus:Backup:Folder={folder}", "--Simpus:Backup:CheckSeconds=0.3");
        var admin = await server.AdminAsync();

        JsonElement lastGood = default;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && lastGood.ValueKind != JsonValueKind.Object)
        {
            await Task.Delay(200);
            lastGood = (await admin.GetFromJsonAsync<JsonElement>("/api/backups")).GetProperty("status").GetProperty("lastGood");
        }

        Assert.Equal(JsonValueKind.Object, lastGood.ValueKind);
        Assert.Equal("jadwal", lastGood.GetProperty("reason").GetString());
        await Task.Delay(1000); // further looks find it fresh: one backup per interval
        Assert.Single(Directory.GetFiles(folder, "simpus-*Z.db"));
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
