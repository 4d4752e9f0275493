using System.Text.Json;
using Simpus.Core.Common;

namespace Simpus.Exchange;

/// <summary>
/// What a receiver accepts before it has read a whole package: the file size in bytes, the number of <c>values</c> and the
/// number of <c>drugs</c> (the rows of the two sections that grow with the puskesmas).
/// </summary>
public sealed record PackageLimits(long MaxBytes, int MaxValues, int MaxDrugs)
{
    /// <summary>Nesting of a package is 4 (root, values, value, disaggregation); anything deeper is not a package.</summary>
    public const int MaxDepth = 8;

    public bool IsValid() => MaxBytes is >= 1024 and <= int.MaxValue - 1 && MaxValues >= 1 && MaxDrugs >= 0;
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

        private int _consumed;
        private bool _started;
        private string? _member;
        private string? _section;
        private int _values;
        private int _drugs;

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
            switch (reader.CurrentDepth)
            {
                case 1 when reader.TokenType == JsonTokenType.PropertyName:
                    _member = reader.ValueTextEquals("values"u8) ? "values" : reader.ValueTextEquals("drugs"u8) ? "drugs" : null;
                    break;
                case 1 when reader.TokenType == JsonTokenType.StartArray:
                    _section = _member;
                    break;
                case 1 when reader.TokenType == JsonTokenType.EndArray:
                    _section = null;
                    break;
                case 2 when _section is not null && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray):
                    Count();
                    break;
            }
        }

        private void Count()
        {
            if (_section == "values" && ++_values > limits.MaxValues)
            {
                throw new PackageRejectedException("package.tooManyValues", string.Create(Cultures.Indonesian,
                    $"Paket berisi lebih dari {limits.MaxValues:N0} nilai (values), batas yang diterima Dinas Kesehatan. Paket bulanan puskesmas jauh lebih kecil: pastikan berkasnya paket SIMPUS yang benar."),
                    PackageRejection.TooLarge);
            }
            if (_section == "drugs" && ++_drugs > limits.MaxDrugs)
            {
                throw new PackageRejectedException("package.tooManyDrugs", string.Create(Cultures.Indonesian,
                    $"Paket berisi lebih dari {limits.MaxDrugs:N0} obat (drugs), batas yang diterima Dinas Kesehatan."),
                    PackageRejection.TooLarge);
            }
        }
    }
}
