using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Simpus.District.Tests.Fuzzing;

/// <summary>An HTTP request the fuzzer sends: what it is, and a line that says how it was made (for the failure report).</summary>
public sealed record FuzzRequest(string Method, string PathAndQuery, string? ContentType, byte[]? Body, string Note)
{
    public override string ToString()
    {
        var body = Body is null ? "" : Body.Length > 300 ? $" body[{Body.Length} bytes: {Preview(Body)}…]" : $" body: {Preview(Body)}";
        return $"{Method} {PathAndQuery}{(ContentType is null ? "" : $" ({ContentType})")}{body} [{Note}]";
    }

    private static string Preview(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).Replace('\0', '␀');
}

/// <summary>
/// CsCheck generators of requests for an operation of an OpenAPI document: values that fit the schema, values that
/// nearly fit (edge dates, huge numbers, long or odd strings, control characters), wrong types, nulls, missing and extra
/// properties, and malformed bodies (broken JSON, invalid UTF-8, wrong media type, oversized, broken multipart).
/// Values known to exist on the server (a patient's No. RM, a visit id ...) are mixed in by parameter name so that
/// requests reach past "not found".
/// </summary>
public sealed class RequestGenerator(OpenApiDocument document, IReadOnlyDictionary<string, string[]> known)
{
    private static readonly string[] OddStrings =
    [
        "", " ", "a", "0", "-1", "1.5", "null", "true", "NaN", "2147483648", "99999999999999999999", "1e309",
        "x\u0000y", "\u001b[31m", "line\nbreak", "tab\there", "🙂 Ñoño 中文", "\u202Eevil", "'; DROP TABLE patients;--",
        "<script>alert(1)</script>", "../../etc/passwd", "%00", "{{7*7}}", "\ud800", "2026-02-30", "0001-01-01",
        "9999-12-31", "3000-01-01", "2026-13", "9999-12", "0000-00", "2026-01-01T25:61:00Z", "-0", "  padded  ",
        "umum", "bpjs-pbi", "kia", "admin", "J06.9", "Z00.0", "L", "P", "WIB", "hadir", "S", "arrived", "finished",
    ];

    private static readonly string[] Dates = ["2026-01-15", "2026-11-30", "2025-12-31", "0001-01-01", "9999-12-31", "3000-01-01", "2026-02-29", "1900-01-01"];
    private static readonly string[] Months = ["2026-01", "2026-11", "2025-12", "9999-12", "0001-01", "2026-00", "2026-13", "10000-01"];
    private static readonly string[] Instants = ["2026-11-30T02:00:00Z", "2026-01-01T00:00:00+07:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-30"];

    private static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.OneOf(OddStrings)),
        (3, Gen.String[Gen.Char.AlphaNumeric, 1, 24]),
        (2, Gen.String[Gen.Char, 0, 40]),
        (1, Gen.Int[1_000, 70_000].Select(n => new string('x', n))),
        (1, Gen.Int[100, 400].Select(n => string.Concat(Enumerable.Repeat("Jl. Melati ", n)))));

    private static readonly Gen<long> Number = Gen.Frequency(
        (4, Gen.Long[-3, 300]),
        (2, Gen.OneOf(0L, 1L, -1L, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, long.MaxValue, long.MinValue, 2147483647L, 9999L, 10000L)),
        (1, Gen.Long));

    public Gen<FuzzRequest> For(ApiOperation op)
    {
        var path = PathGen(op);
        var query = QueryGen(op);
        var body = BodyGen(op);
        return Gen.Select(path, query, body, (p, q, b) =>
            new FuzzRequest(op.Method, p + q, b.ContentType, b.Bytes, b.Note));
    }

    private Gen<string> PathGen(ApiOperation op)
    {
        var gen = Gen.Const(op.Path);
        foreach (var p in op.Parameters.Where(p => p.In == "path"))
        {
            var name = p.Name;
            // "." and ".." are dot-segments, not values: a URL carrying them means another path (RFC 3986 5.2.4; HttpClient removes them).
            var value = ScalarText(name, p.Schema, forPath: true).Where(v => v is not ("." or ".."));
            gen = Gen.Select(gen, value, (path, v) => path.Replace("{" + name + "}", Uri.EscapeDataString(v), StringComparison.Ordinal));
        }
        return gen;
    }

    private Gen<string> QueryGen(ApiOperation op)
    {
        var gen = Gen.Const(new List<string>());
        foreach (var p in op.Parameters.Where(p => p.In == "query"))
        {
            var name = p.Name;
            var value = Gen.Frequency(
                (1, Gen.Const((string?)null)),
                (4, ScalarText(name, p.Schema, forPath: false).Select(v => (string?)v)));
            gen = Gen.Select(gen, value, (list, v) =>
            {
                var copy = new List<string>(list);
                if (v is not null)
                {
                    copy.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(v));
                }
                return copy;
            });
        }
        return gen.Select(list => list.Count == 0 ? "" : "?" + string.Join("&", list));
    }

    /// <summary>A path or query value as text: a known value, a value of the schema's type, or something odd.</summary>
    private Gen<string> ScalarText(string name, JsonElement schema, bool forPath)
    {
        var options = new List<(int, IGen<string>)>();
        if (known.TryGetValue(name, out var values) && values.Length > 0)
        {
            options.Add((6, Gen.OneOf(values)));
        }
        var types = schema.ValueKind == JsonValueKind.Object ? document.TypesOf(schema) : new HashSet<string>();
        var format = schema.ValueKind == JsonValueKind.Object && document.Resolve(schema).TryGetProperty("format", out var f) ? f.GetString() : null;
        if (types.Contains("integer") || types.Contains("number"))
        {
            options.Add((4, Number.Select(n => n.ToString(CultureInfo.InvariantCulture))));
        }
        if (types.Contains("boolean"))
        {
            options.Add((3, Gen.OneOf("true", "false", "1", "ya")));
        }
        options.Add((3, DateLike(name, format)));
        // URLs stay under Kestrel's 8 KB request line: longer ones get 414 from the server before any endpoint runs.
        // Paths carry no control characters either: Kestrel refuses them (bare 400) before any endpoint runs.
        options.Add((forPath ? 2 : 3, Text.Where(s => s.Length < 2000 && (!forPath || (s.Length > 0 && !s.Any(char.IsControl))))));
        return Gen.Frequency(options.ToArray());
    }

    private static Gen<string> DateLike(string name, string? format)
    {
        if (format == "date-time" || name.EndsWith("At", StringComparison.Ordinal))
        {
            return Gen.OneOf(Instants);
        }
        if (name.Contains("month", StringComparison.OrdinalIgnoreCase) || name == "period")
        {
            return Gen.OneOf(Months);
        }
        if (name.Contains("year", StringComparison.OrdinalIgnoreCase))
        {
            return Gen.OneOf("2026", "0", "-1", "10000", "1", "9999");
        }
        return Gen.OneOf(Dates);
    }

    private Gen<(string? ContentType, byte[]? Bytes, string Note)> BodyGen(ApiOperation op)
    {
        if (op.Body.Count == 0)
        {
            return Gen.Frequency(
                (9, Gen.Const<(string?, byte[]?, string)>((null, null, "no body"))),
                (1, Gen.Const<(string?, byte[]?, string)>(("application/json", "{\"x\":1}"u8.ToArray(), "unexpected body"))));
        }
        var options = new List<(int, IGen<(string?, byte[]?, string)>)>();
        if (op.Body.TryGetValue("application/json", out var schema))
        {
            options.Add((10, Json(schema, 0).Select(node => ((string?)"application/json", (byte[]?)Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"), "json from schema"))));
        }
        if (op.Body.Keys.Any(k => k.StartsWith("multipart/", StringComparison.Ordinal)))
        {
            options.Add((6, Multipart()));
        }
        if (op.Body.Keys.Any(k => k.StartsWith("text/", StringComparison.Ordinal) || k == "application/octet-stream"))
        {
            var media = op.Body.Keys.First(k => k.StartsWith("text/", StringComparison.Ordinal) || k == "application/octet-stream");
            options.Add((4, Gen.Byte.Array[0, 2000].Select(b => ((string?)media, (byte[]?)b, "random bytes"))));
            options.Add((2, Text.Select(t => ((string?)media, (byte[]?)Encoding.UTF8.GetBytes(t), "text"))));
        }
        options.Add((4, Malformed(op.Body.Keys.First())));
        return Gen.Frequency(options.ToArray());
    }

    private static Gen<(string?, byte[]?, string)> Malformed(string media) => Gen.OneOf<(string?, byte[]?, string)>(
        Gen.Const<(string?, byte[]?, string)>((media, "{\"name\": \"unterminated"u8.ToArray(), "broken JSON")),
        Gen.Const<(string?, byte[]?, string)>((media, [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D], "invalid UTF-8")),
        Gen.Const<(string?, byte[]?, string)>((media, [], "empty body")),
        Gen.Const<(string?, byte[]?, string)>((media, "[null, null]"u8.ToArray(), "array of nulls")),
        Gen.Const<(string?, byte[]?, string)>((media, "null"u8.ToArray(), "null")),
        Gen.Const<(string?, byte[]?, string)>((media, "12345678901234567890123"u8.ToArray(), "number")),
        Gen.Const<(string?, byte[]?, string)>(("text/plain", "hello"u8.ToArray(), "wrong media type")),
        Gen.Const<(string?, byte[]?, string)>(("application/xml", "<a/>"u8.ToArray(), "xml")),
        Gen.Const<(string?, byte[]?, string)>((media, Encoding.UTF8.GetBytes("{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}"), "deep nesting")),
        Gen.Const<(string?, byte[]?, string)>((media, Encoding.UTF8.GetBytes("{\"name\":\"" + new string('a', 3 * 1024 * 1024) + "\"}"), "3 MB body")));

    private static Gen<(string?, byte[]?, string)> Multipart()
    {
        const string boundary = "----simpusfuzz";
        static byte[] Part(byte[] content, string fileName, bool close)
        {
            var head = Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            var tail = Encoding.UTF8.GetBytes(close ? $"\r\n--{boundary}--\r\n" : "\r\n");
            return [.. head, .. content, .. tail];
        }
        var media = $"multipart/form-data; boundary={boundary}";
        var zipNotXlsx = ZipWith("hello.txt", "not a workbook");
        return Gen.OneOf<(string?, byte[]?, string)>(
            Gen.Byte.Array[0, 3000].Select(b => ((string?)media, (byte[]?)Part(b, "log.csv", true), "random file")),
            Gen.Const<(string?, byte[]?, string)>((media, Part(zipNotXlsx, "log.xlsx", true), "zip that is not xlsx")),
            Gen.Const<(string?, byte[]?, string)>((media, Part("1001,2026-11-02 07:12\n"u8.ToArray(), "log.csv", false), "no closing boundary")),
            Gen.Const<(string?, byte[]?, string)>((media, Part([0x50, 0x4B, 0x03, 0x04, 0, 0, 1], "x.xlsx", true), "truncated zip")),
            Gen.Const<(string?, byte[]?, string)>(("multipart/form-data", "--x\r\n"u8.ToArray(), "no boundary parameter")),
            Text.Select(t => ((string?)media, (byte[]?)Part(Encoding.UTF8.GetBytes(t), "icd10.csv", true), "text file")));
    }

    private static byte[] ZipWith(string name, string content)
    {
        using var memory = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(content);
        }
        return memory.ToArray();
    }

    /// <summary>A JSON value for a schema: mostly of the declared type, sometimes null, a wrong type or an odd value.</summary>
    private Gen<JsonNode?> Json(JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > 6)
        {
            return Gen.Const((JsonNode?)null);
        }
        schema = document.Resolve(schema);
        var types = document.TypesOf(schema);
        var typed = new List<(int, IGen<JsonNode?>)>();
        if (schema.TryGetProperty("enum", out var enumeration))
        {
            var values = enumeration.EnumerateArray().Select(e => JsonNode.Parse(e.GetRawText())).ToArray();
            typed.Add((6, Gen.OneOf(values)));
        }
        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            typed.Add((8, ObjectGen(schema, depth)));
        }
        if (types.Contains("array"))
        {
            var items = schema.TryGetProperty("items", out var i) ? i : default;
            typed.Add((8, Json(items, depth + 1).List[0, 4].Select(list => (JsonNode?)new JsonArray(list.Select(n => n?.DeepClone()).ToArray()))));
        }
        if (types.Contains("integer") || types.Contains("number"))
        {
            typed.Add((6, Number.Select(n => (JsonNode?)JsonValue.Create(n))));
            typed.Add((1, Gen.OneOf(1.5, -0.0, 1e300, 36.6).Select(d => (JsonNode?)JsonValue.Create(d))));
        }
        if (types.Contains("boolean"))
        {
            typed.Add((6, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))));
        }
        if (types.Contains("string"))
        {
            var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
            typed.Add((6, Text.Select(s => (JsonNode?)JsonValue.Create(s))));
            typed.Add((3, DateLike(format == "date" ? "date" : "", format).Select(s => (JsonNode?)JsonValue.Create(s))));
        }
        if (typed.Count == 0)
        {
            typed.Add((1, Text.Select(s => (JsonNode?)JsonValue.Create(s))));
        }
        typed.Add((1, Gen.Const((JsonNode?)null)));
        typed.Add((1, Gen.OneOf<JsonNode?>(
            Gen.Const<JsonNode?>(JsonValue.Create("wrong type")),
            Gen.Const<JsonNode?>(JsonValue.Create(-1)),
            Gen.Const<JsonNode?>(new JsonObject()),
            Gen.Const<JsonNode?>(new JsonArray(null, null)))));
        return Gen.Frequency(typed.ToArray());
    }

    private Gen<JsonNode?> ObjectGen(JsonElement schema, int depth)
    {
        var gen = Gen.Const(new List<KeyValuePair<string, JsonNode?>>());
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var name = property.Name;
                var valueGen = known.TryGetValue(name, out var values) && values.Length > 0
                    ? Gen.Frequency((3, Gen.OneOf(values).Select(v => (JsonNode?)JsonValue.Create(v))), (5, Json(property.Value, depth + 1)))
                    : Json(property.Value, depth + 1);
                var slot = Gen.Frequency(
                    (1, Gen.Const<(bool, JsonNode?)>((false, null))),
                    (8, valueGen.Select(v => (true, v))));
                gen = Gen.Select(gen, slot, (list, s) =>
                {
                    if (!s.Item1)
                    {
                        return list;
                    }
                    var copy = new List<KeyValuePair<string, JsonNode?>>(list) { new(name, s.Item2) };
                    return copy;
                });
            }
        }
        var extra = Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true)));
        return Gen.Select(gen, extra, (list, withExtra) =>
        {
            var obj = new JsonObject();
            foreach (var (k, v) in list)
            {
                obj[k] = v?.DeepClone();
            }
            if (withExtra)
            {
                obj["unexpected" + list.Count.ToString(CultureInfo.InvariantCulture)] = "x";
            }
            return (JsonNode?)obj;
        });
    }
}
