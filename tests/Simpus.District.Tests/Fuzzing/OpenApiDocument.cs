using System.Text.Json;

namespace Simpus.District.Tests.Fuzzing;

/// <summary>One parameter of an operation as the OpenAPI document declares it.</summary>
public sealed record ApiParameter(string Name, string In, JsonElement Schema, bool Required);

/// <summary>One operation (method + path) with its parameters, request body media types and declared responses.</summary>
public sealed record ApiOperation(
    string Method,
    string Path,
    IReadOnlyList<ApiParameter> Parameters,
    IReadOnlyDictionary<string, JsonElement> Body,
    IReadOnlyDictionary<string, JsonElement?> Responses)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>Whether the operation declares this status (or its class, e.g. "4XX", or a "default" response).</summary>
    public bool Declares(int status) =>
        Responses.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
        || Responses.ContainsKey($"{status / 100}XX") || Responses.ContainsKey("default");

    /// <summary>The JSON schema declared for a status, if any.</summary>
    public JsonElement? ResponseSchema(int status) =>
        Responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var s) ? s : null;
}

/// <summary>
/// A parsed OpenAPI 3.1 document as ASP.NET Core generates it: operations, and the schemas they refer to
/// (<c>$ref</c> resolved on demand). Enough of JSON Schema to generate values and check answers against it.
/// </summary>
public sealed class OpenApiDocument
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];
    private readonly JsonElement _root;

    private OpenApiDocument(JsonElement root)
    {
        _root = root;
        var operations = new List<ApiOperation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var op))
                {
                    continue;
                }
                var parameters = new List<ApiParameter>();
                if (op.TryGetProperty("parameters", out var ps))
                {
                    foreach (var p in ps.EnumerateArray())
                    {
                        var resolved = Resolve(p);
                        parameters.Add(new ApiParameter(
                            resolved.GetProperty("name").GetString()!,
                            resolved.GetProperty("in").GetString()!,
                            resolved.TryGetProperty("schema", out var schema) ? schema : default,
                            resolved.TryGetProperty("required", out var req) && req.GetBoolean()));
                    }
                }
                var body = new Dictionary<string, JsonElement>();
                if (op.TryGetProperty("requestBody", out var rb) && Resolve(rb).TryGetProperty("content", out var content))
                {
                    foreach (var media in content.EnumerateObject())
                    {
                        body[media.Name] = media.Value.TryGetProperty("schema", out var s) ? s : default;
                    }
                }
                var responses = new Dictionary<string, JsonElement?>();
                if (op.TryGetProperty("responses", out var rs))
                {
                    foreach (var r in rs.EnumerateObject())
                    {
                        JsonElement? schema = null;
                        if (Resolve(r.Value).TryGetProperty("content", out var rc))
                        {
                            foreach (var media in rc.EnumerateObject())
                            {
                                if (media.Name.Contains("json", StringComparison.Ordinal) && media.Value.TryGetProperty("schema", out var s))
                                {
                                    schema = s;
                                    break;
                                }
                            }
                        }
                        responses[r.Name] = schema;
                    }
                }
                operations.Add(new ApiOperation(method.ToUpperInvariant(), path.Name, parameters, body, responses));
            }
        }
        Operations = operations;
    }

    public IReadOnlyList<ApiOperation> Operations { get; }

    public static OpenApiDocument Parse(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    /// <summary>Follows a local <c>$ref</c> (any depth); other elements come back as they are.</summary>
    public JsonElement Resolve(JsonElement element)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("$ref", out var reference))
            {
                return element;
            }
            var target = _root;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }
            element = target;
        }
        throw new InvalidOperationException("$ref chain too deep");
    }

    /// <summary>The JSON types a schema allows ("string", "integer", "null" ...); empty when it does not say.</summary>
    public IReadOnlySet<string> TypesOf(JsonElement schema)
    {
        schema = Resolve(schema);
        var types = new HashSet<string>(StringComparer.Ordinal);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return types;
        }
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                types.Add(type.GetString()!);
            }
            else if (type.ValueKind == JsonValueKind.Array)
            {
                foreach (var t in type.EnumerateArray())
                {
                    types.Add(t.GetString()!);
                }
            }
        }
        if (schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
        {
            types.Add("null");
        }
        return types;
    }

    /// <summary>
    /// Where a value breaks its schema (type, required properties, array items, enum, maxLength), as a list of
    /// "path: problem"; empty when it conforms. Unknown keywords are ignored; anyOf/oneOf pass when one branch does.
    /// </summary>
    public List<string> Check(JsonElement value, JsonElement schema, string path = "$")
    {
        var problems = new List<string>();
        CheckInto(value, schema, path, problems, 0);
        return problems;
    }

    private void CheckInto(JsonElement value, JsonElement schema, string path, List<string> problems, int depth)
    {
        if (depth > 40 || schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        schema = Resolve(schema);
        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var branches))
            {
                var fits = branches.EnumerateArray().Any(b =>
                {
                    var inner = new List<string>();
                    CheckInto(value, b, path, inner, depth + 1);
                    return inner.Count == 0;
                });
                if (!fits)
                {
                    problems.Add($"{path}: fits no branch of {combinator}");
                }
                return;
            }
        }
        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var b in all.EnumerateArray())
            {
                CheckInto(value, b, path, problems, depth + 1);
            }
        }
        var types = TypesOf(schema);
        if (types.Count > 0 && !types.Contains(KindName(value)) && !(types.Contains("number") && KindName(value) == "integer"))
        {
            problems.Add($"{path}: {KindName(value)} where the schema says {string.Join("|", types)}");
            return;
        }
        if (schema.TryGetProperty("enum", out var enumeration) && value.ValueKind != JsonValueKind.Null
            && !enumeration.EnumerateArray().Any(e => JsonElement.DeepEquals(e, value)))
        {
            problems.Add($"{path}: {value} is not in the declared enum");
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.String when schema.TryGetProperty("maxLength", out var max) && value.GetString()!.Length > max.GetInt32():
                problems.Add($"{path}: longer than maxLength {max.GetInt32()}");
                break;
            case JsonValueKind.Object:
                if (schema.TryGetProperty("required", out var required))
                {
                    foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    {
                        if (!value.TryGetProperty(name, out _))
                        {
                            problems.Add($"{path}.{name}: required but missing");
                        }
                    }
                }
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in value.EnumerateObject())
                    {
                        if (properties.TryGetProperty(property.Name, out var propertySchema))
                        {
                            CheckInto(property.Value, propertySchema, $"{path}.{property.Name}", problems, depth + 1);
                        }
                    }
                }
                if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in value.EnumerateObject())
                    {
                        if (!(schema.TryGetProperty("properties", out var declared) && declared.TryGetProperty(property.Name, out _)))
                        {
                            CheckInto(property.Value, additional, $"{path}.{property.Name}", problems, depth + 1);
                        }
                    }
                }
                break;
            case JsonValueKind.Array when schema.TryGetProperty("items", out var items):
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckInto(item, items, $"{path}[{i++}]", problems, depth + 1);
                    if (problems.Count > 20)
                    {
                        return;
                    }
                }
                break;
        }
    }

    private static string KindName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
