using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Simpus.Exchange;

/// <summary>Why a package file was refused: a stable code and an Indonesian message to show as is.</summary>
public sealed class PackageRejectedException(string code, string message, PackageRejection kind) : Exception(message)
{
    public string Code { get; } = code;
    public PackageRejection Kind { get; } = kind;
}

public enum PackageRejection
{
    /// <summary>Not a package, or a field is missing or malformed (HTTP 400).</summary>
    Malformed,
    /// <summary>The signature does not match: changed content or a different sender's key (HTTP 401).</summary>
    Signature,
    /// <summary>The sender is not registered (HTTP 403).</summary>
    UnknownSender,
    /// <summary>Well-formed but not acceptable, e.g. a period in the future (HTTP 400/409).</summary>
    Refused,
    /// <summary>Over a receiver's cap (bytes, values, drugs): refused before the rest is read (HTTP 413).</summary>
    TooLarge,
}

/// <summary>A parsed package and the signature it carried (not yet verified).</summary>
public sealed record SignedPackage(MonthlyPackage Package, string Signature)
{
    /// <summary>SHA-256 (hex) of the canonical content: two files with the same content have the same hash.</summary>
    public string ContentHash => PackageCodec.ContentHash(Package);
}

/// <summary>
/// Canonical serialization and HMAC-SHA256 signing of <see cref="MonthlyPackage"/>.
/// The signed bytes are the UTF-8 canonical JSON of the package without its <c>signature</c> member:
/// fixed member order, no whitespace, values sorted by data element then disaggregation key (ordinal),
/// disaggregation members sorted by name, numbers in invariant culture without trailing zeros; in schema 2 then
/// <c>drugs</c> sorted by code, each <c>code, name, unit, fornasClass</c> (null when unknown).
/// The key is the 32-byte secret issued by the district, written as 64 hex characters.
/// </summary>
public static class PackageCodec
{
    public const string Algorithm = "HMAC-SHA256";

    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A new random puskesmas key (64 hex characters).</summary>
    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static bool IsValidKey(string? key) =>
        key is { Length: 64 } && key.All(Uri.IsHexDigit);

    /// <summary>The bytes that are signed.</summary>
    public static byte[] Canonical(MonthlyPackage package)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            WriteBody(writer, package, signature: null);
        }
        return buffer.ToArray();
    }

    public static string ContentHash(MonthlyPackage package) => Convert.ToHexStringLower(SHA256.HashData(Canonical(package)));

    /// <summary>Hash of the values only (not revision or time): tells whether a regenerated month changed.</summary>
    public static string ValuesHash(IEnumerable<PackageValue> values) => ValuesHash(values, []);

    /// <summary>Hash of the values and the drugs they name (schema 2); without drugs the same as the values-only hash.</summary>
    public static string ValuesHash(IEnumerable<PackageValue> values, IEnumerable<PackageDrug> drugs)
    {
        var sb = new StringBuilder();
        foreach (var v in Sorted(values))
        {
            sb.Append(v.Key).Append('=').Append(PackageValue.FormatValue(v.Value)).Append('\n');
        }
        foreach (var d in drugs.OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            sb.Append("drug|").Append(d.Code).Append('|').Append(d.Name).Append('|').Append(d.Unit).Append('|').Append(d.FornasClass).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public static string Sign(MonthlyPackage package, string key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(KeyBytes(key), Canonical(package)));

    /// <summary>The package file: the canonical members plus <c>signature</c>, indented for people who open it.</summary>
    public static byte[] Write(MonthlyPackage package, string key)
    {
        var signature = Sign(package, key);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Pretty))
        {
            WriteBody(writer, package, signature);
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Parses a package file and checks its schema; throws <see cref="PackageRejectedException"/> with the reason.</summary>
    public static SignedPackage Parse(ReadOnlySpan<byte> file)
    {
        if (!System.Text.Unicode.Utf8.IsValid(file))
        {
            throw Malformed("package.encoding", "Berkas bukan paket data SIMPUS: isinya bukan teks UTF-8 yang sah.");
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(file.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException)
        {
            throw Malformed("package.json", "Berkas bukan paket data SIMPUS: isinya bukan JSON yang sah.");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed("package.json", "Berkas bukan paket data SIMPUS: isinya bukan objek JSON.");
            }
            if (Str(root, "format") != MonthlyPackage.FormatName)
            {
                throw Malformed("package.format", $"Berkas bukan paket data SIMPUS (format harus '{MonthlyPackage.FormatName}').");
            }
            if (!root.TryGetProperty("schemaVersion", out var sv) || sv.ValueKind != JsonValueKind.Number || !sv.TryGetInt32(out var schema))
            {
                throw Malformed("package.schemaVersion", "Paket tidak mencantumkan schemaVersion.");
            }
            if (!MonthlyPackage.SupportedSchemaVersions.Contains(schema))
            {
                throw Malformed("package.schemaVersion",
                    $"Versi skema paket {schema} tidak didukung (yang didukung: {string.Join(", ", MonthlyPackage.SupportedSchemaVersions)}). Perbarui SIMPUS.");
            }
            var puskesmas = root.TryGetProperty("puskesmas", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var code = puskesmas.ValueKind == JsonValueKind.Object ? Str(puskesmas, "code") : null;
            var name = puskesmas.ValueKind == JsonValueKind.Object ? Str(puskesmas, "name") : null;
            if (string.IsNullOrWhiteSpace(code))
            {
                throw Malformed("package.puskesmas", "Paket tidak mencantumkan kode puskesmas.");
            }
            if (!MonthPeriod.TryParse(Str(root, "period"), out var period))
            {
                throw Malformed("package.period", "Periode paket harus berbentuk yyyy-MM, contoh 2026-10.");
            }
            if (!root.TryGetProperty("revision", out var rev) || rev.ValueKind != JsonValueKind.Number || !rev.TryGetInt32(out var revision) || revision < 1)
            {
                throw Malformed("package.revision", "Nomor revisi paket harus bilangan bulat ≥ 1.");
            }
            var generatedText = Str(root, "generatedAt");
            if (generatedText is null || !DateTimeOffset.TryParseExact(generatedText, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var generatedAt))
            {
                throw Malformed("package.generatedAt", "Waktu pembuatan paket (generatedAt) harus UTC, contoh 2026-11-02T03:04:05Z.");
            }
            var values = ParseValues(root);
            var drugs = schema >= 2 ? ParseDrugs(root) : [];
            var signature = root.TryGetProperty("signature", out var sig) && sig.ValueKind == JsonValueKind.Object ? sig : default;
            if (signature.ValueKind != JsonValueKind.Object)
            {
                throw new PackageRejectedException("package.unsigned", "Paket tidak bertanda tangan: buat ulang paket dari SIMPUS puskesmas.", PackageRejection.Signature);
            }
            if (Str(signature, "algorithm") != Algorithm)
            {
                throw new PackageRejectedException("package.signatureAlgorithm", $"Algoritma tanda tangan harus {Algorithm}.", PackageRejection.Signature);
            }
            var value = Str(signature, "value");
            if (value is not { Length: 64 } || !value.All(Uri.IsHexDigit))
            {
                throw new PackageRejectedException("package.signatureInvalid", "Tanda tangan paket rusak (harus 64 karakter heksadesimal).", PackageRejection.Signature);
            }
            var package = new MonthlyPackage
            {
                SchemaVersion = schema,
                PuskesmasCode = code.Trim(),
                PuskesmasName = name?.Trim() ?? "",
                Period = period,
                Revision = revision,
                GeneratedAt = generatedAt,
                Values = values,
                Drugs = drugs,
            };
            return new SignedPackage(package, value.ToLowerInvariant());
        }
    }

    /// <summary>Checks the signature with the sender's key (constant-time); throws with a clear reason if it does not match.</summary>
    public static void Verify(SignedPackage signed, string key)
    {
        var expected = HMACSHA256.HashData(KeyBytes(key), Canonical(signed.Package));
        if (!CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signed.Signature)))
        {
            throw new PackageRejectedException("package.signatureMismatch",
                $"Tanda tangan paket tidak cocok dengan kunci {signed.Package.PuskesmasCode}: isi paket telah diubah setelah ditandatangani, "
                + "atau paket dibuat dengan kunci puskesmas lain.", PackageRejection.Signature);
        }
    }

    /// <summary>Parse then verify with the key of the puskesmas the package names.</summary>
    public static SignedPackage ParseAndVerify(ReadOnlySpan<byte> file, Func<string, string?> keyOf)
    {
        var signed = Parse(file);
        var key = keyOf(signed.Package.PuskesmasCode)
            ?? throw new PackageRejectedException("puskesmas.unknown",
                $"Puskesmas dengan kode '{signed.Package.PuskesmasCode}' tidak terdaftar di Dinas Kesehatan ini.", PackageRejection.UnknownSender);
        Verify(signed, key);
        return signed;
    }

    private static IReadOnlyList<PackageValue> ParseValues(JsonElement root)
    {
        if (!root.TryGetProperty("values", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Malformed("package.values", "Paket tidak berisi daftar nilai (values).");
        }
        var list = new List<PackageValue>(array.GetArrayLength());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var element = item.ValueKind == JsonValueKind.Object ? Str(item, "dataElement") : null;
            if (string.IsNullOrWhiteSpace(element) || !ValidName(element))
            {
                throw Malformed("package.values", $"Nilai ke-{index + 1}: dataElement kosong atau tidak sah.");
            }
            var disaggregation = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("disaggregation", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                if (d.ValueKind != JsonValueKind.Object)
                {
                    throw Malformed("package.values", $"Nilai ke-{index + 1} ({element}): disaggregation harus objek.");
                }
                foreach (var member in d.EnumerateObject())
                {
                    if (member.Value.ValueKind != JsonValueKind.String || !ValidName(member.Name) || !ValidDimensionValue(member.Value.GetString()!))
                    {
                        throw Malformed("package.values", $"Nilai ke-{index + 1} ({element}): disaggregation '{member.Name}' tidak sah.");
                    }
                    disaggregation[member.Name] = member.Value.GetString()!;
                }
            }
            if (!item.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var number))
            {
                throw Malformed("package.values", $"Nilai ke-{index + 1} ({element}): value harus angka.");
            }
            if (number < 0)
            {
                throw Malformed("package.values", $"Nilai ke-{index + 1} ({element}): jumlah tidak boleh negatif.");
            }
            var value = new PackageValue(element, disaggregation, number);
            if (!seen.Add(value.Key))
            {
                throw Malformed("package.values", $"Nilai {value.Key} tercantum dua kali.");
            }
            list.Add(value);
            index++;
        }
        return list;
    }

    private static IReadOnlyList<PackageDrug> ParseDrugs(JsonElement root)
    {
        if (!root.TryGetProperty("drugs", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Malformed("package.drugs", "Paket skema 2 harus berisi daftar obat (drugs), boleh kosong.");
        }
        var list = new List<PackageDrug>(array.GetArrayLength());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            index++;
            var code = item.ValueKind == JsonValueKind.Object ? Str(item, "code") : null;
            var name = item.ValueKind == JsonValueKind.Object ? Str(item, "name") : null;
            var unit = item.ValueKind == JsonValueKind.Object ? Str(item, "unit") : null;
            string? fornas = null;
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("fornasClass", out var f) && f.ValueKind != JsonValueKind.Null)
            {
                fornas = f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                if (fornas is null || !ValidText(fornas, 120))
                {
                    throw Malformed("package.drugs", $"Obat ke-{index}: fornasClass harus teks paling panjang 120 karakter atau null.");
                }
            }
            if (code is null || !ValidName(code) || code.Length > 40)
            {
                throw Malformed("package.drugs", $"Obat ke-{index}: kode tidak sah.");
            }
            if (name is null || !ValidText(name, 120) || unit is null || !ValidText(unit, 20))
            {
                throw Malformed("package.drugs", $"Obat ke-{index} ({code}): nama (≤ 120) dan satuan (≤ 20) wajib diisi.");
            }
            if (!seen.Add(code))
            {
                throw Malformed("package.drugs", $"Obat {code} tercantum dua kali.");
            }
            list.Add(new PackageDrug(code, name, unit, fornas));
        }
        return list;
    }

    private static bool ValidText(string text, int max) => text.Length > 0 && text.Length <= max && !text.Any(char.IsControl);

    /// <summary>Names: letters, digits, '.', '_', '-'; dimension values may not contain the key separators ';', '=' or '|'.</summary>
    private static bool ValidName(string name) =>
        name.Length is > 0 and <= 80 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool ValidDimensionValue(string value) =>
        value.Length is > 0 and <= 80 && !value.Any(c => c is ';' or '=' or '|' || char.IsControl(c));

    private static void WriteBody(Utf8JsonWriter w, MonthlyPackage package, string? signature)
    {
        w.WriteStartObject();
        w.WriteString("format", MonthlyPackage.FormatName);
        w.WriteNumber("schemaVersion", package.SchemaVersion);
        w.WriteStartObject("puskesmas");
        w.WriteString("code", package.PuskesmasCode);
        w.WriteString("name", package.PuskesmasName);
        w.WriteEndObject();
        w.WriteString("period", package.Period.ToString());
        w.WriteNumber("revision", package.Revision);
        w.WriteString("generatedAt", package.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteStartArray("values");
        foreach (var v in Sorted(package.Values))
        {
            w.WriteStartObject();
            w.WriteString("dataElement", v.DataElement);
            w.WriteStartObject("disaggregation");
            foreach (var (name, value) in v.Disaggregation.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(name, value);
            }
            w.WriteEndObject();
            w.WritePropertyName("value");
            w.WriteRawValue(PackageValue.FormatValue(v.Value));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (package.SchemaVersion >= 2)
        {
            w.WriteStartArray("drugs");
            foreach (var d in package.Drugs.OrderBy(d => d.Code, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("code", d.Code);
                w.WriteString("name", d.Name);
                w.WriteString("unit", d.Unit);
                if (d.FornasClass is null)
                {
                    w.WriteNull("fornasClass");
                }
                else
                {
                    w.WriteString("fornasClass", d.FornasClass);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (signature is not null)
        {
            w.WriteStartObject("signature");
            w.WriteString("algorithm", Algorithm);
            w.WriteString("value", signature);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static IEnumerable<PackageValue> Sorted(IEnumerable<PackageValue> values) =>
        values.OrderBy(v => v.DataElement, StringComparer.Ordinal).ThenBy(v => v.DisaggregationKey, StringComparer.Ordinal);

    private static byte[] KeyBytes(string key)
    {
        if (!IsValidKey(key))
        {
            throw new PackageRejectedException("key.invalid", "Kunci puskesmas harus 64 karakter heksadesimal (diberikan oleh Dinas Kesehatan).", PackageRejection.Malformed);
        }
        return Convert.FromHexString(key);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static PackageRejectedException Malformed(string code, string message) => new(code, message, PackageRejection.Malformed);
}
