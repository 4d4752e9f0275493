using System.Text.Json;
using Simpus.Core.Common;

namespace Simpus.Exchange;

/// <summary>
/// What a receiver accepts before it has read a whole package: the file size in bytes, the number of <c>values</c>, and the rows
/// each section adds to a district recap: <c>drugs</c> (and distinct <c>drug</c>s of the <c>LPLPO.*</c> values), distinct LB1
/// diagnosis codes (<c>code</c> of <c>LB1.*</c>), and the other values (one row each on the report sheets; <c>POR.*</c> excepted,
/// its groups are fixed).
/// </summary>
public sealed record PackageLimits(long MaxBytes, int MaxValues, int MaxDrugs, int MaxLb1Codes, int MaxReportRows)
{
    /// <summary>Nesting of a package is 4 (root, values, value, disaggregation); anything deeper is not a package.</summary>
    public const int MaxDepth = 8;

    public bool IsValid() => MaxBytes is >= 1024 and <= int.MaxValue - 1 && MaxValues >= 1 && MaxDrugs >= 0 && MaxLb1Codes >= 0 && MaxReportRows >= 0;

    /// <summary>Throws when a parsed package is over a cap (the same counts the streaming reader keeps).</summary>
    public void Check(MonthlyPackage package)
    {
        var rows = new SectionRows(this);
        foreach (var value in package.Values)
        {
            rows.Value(value.DataElement, value.Disaggregation.GetValueOrDefault("code"), value.Disaggregation.GetValueOrDefault("drug"));
        }
        for (var i = 0; i < package.Drugs.Count; i++)
        {
            rows.Drug();
        }
    }
}

/// <summary>Counts values and section rows as they come, refusing at the first one over a cap.</summary>
internal sealed class SectionRows(PackageLimits limits)
{
    private readonly HashSet<string> _lb1Codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _lplpoDrugs = new(StringComparer.Ordinal);
    private int _values;
    private int _drugs;
    private int _reportRows;

    public void Value(string? element, string? code, string? drug)
    {
        if (++_values > limits.MaxValues)
        {
            throw Refused("package.tooManyValues",
                $"Paket berisi lebih dari {limits.MaxValues:N0} nilai (values), batas yang diterima Dinas Kesehatan. Paket bulanan puskesmas jauh lebih kecil: pastikan berkasnya paket SIMPUS yang benar.");
        }
        if (element is null)
        {
            return;
        }
        if (element.StartsWith("LB1.", StringComparison.Ordinal))
        {
            if (code is not null && _lb1Codes.Add(code) && _lb1Codes.Count > limits.MaxLb1Codes)
            {
                throw Refused("package.tooManyLb1Codes",
                    $"Paket berisi lebih dari {limits.MaxLb1Codes:N0} kode diagnosis LB1 berbeda, batas yang diterima Dinas Kesehatan.");
            }
        }
        else if (element.StartsWith("LPLPO.", StringComparison.Ordinal))
        {
            if (drug is not null && _lplpoDrugs.Add(drug) && _lplpoDrugs.Count > limits.MaxDrugs)
            {
                throw TooManyDrugs();
            }
        }
        else if (!element.StartsWith("POR.", StringComparison.Ordinal) && ++_reportRows > limits.MaxReportRows)
        {
            throw Refused("package.tooManyRows",
                $"Paket berisi lebih dari {limits.MaxReportRows:N0} nilai di luar LB1 dan farmasi (baris laporan), batas yang diterima Dinas Kesehatan.");
        }
    }

    public void Drug()
    {
        if (++_drugs > limits.MaxDrugs)
        {
            throw TooManyDrugs();
        }
    }

    private PackageRejectedException TooManyDrugs() => Refused("package.tooManyDrugs",
        $"Paket berisi lebih dari {limits.MaxDrugs:N0} obat, batas yang diterima Dinas Kesehatan.");

    private static PackageRejectedException Refused(string code, FormattableString message) =>
        new(code, message.ToString(Cultures.Indonesian), PackageRejection.TooLarge);
}

/// <summary>
/// Reads a package from a stream (a request body, an uploaded file) without trusting its size: the bytes are read in chunks and
/// checked as they arrive with <see cref="Utf8JsonReader"/> (incremental, <c>isFinalBlock: false</c>), so the first cap exceeded
/// or the first byte that is not JSON stops reading at once. Memory is bounded by <see cref="PackageLimits.MaxBytes"/> whatever
/// the sender sends; garbage is refused after the first chunk. The bytes returned are then parsed and verified by
/// <see cref="PackageCodec"/> (a document of at most the cap).
/// </summary>
public static class PackageStream
{
    private const int Chunk = 64 * 1024;

    /// <summary>
    /// The whole file when it is well-formed JSON within the limits; otherwise throws <see cref="PackageRejectedException"/>
    /// (<see cref="PackageRejection.TooLarge"/> for a cap, <see cref="PackageRejection.Malformed"/> for bytes that are not JSON)
    /// having read at most <c>MaxBytes + 1</c> bytes.
    /// </summary>
    public static async Task<byte[]> ReadAsync(Stream source, PackageLimits limits, CancellationToken cancellationToken = default)
    {
        var scanner = new Scanner(limits);
        var buffer = new byte[(int)Math.Min(limits.MaxBytes + 1, Chunk)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                // Grow, but never past one byte over the cap: that byte is enough to know the file is too large.
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limits.MaxBytes + 1));
            }
            var read = await source.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length - length, Chunk)), cancellationToken);
            if (read == 0)
            {
                break;
            }
            length += read;
            if (length > limits.MaxBytes)
            {
                throw TooLarge(limits);
            }
            scanner.Feed(buffer.AsSpan(0, length), isFinalBlock: false);
        }
        scanner.Feed(buffer.AsSpan(0, length), isFinalBlock: true);
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>The refusal for a file over the byte cap (also used when the declared Content-Length already says so).</summary>
    public static PackageRejectedException TooLarge(PackageLimits limits) => new("package.tooLarge",
        $"Paket lebih besar dari batas {Size(limits.MaxBytes)}. Paket bulanan puskesmas jauh lebih kecil: pastikan berkasnya paket SIMPUS yang benar.",
        PackageRejection.TooLarge);

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1048576.0).ToString("0.#", Cultures.Indonesian) + " MB"
        : (bytes / 1024.0).ToString("0.#", Cultures.Indonesian) + " KB";

    /// <summary>Follows the tokens of the bytes read so far: where we are at depth 1, and how many items the sections hold.</summary>
    private sealed class Scanner(PackageLimits limits)
    {
        private JsonReaderState _state = new(new JsonReaderOptions
        {
            MaxDepth = PackageLimits.MaxDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });

        private readonly SectionRows _rows = new(limits);
        private int _consumed;
        private bool _started;
        private string? _member;
        private string? _section;
        private string? _valueMember;
        private string? _dimension;
        private string? _element;
        private string? _code;
        private string? _drug;

        public void Feed(ReadOnlySpan<byte> all, bool isFinalBlock)
        {
            var reader = new Utf8JsonReader(all[_consumed..], isFinalBlock, _state);
            try
            {
                while (reader.Read())
                {
                    Token(ref reader);
                }
            }
            catch (JsonException)
            {
                throw new PackageRejectedException("package.json", "Berkas bukan paket data SIMPUS: isinya bukan JSON yang sah.", PackageRejection.Malformed);
            }
            catch (InvalidOperationException)
            {
                throw new PackageRejectedException("package.encoding", "Berkas bukan paket data SIMPUS: isinya bukan teks UTF-8 yang sah.", PackageRejection.Malformed);
            }
            if (isFinalBlock && !_started)
            {
                throw new PackageRejectedException("package.json", "Berkas kosong: tidak ada paket data SIMPUS di dalamnya.", PackageRejection.Malformed);
            }
            _consumed += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }

        private void Token(ref Utf8JsonReader reader)
        {
            if (!_started)
            {
                _started = true;
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new PackageRejectedException("package.json", "Berkas bukan paket data SIMPUS: isinya bukan objek JSON.", PackageRejection.Malformed);
                }
                return;
            }
            var depth = reader.CurrentDepth;
            var type = reader.TokenType;
            if (depth == 1)
            {
                switch (type)
                {
                    case JsonTokenType.PropertyName:
                        _member = reader.ValueTextEquals("values"u8) ? "values" : reader.ValueTextEquals("drugs"u8) ? "drugs" : null;
                        break;
                    case JsonTokenType.StartArray:
                        _section = _member;
                        break;
                    case JsonTokenType.EndArray:
                        _section = null;
                        break;
                }
                return;
            }
            if (_section is null)
            {
                return;
            }
            if (depth == 2)
            {
                if (type is JsonTokenType.StartObject)
                {
                    _element = _code = _drug = _valueMember = _dimension = null;
                }
                else if (type is JsonTokenType.EndObject)
                {
                    Item();
                }
                else if (type is not JsonTokenType.EndArray)
                {
                    Item(); // a number or string where an object belongs: counted; the parser names the problem afterwards
                }
                return;
            }
            if (_section != "values")
            {
                return;
            }
            if (depth == 3 && type == JsonTokenType.PropertyName)
            {
                _valueMember = reader.ValueTextEquals("dataElement"u8) ? "dataElement" : reader.ValueTextEquals("disaggregation"u8) ? "disaggregation" : null;
            }
            else if (depth == 3 && type == JsonTokenType.String && _valueMember == "dataElement")
            {
                _element = reader.GetString();
            }
            else if (depth == 4 && _valueMember == "disaggregation" && type == JsonTokenType.PropertyName)
            {
                _dimension = reader.ValueTextEquals("code"u8) ? "code" : reader.ValueTextEquals("drug"u8) ? "drug" : null;
            }
            else if (depth == 4 && _valueMember == "disaggregation" && type == JsonTokenType.String && _dimension is not null)
            {
                if (_dimension == "code")
                {
                    _code = reader.GetString();
                }
                else
                {
                    _drug = reader.GetString();
                }
                _dimension = null;
            }
        }

        private void Item()
        {
            if (_section == "values")
            {
                _rows.Value(_element, _code, _drug);
            }
            else
            {
                _rows.Drug();
            }
        }
    }
}
