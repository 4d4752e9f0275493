using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Simpus.District.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Simpus.District.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing of both services through their own OpenAPI documents: every operation, as every role and
/// anonymous, gets generated and malformed values. Any 5xx fails; so does a status the operation does not declare,
/// and a success answer that does not match its declared schema.
/// </summary>
public sealed class OpenApiFuzzTests(ITestOutputHelper output)
{
    private const string Password = "Fuzz-sandi-2026!";

    /// <summary>Samples per operation and role; SIMPUS_FUZZ_ITER raises it for a long run by hand.</summary>
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("SIMPUS_FUZZ_ITER"), out var n) ? n : 12;

    [Fact]
    public async Task Clinic_operations_never_answer_5xx_and_answer_only_what_they_declare()
    {
        await using var clinic = await ClinicServer.StartAsync();
        var admin = await clinic.ConfigureAsync("P3373010101", "Puskesmas Fuzz", "http://127.0.0.1:9", new string('a', 64));
        await clinic.AddVisitsAsync(admin, 3);
        clinic.AddDiagnoses();

        var clients = new List<(string Role, HttpClient Client, string? User)> { ("anonim", clinic.Anonymous(), null), ("admin", admin, "admin") };
        foreach (var role in Simpus.Clinic.Hosting.Policies.Roles.Where(r => r != "admin"))
        {
            clients.Add((role, await UserAsync(clinic, admin, "fz-" + role, role, role == "klinisi" ? "umum" : null), "fz-" + role));
        }
        await UserAsync(clinic, admin, "korban", "pendaftaran", null);

        var patients = await admin.GetFromJsonAsync<JsonElement>("/api/patients?q=a");
        var visits = await admin.GetFromJsonAsync<JsonElement>("/api/visits");
        var known = new Dictionary<string, string[]>
        {
            ["rm"] = Values(patients, "rm"),
            ["familyRm"] = Values(patients, "rm"),
            ["id"] = [.. Values(visits, "id"), "1"],
            ["visitId"] = Values(visits, "id"),
            ["username"] = ["korban", "tidakada"],
            ["code"] = ["J06.9", "A09", "Z00.0"],
            ["poli"] = ["umum", "gigi", "kia"],
            ["payer"] = ["umum", "bpjs-pbi"],
            ["role"] = ["pendaftaran", "klinisi", "kepala"],
            ["sex"] = ["L", "P"],
            ["month"] = ["2026-11", "2026-10"],
            ["date"] = ["2026-11-02", "2026-03-20"],
        };
        await FuzzAsync(clinic, admin, clients, known);
    }

    [Fact]
    public async Task District_operations_never_answer_5xx_and_answer_only_what_they_declare()
    {
        await using var district = await DistrictServer.StartAsync();
        await district.RegisterAsync("P3373010101", "Puskesmas Fuzz");
        var admin = await district.AdminAsync();
        var clients = new List<(string Role, HttpClient Client, string? User)> { ("anonim", district.Anonymous(), null), ("admin", admin, "admin") };
        foreach (var role in Simpus.District.Hosting.DistrictPolicies.Roles.Where(r => r != "admin"))
        {
            clients.Add((role, await UserAsync(district, admin, "fz-" + role, role, null), "fz-" + role));
        }
        var known = new Dictionary<string, string[]>
        {
            ["code"] = ["P3373010101", "P0000000000"],
            ["puskesmas"] = ["P3373010101"],
            ["username"] = ["tidakada"],
            ["period"] = ["202611", "2026-11"],
            ["month"] = ["2026-11", "2026-10"],
            ["year"] = ["2026"],
        };
        await FuzzAsync(district, admin, clients, known);
    }

    private async Task FuzzAsync(RealServer server, HttpClient admin, List<(string Role, HttpClient Client, string? User)> clients, Dictionary<string, string[]> known)
    {
        var document = OpenApiDocument.Parse(await admin.GetStringAsync("/openapi/v1.json"));
        var generator = new RequestGenerator(document, known);
        var failures = new List<string>();
        var sent = 0;
        // Logout is left out (it would only end the fuzzer's own sessions); login goes last, because failed logins slow
        // down further logins and the fuzzer logs in again whenever an operation ended its session.
        foreach (var op in document.Operations.Where(o => o.Path != "/api/auth/logout").OrderBy(o => o.Path == "/api/auth/login"))
        {
            var gen = generator.For(op);
            foreach (var (role, initial, user) in clients)
            {
                var client = initial;
                try
                {
                    await gen.SampleAsync(async request =>
                    {
                        sent++;
                        var (status, contentType, body) = await SendAsync(client, request);
                        if (status == HttpStatusCode.Unauthorized && user is not null && op.Path != "/api/auth/login")
                        {
                            client = await LoginAsync(server, user);   // the operation may have ended this session
                        }
                        var problem = Judge(document, op, (int)status, contentType, body);
                        if (problem is not null)
                        {
                            throw new FuzzFailure($"{problem}\n    as {role}: {request}\n    answered {(int)status} {contentType}: {Shorten(body)}");
                        }
                    }, iter: Iterations, threads: 1, seed: null);
                }
                catch (Exception e)
                {
                    failures.Add($"{op} as {role}: {(e.InnerException ?? e).Message}\n    {FirstLines(e.Message)}");
                }
            }
        }
        output.WriteLine($"{document.Operations.Count} operations, {clients.Count} roles, {sent} requests, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>What is wrong with an answer, or null when it is acceptable.</summary>
    private static string? Judge(OpenApiDocument document, ApiOperation op, int status, string? contentType, string body)
    {
        if (status >= 500)
        {
            return $"server error {status}";
        }
        if (!op.Declares(status))
        {
            return $"status {status} is not declared (declared: {string.Join(", ", op.Responses.Keys)})";
        }
        if (status is >= 200 and < 300 && contentType is not null && contentType.Contains("json", StringComparison.Ordinal)
            && op.ResponseSchema(status) is { } schema && body.Length > 0)
        {
            using var json = JsonDocument.Parse(body);
            var problems = document.Check(json.RootElement, schema);
            if (problems.Count > 0)
            {
                return "answer does not match its declared schema: " + string.Join("; ", problems.Take(5));
            }
        }
        if (status is >= 400 and < 500 && status != 404 && status != 405 && !(contentType ?? "").Contains("problem+json", StringComparison.Ordinal))
        {
            return $"error {status} is not application/problem+json";
        }
        return null;
    }

    private static async Task<(HttpStatusCode, string?, string)> SendAsync(HttpClient client, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            // A body over the server's limit is refused before it is read: ask first, or the refusal cuts the upload.
            message.Headers.ExpectContinue = request.Body.Length > 64 * 1024;
            if (request.ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }
        }
        using var response = await client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    private static async Task<HttpClient> UserAsync(RealServer server, HttpClient admin, string username, string role, string? poli)
    {
        var created = await admin.PostAsJsonAsync("/api/users", new { username, fullName = "Uji " + role, password = Password, role, poli });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return await LoginAsync(server, username);
    }

    private static async Task<HttpClient> LoginAsync(RealServer server, string username)
    {
        var client = server.Anonymous();
        var password = username == "admin" ? RealServer.AdminPassword : Password;
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
        Assert.True(response.IsSuccessStatusCode, $"login {username}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    private static string[] Values(JsonElement list, string property) =>
        list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.TryGetProperty(property, out _)).Select(e => e.GetProperty(property).ToString()).Take(3).ToArray()
            : [];

    private static string Shorten(string s) => s.Length > 400 ? s[..400] + "…" : s;

    private static string FirstLines(string s) => string.Join("\n", s.Split('\n').Take(8));

    private sealed class FuzzFailure(string message) : Exception(message);
}
