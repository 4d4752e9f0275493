using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Simpus.Core.Net;

namespace Simpus.SatuSehat.Api;

/// <summary>An HTTP answer of SATUSEHAT: status, body and, for errors, the OperationOutcome's text.</summary>
public sealed record FhirAnswer(HttpStatusCode Status, string Body)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    /// <summary>Worth retrying later: throttled, server trouble, or the platform down.</summary>
    public bool Transient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)Status >= 500;

    /// <summary>The issues of an OperationOutcome body (severity, code, text), or the body itself, shortened.</summary>
    public string Message => SatuSehatClient.OutcomeText(Body) ?? $"HTTP {(int)Status}" + (Body.Length > 0 ? ": " + Shorten(Body, 300) : "");

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}

/// <summary>SATUSEHAT could not be reached or did not answer in time.</summary>
public sealed class SatuSehatUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The token endpoint refused the client id/secret (or answered without a token).</summary>
public sealed class SatuSehatAuthException(string message) : Exception(message);

/// <summary>
/// Talks to SATUSEHAT: OAuth2 client credentials (<c>POST {AuthUrl}/accesstoken?grant_type=client_credentials</c>, form
/// <c>client_id</c>, <c>client_secret</c>), the token kept until shortly before <c>expires_in</c> and renewed once when a request
/// answers 401; FHIR reads, searches, creates and transactions under <c>{BaseUrl}</c>. Tokens and secrets are never logged.
/// </summary>
public sealed partial class SatuSehatClient : IDisposable
{
    public static readonly JsonSerializerOptions FhirJson = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private readonly HttpClient _http;
    private readonly IOptions<SatuSehatOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SatuSehatClient> _logger;
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private CachedToken? _token;

    public SatuSehatClient(IOptions<SatuSehatOptions> options, TimeProvider clock, ILogger<SatuSehatClient> logger)
    {
        _options = options;
        _clock = clock;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 8 })
        {
            Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
        };
    }

    /// <summary>How many tokens were fetched (for tests and the admin page).</summary>
    public int TokensFetched { get; private set; }

    private sealed record CachedToken(string Key, string Value, DateTimeOffset RenewAt);

    /// <summary>
    /// A valid access token: the cached one unless it is near its expiry or is <paramref name="rejected"/> (SATUSEHAT answered 401
    /// to it), otherwise a new one. Concurrent callers share one fetch.
    /// </summary>
    public async Task<string> TokenAsync(Connection c, string? rejected, CancellationToken cancel)
    {
        var key = c.AuthUrl + "\n" + c.ClientId + "\n" + c.ClientSecret!.GetHashCode(StringComparison.Ordinal);
        bool Usable(CachedToken? t) => t is not null && t.Key == key && t.Value != rejected && _clock.GetUtcNow() < t.RenewAt;
        if (_token is { } quick && Usable(quick))
        {
            return quick.Value;
        }
        await _tokenGate.WaitAsync(cancel);
        try
        {
            if (_token is { } cached && Usable(cached))
            {
                return cached.Value;
            }
            using var form = new FormUrlEncodedContent([new("client_id", c.ClientId!), new("client_secret", c.ClientSecret!)]);
            HttpResponseMessage response;
            try
            {
                response = await _http.PostAsync(c.AuthUrl!.TrimEnd('/') + "/accesstoken?grant_type=client_credentials", form, cancel);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
            {
                throw new SatuSehatUnreachableException(NetworkFailure.Describe("Server token SATUSEHAT", e, c.AuthUrl), e);
            }
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancel);
                if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    throw new SatuSehatUnreachableException($"Server token SATUSEHAT menjawab HTTP {(int)response.StatusCode}.");
                }
                if (!response.IsSuccessStatusCode || TokenOf(body) is not { } token)
                {
                    LogTokenRefused(_logger, (int)response.StatusCode);
                    throw new SatuSehatAuthException($"SATUSEHAT menolak client ID/secret (HTTP {(int)response.StatusCode}). Periksa pengaturan koneksi.");
                }
                var lifetime = TimeSpan.FromSeconds(Math.Max(1, token.ExpiresIn - _options.Value.TokenMarginSeconds));
                if (token.ExpiresIn <= _options.Value.TokenMarginSeconds)
                {
                    lifetime = TimeSpan.FromSeconds(Math.Max(1, token.ExpiresIn / 2.0));
                }
                _token = new CachedToken(key, token.AccessToken, _clock.GetUtcNow() + lifetime);
                TokensFetched++;
                LogTokenFetched(_logger, token.ExpiresIn);
                return token.AccessToken;
            }
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    /// <summary>Forgets the cached token (the settings changed).</summary>
    public void Forget() => _token = null;

    /// <summary>A request under {BaseUrl} with the bearer token; on 401 the token is renewed and the request repeated once.</summary>
    public async Task<FhirAnswer> SendAsync(Connection c, HttpMethod method, string relative, string? json, CancellationToken cancel)
    {
        var token = await TokenAsync(c, rejected: null, cancel);
        var answer = await SendOnceAsync(c, method, relative, json, token, cancel);
        if (answer.Status == HttpStatusCode.Unauthorized)
        {
            LogTokenRejected(_logger);
            token = await TokenAsync(c, rejected: token, cancel);
            answer = await SendOnceAsync(c, method, relative, json, token, cancel);
        }
        return answer;
    }

    private async Task<FhirAnswer> SendOnceAsync(Connection c, HttpMethod method, string relative, string? json, string token, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(method, c.Base + "/" + relative.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        try
        {
            using var response = await _http.SendAsync(request, cancel);
            return new FhirAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(cancel));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancel.IsCancellationRequested)
        {
            throw new SatuSehatUnreachableException(NetworkFailure.Describe("SATUSEHAT", e, c.Base), e);
        }
    }

    /// <summary>Ids of the resources a search answered (Bundle searchset), in order.</summary>
    public async Task<IReadOnlyList<JsonElement>> SearchAsync(Connection c, string type, string query, CancellationToken cancel)
    {
        var answer = await SendAsync(c, HttpMethod.Get, $"{type}?{query}", null, cancel);
        if (!answer.Ok)
        {
            throw new SatuSehatRequestException(answer);
        }
        using var doc = JsonDocument.Parse(answer.Body);
        var list = new List<JsonElement>();
        if (doc.RootElement.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in entries.EnumerateArray())
            {
                if (e.TryGetProperty("resource", out var r))
                {
                    list.Add(r.Clone());
                }
            }
        }
        return list;
    }

    /// <summary>Creates a resource; answers the id SATUSEHAT gave it.</summary>
    public async Task<string> CreateAsync(Connection c, Resource resource, CancellationToken cancel)
    {
        var answer = await SendAsync(c, HttpMethod.Post, resource.TypeName, JsonSerializer.Serialize(resource, resource.GetType(), FhirJson), cancel);
        if (!answer.Ok)
        {
            throw new SatuSehatRequestException(answer);
        }
        using var doc = JsonDocument.Parse(answer.Body);
        return doc.RootElement.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } s
            ? s
            : throw new SatuSehatRequestException(answer with { Body = "Jawaban tanpa id: " + answer.Body });
    }

    /// <summary>The JSON of a FHIR resource (System.Text.Json serializer of the Firely SDK).</summary>
    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), FhirJson);

    /// <summary>The issues of an OperationOutcome as one line, or null when the body is not one.</summary>
    public static string? OutcomeText(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (!root.TryGetProperty("resourceType", out var type) || type.GetString() != "OperationOutcome"
                || !root.TryGetProperty("issue", out var issues) || issues.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var parts = new List<string>();
            foreach (var issue in issues.EnumerateArray())
            {
                var text = issue.TryGetProperty("details", out var d) && d.TryGetProperty("text", out var t) ? t.GetString()
                    : issue.TryGetProperty("diagnostics", out var diag) ? diag.GetString() : null;
                var code = issue.TryGetProperty("code", out var c) ? c.GetString() : null;
                var where = issue.TryGetProperty("expression", out var ex) && ex.ValueKind == JsonValueKind.Array && ex.GetArrayLength() > 0
                    ? ex[0].GetString() : null;
                parts.Add(string.Join(" ", new[] { code is null ? null : $"[{code}]", text, where is null ? null : $"({where})" }.Where(s => s is not null)));
            }
            return parts.Count == 0 ? null : string.Join("; ", parts);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record TokenAnswer(string AccessToken, double ExpiresIn);

    private static TokenAnswer? TokenOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (!root.TryGetProperty("access_token", out var t) || t.GetString() is not { Length: > 0 } token)
            {
                return null;
            }
            double expires = 3600;
            if (root.TryGetProperty("expires_in", out var e))
            {
                expires = e.ValueKind == JsonValueKind.Number ? e.GetDouble()
                    : double.TryParse(e.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 3600;
            }
            return new TokenAnswer(token, expires);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokenGate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SATUSEHAT token fetched, valid {Seconds} s")]
    private static partial void LogTokenFetched(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SATUSEHAT token endpoint refused the client credentials (HTTP {Status})")]
    private static partial void LogTokenRefused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "SATUSEHAT answered 401; renewing the token once")]
    private static partial void LogTokenRejected(ILogger logger);
}

/// <summary>SATUSEHAT answered a request with an error (not a transport failure).</summary>
public sealed class SatuSehatRequestException(FhirAnswer answer) : Exception(answer.Message)
{
    public FhirAnswer Answer { get; } = answer;
}
