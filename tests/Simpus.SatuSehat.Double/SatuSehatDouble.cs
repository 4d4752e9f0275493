using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Hosting;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Simpus.SatuSehat.Api;
using Simpus.SatuSehat.Fhir;

namespace Simpus.SatuSehat.Double;

/// <summary>A resource the double holds: its type, id, version and JSON (references already rewritten to Type/id).</summary>
public sealed record StoredResource(string Type, string Id, int Version, string Json)
{
    public JsonNode Node => JsonNode.Parse(Json)!;
}

/// <summary>One transaction Bundle the double received, and what it answered.</summary>
public sealed record ReceivedTransaction(string Json, int Status, string Answer);

/// <summary>
/// A SATUSEHAT test double: a real HTTP server on 127.0.0.1 (Kestrel, a free port) speaking the documented API: the OAuth2 token
/// endpoint (tokens that expire), Organization read, Patient/Practitioner search by NIK (and newborns by the mother's NIK, with
/// create), Location search and create, reads, and the transaction endpoint. Every Bundle is parsed with the Firely SDK and
/// validated with the Firely validator; references must resolve (inside the bundle or to a stored resource); <c>ifNoneExist</c>
/// and PUT by id behave as a FHIR server does. Errors are OperationOutcomes; an expired token gets 401; it can be taken down,
/// throttle (429/503) every n-th transaction, or lose an answer after committing.
/// </summary>
public sealed class SatuSehatDouble : IAsyncDisposable
{
    public const string ClientId = "simpus-test-client";
    public const string ClientSecret = "rahasia-sandbox-123";
    public const string OrganizationId = "100026555";
    public const string OrganizationName = "Puskesmas Sukamaju (double)";

    private readonly WebApplication _app;
    private readonly FhirValidation _validation;
    private readonly object _gate = new();
    private readonly Dictionary<string, StoredResource> _store = new(StringComparer.Ordinal);
    // "Type|system|value" → keys ("Type/id") of the stored resources carrying that identifier: searches and ifNoneExist look up
    // here as a real server's index does, instead of reading every stored resource.
    private readonly Dictionary<string, List<string>> _byIdentifier = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private readonly ConcurrentDictionary<string, string> _patientsByNik = new();
    private readonly ConcurrentDictionary<string, string> _practitionersByNik = new();
    private readonly List<ReceivedTransaction> _transactions = [];
    private int _nextId = 1000;
    private int _transactionCount;

    private SatuSehatDouble(WebApplication app, FhirValidation validation, Uri root)
    {
        _app = app;
        _validation = validation;
        Root = root;
    }

    public Uri Root { get; }

    public string AuthUrl => new Uri(Root, "oauth2/v1").ToString().TrimEnd('/');

    public string BaseUrl => new Uri(Root, "fhir-r4/v1").ToString().TrimEnd('/');

    /// <summary>Seconds a token lives (SATUSEHAT: 3599).</summary>
    public int TokenLifetimeSeconds { get; set; } = 3599;

    /// <summary>Connections are dropped without an answer (the platform or the link is down).</summary>
    public bool Down { get; set; }

    /// <summary>Every n-th transaction is answered 429 or 503 (alternately) without being processed; 0 = never.</summary>
    public int ThrottleEvery { get; set; }

    /// <summary>The next transaction is committed but its answer is lost (the connection drops).</summary>
    public bool LoseNextAnswer { get; set; }

    /// <summary>
    /// Validate every resource of every Bundle with the Firely validator, and parse with the parser's own attribute checks (on by
    /// default). Off, the double still parses every Bundle with the Firely SDK and checks every reference, but leaves the validation
    /// to the sender, as a benchmark wants it: the real SATUSEHAT does this work on its own servers, not on the clinic's cores.
    /// </summary>
    public bool ValidateBundles { get; set; } = true;

    private static readonly JsonSerializerOptions LenientFhirJson =
        new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Ostrich);

    public int TokensIssued => _tokensIssued;

    private int _tokensIssued;

    public int Unauthorized => _unauthorized;

    private int _unauthorized;

    public IReadOnlyList<ReceivedTransaction> Transactions
    {
        get { lock (_gate) { return _transactions.ToList(); } }
    }

    /// <summary>Accepted transactions (2xx) only.</summary>
    public IReadOnlyList<ReceivedTransaction> Accepted => Transactions.Where(t => t.Status is >= 200 and < 300).ToList();

    public IReadOnlyList<StoredResource> Resources(string type)
    {
        lock (_gate)
        {
            return _store.Values.Where(r => r.Type == type).OrderBy(r => int.Parse(r.Id.Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
    }

    public StoredResource? Find(string type, string id)
    {
        lock (_gate)
        {
            return _store.GetValueOrDefault($"{type}/{id}");
        }
    }

    public static async Task<SatuSehatDouble> StartAsync(FhirValidation? validation = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var v = validation ?? new FhirValidation();
        var holder = new SatuSehatDouble[1];
        app.Use(async (HttpContext ctx, RequestDelegate next) =>
        {
            if (holder[0].Down)
            {
                ctx.Abort();
                return;
            }
            await next(ctx);
        });
        app.MapPost("/oauth2/v1/accesstoken", (HttpContext ctx) => holder[0].Token(ctx));
        app.MapPost("/fhir-r4/v1", (Delegate)((HttpContext ctx) => holder[0].Authorized(ctx, () => holder[0].TransactionAsync(ctx))));
        app.MapGet("/fhir-r4/v1/{type}", (HttpContext ctx, string type) => holder[0].Authorized(ctx, () => Task.FromResult(holder[0].Search(ctx, type))));
        app.MapGet("/fhir-r4/v1/{type}/{id}", (HttpContext ctx, string type, string id) => holder[0].Authorized(ctx, () => Task.FromResult(holder[0].Read(type, id))));
        app.MapPost("/fhir-r4/v1/{type}", (HttpContext ctx, string type) => holder[0].Authorized(ctx, () => holder[0].CreateAsync(ctx, type)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var d = new SatuSehatDouble(app, v, new Uri(address.TrimEnd('/') + "/"));
        holder[0] = d;
        d.Put(new Organization { Id = OrganizationId, Active = true, Name = OrganizationName });
        return d;
    }

    /// <summary>A patient in the Master Patient Index; answers the IHS number.</summary>
    public string AddPatient(string nik, string name, string? id = null)
    {
        id ??= "P" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Put(new Patient { Id = id, Identifier = [new Identifier(Systems.Nik, nik)], Name = [new HumanName { Text = name }] });
        _patientsByNik[nik] = id;
        return id;
    }

    /// <summary>A health worker in the registry (SISDMK); answers the IHS number.</summary>
    public string AddPractitioner(string nik, string name)
    {
        var id = "N" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Put(new Practitioner { Id = id, Identifier = [new Identifier(Systems.Nik, nik)], Name = [new HumanName { Text = name }] });
        _practitionersByNik[nik] = id;
        return id;
    }

    /// <summary>Every token issued so far stops working (as when it expires): the next request gets 401.</summary>
    public void ExpireAllTokens() => _tokens.Clear();

    private void Put(Resource resource)
    {
        lock (_gate)
        {
            Store(new StoredResource(resource.TypeName, resource.Id!, 1, SatuSehatClient.Serialize(resource)));
        }
    }

    /// <summary>Stores (or replaces) a resource and keeps the identifier index current. Under <c>_gate</c>.</summary>
    private void Store(StoredResource r)
    {
        var key = $"{r.Type}/{r.Id}";
        if (_store.TryGetValue(key, out var old))
        {
            foreach (var k in IdentifierKeys(old.Type, old.Node))
            {
                _byIdentifier.GetValueOrDefault(k)?.Remove(key);
            }
        }
        _store[key] = r;
        foreach (var k in IdentifierKeys(r.Type, r.Node))
        {
            var list = _byIdentifier.TryGetValue(k, out var l) ? l : _byIdentifier[k] = [];
            if (!list.Contains(key))
            {
                list.Add(key);
            }
        }
    }

    /// <summary>Stored resources of a type with an identifier. Under <c>_gate</c>.</summary>
    private List<StoredResource> WithIdentifier(string type, string system, string value) =>
        _byIdentifier.TryGetValue($"{type}|{system}|{value}", out var keys) ? keys.Select(k => _store[k]).ToList() : [];

    private static IEnumerable<string> IdentifierKeys(string type, JsonNode resource) =>
        resource["identifier"] is JsonArray ids
            ? ids.Select(i => (System: i?["system"]?.GetValue<string>(), Value: i?["value"]?.GetValue<string>()))
                .Where(i => i.System is not null && i.Value is not null).Select(i => $"{type}|{i.System}|{i.Value}").Distinct()
            : [];

    private async Task<IResult> Authorized(HttpContext ctx, Func<Task<IResult>> handler)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        if (token is null || !_tokens.TryGetValue(token, out var expires) || expires < DateTimeOffset.UtcNow)
        {
            Interlocked.Increment(ref _unauthorized);
            return Outcome(401, "login", "Invalid access token");
        }
        return await handler();
    }

    private IResult Token(HttpContext ctx)
    {
        if (ctx.Request.Query["grant_type"] != "client_credentials" || !ctx.Request.HasFormContentType)
        {
            return Results.Json(new { error = "invalid_request" }, statusCode: 400);
        }
        var form = ctx.Request.Form;
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new { fault = new { faultstring = "Invalid client identifier", detail = new { errorcode = "oauth.v2.InvalidClientIdentifier" } } }, statusCode: 401);
        }
        var token = Guid.NewGuid().ToString("N");
        _tokens[token] = DateTimeOffset.UtcNow.AddSeconds(TokenLifetimeSeconds);
        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token, ["expires_in"] = TokenLifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["token_type"] = "BearerToken", ["status"] = "approved", ["client_id"] = ClientId, ["organization_name"] = OrganizationName,
        });
    }

    private IResult Read(string type, string id) =>
        Find(type, id) is { } r ? Results.Text(r.Json, "application/fhir+json") : Outcome(404, "not-found", $"{type}/{id} not found");

    private IResult Search(HttpContext ctx, string type)
    {
        var identifier = ctx.Request.Query["identifier"].ToString();
        if (identifier.Length == 0 || !identifier.Contains('|'))
        {
            return Outcome(400, "invalid", "identifier=system|value is required");
        }
        var (system, value) = (identifier[..identifier.IndexOf('|')], identifier[(identifier.IndexOf('|') + 1)..]);
        List<StoredResource> found;
        lock (_gate)
        {
            found = WithIdentifier(type, system, value);
        }
        var entries = new JsonArray(found.Select(r => (JsonNode)new JsonObject
        {
            ["fullUrl"] = $"{BaseUrl}/{r.Type}/{r.Id}", ["resource"] = r.Node, ["search"] = new JsonObject { ["mode"] = "match" },
        }).ToArray());
        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = found.Count, ["entry"] = entries };
        return Results.Text(bundle.ToJsonString(), "application/fhir+json");
    }

    private async Task<IResult> CreateAsync(HttpContext ctx, string type)
    {
        var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
        Resource resource;
        try
        {
            resource = (Resource)JsonSerializer.Deserialize(body, typeof(Resource), SatuSehatClient.FhirJson)!;
        }
        catch (Exception e) when (e is JsonException or DeserializationFailedException)
        {
            return Outcome(400, "structure", "Cannot parse resource: " + e.Message);
        }
        if (resource.TypeName != type || type is not ("Location" or "Patient"))
        {
            return Outcome(400, "not-supported", $"POST {type} is not supported");
        }
        var check = _validation.Validate(resource);
        if (!check.IsValid)
        {
            return Outcome(400, "invalid", check.Summary);
        }
        resource.Id = type[0] + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Put(resource);
        return Results.Text(SatuSehatClient.Serialize(resource), "application/fhir+json", statusCode: 201);
    }

    private async Task<IResult> TransactionAsync(HttpContext ctx)
    {
        var json = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
        var n = Interlocked.Increment(ref _transactionCount);
        if (ThrottleEvery > 0 && n % ThrottleEvery == 0)
        {
            var busy = n / ThrottleEvery % 2 == 0 ? 429 : 503;
            return Record(json, Outcome(busy, busy == 429 ? "throttled" : "transient", busy == 429 ? "Too many requests" : "Service unavailable"), busy);
        }
        Bundle bundle;
        try
        {
            bundle = JsonSerializer.Deserialize<Bundle>(json, ValidateBundles ? SatuSehatClient.FhirJson : LenientFhirJson)!;
        }
        catch (Exception e) when (e is JsonException or DeserializationFailedException)
        {
            return Record(json, Outcome(400, "structure", "Invalid Bundle: " + e.Message), 400);
        }
        if (bundle.Type != Bundle.BundleType.Transaction)
        {
            return Record(json, Outcome(400, "invalid", "Bundle.type must be transaction"), 400);
        }
        if (ValidateBundles && (await _validation.ValidateBundlesAsync([bundle]))[0] is { IsValid: false } invalid)
        {
            return Record(json, Outcome(400, "invalid", invalid.Summary), 400);
        }
        var (result, status) = Apply(bundle, JsonNode.Parse(json)?["entry"] as JsonArray);
        if (LoseNextAnswer && status == 200)
        {
            LoseNextAnswer = false;
            Record(json, result, status);
            ctx.Abort();
            return Results.Empty;
        }
        return Record(json, result, status);
    }

    private IResult Record(string json, IResult result, int status)
    {
        lock (_gate)
        {
            _transactions.Add(new ReceivedTransaction(json, status, result is IContentTypeHttpResult ? "" : ""));
        }
        return result;
    }

    /// <summary>Applies a transaction atomically: all entries or none.</summary>
    /// <param name="raw">The entries as they were sent (stored as they came, without serializing the parsed resources again).</param>
    private (IResult Result, int Status) Apply(Bundle bundle, JsonArray? raw)
    {
        lock (_gate)
        {
            var assigned = new Dictionary<string, string>(StringComparer.Ordinal); // fullUrl → Type/id
            var plan = new List<(Bundle.EntryComponent Entry, string Type, string Id, bool Create, bool Existing)>();
            var sent = new Dictionary<Bundle.EntryComponent, JsonNode?>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < bundle.Entry.Count; i++)
            {
                var e = bundle.Entry[i];
                sent[e] = raw is not null && raw.Count == bundle.Entry.Count ? raw[i]?["resource"] : null;
                var type = e.Resource?.TypeName;
                if (type is null || e.Request is null)
                {
                    return (Outcome(400, "invalid", "Every entry needs a resource and a request"), 400);
                }
                if (e.Request.Method == Bundle.HTTPVerb.POST)
                {
                    if (e.Request.Url != type || e.FullUrl is null || !e.FullUrl.StartsWith("urn:uuid:", StringComparison.Ordinal))
                    {
                        return (Outcome(400, "invalid", $"POST entries need url {type} and a urn:uuid fullUrl"), 400);
                    }
                    string? existing = null;
                    if (e.Request.IfNoneExist is { } cond && cond.StartsWith("identifier=", StringComparison.Ordinal))
                    {
                        var idf = cond["identifier=".Length..];
                        var sys = idf[..idf.IndexOf('|')];
                        var val = idf[(idf.IndexOf('|') + 1)..];
                        existing = WithIdentifier(type, sys, val).FirstOrDefault()?.Id;
                    }
                    var id = existing ?? $"{type[..3].ToLowerInvariant()}-{Interlocked.Increment(ref _nextId)}";
                    assigned[e.FullUrl] = $"{type}/{id}";
                    plan.Add((e, type, id, existing is null, existing is not null));
                }
                else if (e.Request.Method == Bundle.HTTPVerb.PUT)
                {
                    var parts = (e.Request.Url ?? "").Split('/');
                    if (parts.Length != 2 || parts[0] != type || e.Resource!.Id != parts[1])
                    {
                        return (Outcome(400, "invalid", $"PUT url must be {type}/{{id}} with the same id in the resource"), 400);
                    }
                    if (!_store.ContainsKey(e.Request.Url!))
                    {
                        return (Outcome(404, "not-found", $"{e.Request.Url} does not exist"), 404);
                    }
                    if (e.FullUrl is { } f)
                    {
                        assigned[f] = e.Request.Url!;
                    }
                    plan.Add((e, type, parts[1], false, false));
                }
                else
                {
                    return (Outcome(400, "not-supported", $"{e.Request.Method} is not supported in a transaction"), 400);
                }
            }
            var staged = new List<StoredResource>();
            foreach (var (e, type, id, create, existing) in plan)
            {
                if (existing)
                {
                    continue;
                }
                var node = sent[e]?.DeepClone() ?? JsonNode.Parse(SatuSehatClient.Serialize(e.Resource!))!;
                node["id"] = id;
                foreach (var reference in References(node))
                {
                    var text = reference["reference"]!.GetValue<string>();
                    if (assigned.TryGetValue(text, out var local))
                    {
                        reference["reference"] = local;
                    }
                    else if (text.StartsWith("urn:uuid:", StringComparison.Ordinal))
                    {
                        return (Outcome(400, "invalid", $"Reference {text} does not resolve inside the bundle"), 400);
                    }
                    else if (!_store.ContainsKey(text) && !plan.Any(p => $"{p.Type}/{p.Id}" == text))
                    {
                        return (Outcome(400, "invalid", $"Reference {text} does not resolve"), 400);
                    }
                }
                if (type == "Encounter" && node["serviceProvider"]?["reference"]?.GetValue<string>() != $"Organization/{OrganizationId}")
                {
                    return (Outcome(403, "business-rule", "resource cannot be accessed due to business rule"), 403);
                }
                var version = create ? 1 : _store[$"{type}/{id}"].Version + 1;
                staged.Add(new StoredResource(type, id, version, node.ToJsonString()));
            }
            foreach (var r in staged)
            {
                Store(r);
            }
            var entries = new JsonArray();
            foreach (var (_, type, id, create, existing) in plan)
            {
                var version = _store[$"{type}/{id}"].Version;
                entries.Add(new JsonObject
                {
                    ["response"] = new JsonObject
                    {
                        ["status"] = create ? "201 Created" : "200 OK",
                        ["location"] = $"{type}/{id}/_history/{version}",
                        ["etag"] = $"W/\"{version}\"",
                    },
                });
            }
            var answer = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "transaction-response", ["entry"] = entries };
            return (Results.Text(answer.ToJsonString(), "application/fhir+json"), 200);
        }
    }

    /// <summary>Every Reference object in a resource (objects with a "reference" string).</summary>
    public static IEnumerable<JsonObject> References(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["reference"] is JsonValue v && v.TryGetValue<string>(out _))
                {
                    yield return o;
                }
                foreach (var (_, child) in o.ToList())
                {
                    if (child is not null)
                    {
                        foreach (var r in References(child))
                        {
                            yield return r;
                        }
                    }
                }
                break;
            case JsonArray a:
                foreach (var child in a.ToList())
                {
                    if (child is not null)
                    {
                        foreach (var r in References(child))
                        {
                            yield return r;
                        }
                    }
                }
                break;
        }
    }

    private static IResult Outcome(int status, string code, string text)
    {
        var outcome = new JsonObject
        {
            ["resourceType"] = "OperationOutcome",
            ["issue"] = new JsonArray(new JsonObject { ["severity"] = "error", ["code"] = code, ["details"] = new JsonObject { ["text"] = text } }),
        };
        return Results.Text(outcome.ToJsonString(), "application/fhir+json", statusCode: status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
