using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Simpus.Clinic.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Simpus.Clinic.Tests.Hosting;

/// <summary>
/// The clinic as installed on a PC: <c>dotnet publish</c> with the repository's profile (self-contained, single file; ReadyToRun
/// is left out here to keep CI short and measured by hand, see the README), the executable started on 127.0.0.1 with a fresh
/// data folder, <c>/health</c>, an embedded page and asset served, rotating log files in the data folder with no patient's
/// name or NIK in them.
/// </summary>
public sealed class PublishedBuildTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = TestFolders.New("published");

    public void Dispose() => TestFolders.TryDelete(_folder);

    [Fact]
    public async Task The_published_single_file_clinic_starts_serves_and_logs_to_its_data_folder()
    {
        var rid = OperatingSystem.IsWindows() ? "win-x64" : "linux-x64";
        var outDir = Path.Combine(_folder, "out");
        var publish = Run("dotnet", Path.Combine(RepositoryRoot(), "src", "Simpus.Clinic"), TimeSpan.FromMinutes(20),
            "publish", ".", $"-p:PublishProfile={rid}", "-p:PublishReadyToRun=false", "--artifacts-path", Path.Combine(_folder, "artifacts"), "-o", outDir);
        Assert.True(publish.ExitCode == 0, publish.Output);
        var exe = Path.Combine(outDir, OperatingSystem.IsWindows() ? "Simpus.Clinic.exe" : "Simpus.Clinic");
        Assert.True(File.Exists(exe), publish.Output);
        Assert.Empty(Directory.GetFiles(outDir, "*.dll")); // one executable, not a folder of assemblies

        var dataDir = Path.Combine(_folder, "data");
        var port = FreePort();
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (var a in new[] { $"--urls=http://127.0.0.1:{port}", $"--Simpus:DataDir={dataDir}", "--Simpus:AdminPassword=admin-publish-1" })
        {
            start.ArgumentList.Add(a);
        }
        var watch = Stopwatch.StartNew();
        using var service = Process.Start(start)!;
        service.OutputDataReceived += (_, _) => { };
        service.ErrorDataReceived += (_, _) => { };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(30),
            };
            HttpStatusCode? health = null;
            while (health != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromMinutes(2) && !service.HasExited)
            {
                try
                {
                    health = (await http.GetAsync("/health")).StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }
            Assert.Equal(HttpStatusCode.OK, health);
            output.WriteLine($"Published clinic answered /health {watch.ElapsedMilliseconds} ms after start");

            var login = await http.GetAsync("/login");
            var css = await http.GetAsync("/assets/simpus.css");
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Contains("<html", await login.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            (await http.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "admin-publish-1" })).EnsureSuccessStatusCode();
            var patient = PatientBuilder.Valid("Rahmawati Kusumaningrum", "P", "1979-08-17");
            await http.RegisterPatientAsync(patient);
            var duplicate = await http.PostAsJsonAsync("/api/patients", PatientBuilder.Valid("Rahmawati Kusumaningrum", "P", "1979-08-17").With("nik", patient["nik"]));
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
            (await http.GetAsync("/api/patients?q=rahmawati%20kusumaningrum")).EnsureSuccessStatusCode();
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }

        var logs = Directory.GetFiles(Path.Combine(dataDir, "logs"), "simpus-*.log");
        var text = string.Join("\n", logs.Select(File.ReadAllText));
        Assert.Contains("Clinic database", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Rahmawati", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Kusumaningrum", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("337304", text, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Run(string file, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        // The test host runs under `dotnet test`; its MSBuild settings must not leak into this separate build.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k == "MSBuildExtensionsPath" || k == "MSBuildSDKsPath").ToList())
        {
            info.Environment.Remove(key);
        }
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + stdout.Result + stderr.Result);
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simpus.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Simpus.sln not found");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
