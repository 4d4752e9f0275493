using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Simpus.District.Hosting;
using Simpus.District.Tests.Exchange;
using Simpus.District.Tests.Infrastructure;
using Simpus.Exchange;

namespace Simpus.District.Tests.Packages;

/// <summary>
/// The anonymous package endpoint's caps (issue 14.4): body size, values and drugs counted while the body streams in, 413
/// problem+json and nothing stored; revisions that follow the current one. One district with small caps (1 MB, 3,000 values and
/// LB1 codes, 100 drugs) so a package at the caps is quick to make; the defaults are sized in the README and measured by the
/// benchmark <c>district-worst</c>.
/// </summary>
public sealed class PackageLimitsTests : IAsyncLifetime
{
    private const int MaxBytes = 1024 * 1024;
    private const int MaxValues = 3_000;
    private const int MaxDrugs = 100;

    private DistrictServer _district = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _district = await DistrictServer.StartAsync(null, 0,
            string.Create(CultureInfo.InvariantCulture, $"--Simpus:District:MaxPackageBytes={MaxBytes}"),
            string.Create(CultureInfo.InvariantCulture, $"--Simpus:District:MaxPackageValues={MaxValues}"),
            string.Create(CultureInfo.InvariantCulture, $"--Simpus:District:MaxPackageDrugs={MaxDrugs}"),
            string.Create(CultureInfo.InvariantCulture, $"--Simpus:District:MaxPackageLb1Codes={MaxValues}"));
        _key = await _district.RegisterAsync("P001", "Puskesmas Satu");
    }

    public async Task DisposeAsync() => await _district.DisposeAsync();

    private int Step => _district.Services.GetRequiredService<IOptions<DistrictOptions>>().Value.MaxRevisionStep;

    [Fact]
    public async Task A_body_declared_over_the_cap_is_refused_413_before_it_is_read()
    {
        using var content = new ByteArrayContent(new byte[MaxBytes + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _district.Anonymous().PostAsync("/api/packages", content);

        await ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "package.tooLarge");
        Assert.Equal(0, Count("packages"));
    }

    [Fact]
    public async Task A_streamed_body_over_the_cap_is_refused_413_and_nothing_is_stored()
    {
        // No Content-Length (chunked): well-formed JSON that never ends, so only the byte cap can stop it.
        var head = Encoding.UTF8.GetBytes("{\"format\":\"simpus.monthly-package\",\"padding\":\"");
        using var content = new GeneratedContent(head, (byte)'a', total: 3L * MaxBytes);

        var response = await _district.Anonymous().PostAsync("/api/packages", content);

        await ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "package.tooLarge");
        Assert.Equal(0, Count("packages"));
    }

    [Fact]
    public async Task A_garbage_body_is_refused_400_and_nothing_is_stored()
    {
        var random = new Random(14);
        var garbage = new byte[MaxBytes / 2];
        random.NextBytes(garbage);
        garbage[0] = 0xFF;
        using var content = new ByteArrayContent(garbage);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _district.Anonymous().PostAsync("/api/packages", content);

        await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "package.json");
        Assert.Equal(0, Count("packages"));
    }

    [Fact]
    public async Task Too_many_values_are_refused_413_and_nothing_is_stored()
    {
        var file = TestPackages.File(PackageStreamTests.Big("P001", MaxValues + 1), _key);
        Assert.True(file.Length < MaxBytes, "the package must be under the byte cap so the value cap is what refuses it");

        var response = await _district.Anonymous().PostPackageAsync(file);

        await ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "package.tooManyValues");
        Assert.Equal(0, Count("packages"));
        Assert.Equal(0, Count("package_values"));
    }

    [Fact]
    public async Task Too_many_drugs_are_refused_413()
    {
        var package = PackageStreamTests.Big("P001", 10) with
        {
            Drugs = Enumerable.Range(1, MaxDrugs + 1).Select(i => new PackageDrug($"OB{i:0000}", "Obat " + i, "tablet", null)).ToList(),
        };

        var response = await _district.Anonymous().PostPackageAsync(TestPackages.File(package, _key));

        await ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "package.tooManyDrugs");
        Assert.Equal(0, Count("packages"));
    }

    [Fact]
    public async Task A_valid_package_at_the_caps_is_accepted_whole()
    {
        var package = PackageStreamTests.Big("P001", MaxValues) with
        {
            Drugs = Enumerable.Range(1, MaxDrugs).Select(i => new PackageDrug($"OB{i:0000}", "Obat " + i, "tablet", null)).ToList(),
        };
        var file = TestPackages.File(package, _key);

        var response = await _district.Anonymous().PostPackageAsync(file);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(MaxValues, Count("package_values"));
        Assert.Equal(MaxDrugs, Count("package_drugs"));
    }

    [Fact]
    public async Task Revisions_must_follow_the_current_one_within_the_step()
    {
        var client = _district.Anonymous();
        var period = TestPackages.LastMonth;
        async Task<HttpResponseMessage> Send(int revision, decimal visits) =>
            await client.PostPackageAsync(TestPackages.File(TestPackages.Package("P001", period, revision, visits), _key));

        var maxInt = await Send(int.MaxValue, 120);
        var firstTooHigh = await Send(Step + 1, 120);
        var first = await Send(Step, 120);
        var jump = await Send(2 * Step + 1, 130);
        var next = await Send(2 * Step, 130);
        var maxIntAfter = await Send(int.MaxValue, 140);
        var older = await Send(3, 125);

        await ExpectProblemAsync(maxInt, HttpStatusCode.Conflict, "package.revisionTooHigh");
        await ExpectProblemAsync(firstTooHigh, HttpStatusCode.Conflict, "package.revisionTooHigh");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await ExpectProblemAsync(jump, HttpStatusCode.Conflict, "package.revisionTooHigh");
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        await ExpectProblemAsync(maxIntAfter, HttpStatusCode.Conflict, "package.revisionTooHigh");
        Assert.Equal("olderRevision", (await older.JsonAsync()).GetProperty("status").GetString());
        using var c = _district.Database.Open();
        Assert.Equal([3, Step, 2 * Step], c.Query<int>("SELECT revision FROM packages ORDER BY revision").ToList());
        Assert.Equal(2 * Step, c.ExecuteScalar<int>("SELECT revision FROM packages WHERE is_current = 1"));
    }

    [Fact]
    public async Task Files_uploaded_on_the_district_page_follow_the_same_caps_and_revision_rule()
    {
        var admin = await _district.AdminAsync();
        var tooMany = TestPackages.File(PackageStreamTests.Big("P001", MaxValues + 1), _key);
        var maxInt = TestPackages.File(TestPackages.Package("P001", TestPackages.LastMonth, int.MaxValue), _key);
        var good = TestPackages.File(TestPackages.Package("P001", TestPackages.LastMonth, 1), _key);
        using var form = new MultipartFormDataContent();
        foreach (var (bytes, name) in new[] { (tooMany, "banyak.json"), (maxInt, "revisi.json"), (good, "baik.json") })
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(part, "file", name);
        }

        var response = await admin.PostAsync("/api/packages/upload", form);
        var results = (await response.JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("package.tooManyValues", results[0].GetProperty("code").GetString());
        Assert.Equal("package.revisionTooHigh", results[1].GetProperty("code").GetString());
        Assert.Equal("accepted", results[2].GetProperty("status").GetString());
        Assert.Equal(1, Count("packages"));
    }

    private long Count(string table)
    {
        using var c = _district.Database.Open();
        return c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
    }

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    /// <summary>A request body of <paramref name="total"/> bytes made while it is sent (chunked, no Content-Length).</summary>
    private sealed class GeneratedContent(byte[] head, byte fill, long total) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(head);
            var chunk = Enumerable.Repeat(fill, 64 * 1024).ToArray();
            for (var sent = (long)head.Length; sent < total; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
