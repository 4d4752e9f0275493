using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Simpus.Core.Backup;

/// <summary>
/// The encrypted backup file (<c>.db.enc</c>): the SQLite file in AES-256-GCM chunks under a key derived from a passphrase.
/// <code>
/// header (40 bytes):
///   0  magic     8 bytes  "SIMPUSBK"
///   8  version   1 byte   1
///   9  kdf       1 byte   1 = PBKDF2-HMAC-SHA256
///  10  reserved  2 bytes  0
///  12  iterations 4 bytes uint32 little-endian (600,000)
///  16  salt     16 bytes  random, new for every file (so every file has its own key)
///  32  chunk size 4 bytes uint32 little-endian (plaintext bytes per chunk, 1 MiB)
///  36  reserved  4 bytes  0
/// then chunks, in order, until the end of the file:
///   length     4 bytes  uint32 little-endian: plaintext bytes in this chunk (≤ chunk size; only the last may be shorter)
///   ciphertext length bytes
///   tag       16 bytes  GCM tag
/// </code>
/// Key = PBKDF2-HMAC-SHA256(passphrase as UTF-8, salt, iterations, 32 bytes). Chunk i (from 0) uses the 12-byte nonce
/// 0x00000000 ‖ i as uint64 big-endian, and the associated data header ‖ i as uint64 big-endian ‖ last (1 byte: 1 for
/// the final chunk, else 0), so chunks cannot be reordered, dropped or the file cut short without the tag failing.
/// A wrong passphrase or any changed byte fails the first affected tag.
/// </summary>
public static class BackupCrypto
{
    public const int HeaderLength = 40;
    public const int DefaultIterations = 600_000;
    private const int ChunkSize = 1 << 20;
    private const int TagLength = 16;
    private static readonly byte[] Magic = "SIMPUSBK"u8.ToArray();

    /// <summary>True when the file starts with the encrypted-backup magic.</summary>
    public static bool IsEncrypted(string path)
    {
        using var f = File.OpenRead(path);
        Span<byte> head = stackalloc byte[8];
        return f.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual(Magic);
    }

    public static void Encrypt(Stream plaintext, Stream output, string passphrase, int iterations = DefaultIterations)
    {
        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        header[8] = 1;
        header[9] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)iterations);
        RandomNumberGenerator.Fill(header.AsSpan(16, 16));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(32), ChunkSize);
        output.Write(header);

        using var aes = new AesGcm(DeriveKey(passphrase, header.AsSpan(16, 16), iterations), TagLength);
        var current = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        var cipher = new byte[ChunkSize];
        var tag = new byte[TagLength];
        var len = new byte[4];
        var length = plaintext.ReadAtLeast(current, ChunkSize, throwOnEndOfStream: false);
        for (ulong index = 0; ; index++)
        {
            // Read ahead one chunk to know whether this one is the last.
            var nextLength = length == ChunkSize ? plaintext.ReadAtLeast(next, ChunkSize, throwOnEndOfStream: false) : 0;
            var last = nextLength == 0;
            aes.Encrypt(Nonce(index), current.AsSpan(0, length), cipher.AsSpan(0, length), tag, Aad(header, index, last));
            BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)length);
            output.Write(len);
            output.Write(cipher, 0, length);
            output.Write(tag);
            if (last)
            {
                return;
            }
            (current, next) = (next, current);
            length = nextLength;
        }
    }

    /// <summary>Decrypts into <paramref name="output"/>; throws <see cref="BackupRefusedException"/> on a wrong passphrase or damaged file.</summary>
    public static void Decrypt(Stream input, Stream output, string passphrase)
    {
        var header = new byte[HeaderLength];
        if (input.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) != HeaderLength || !header.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new BackupRefusedException("backup.notEncrypted", "Berkas ini bukan cadangan SIMPUS terenkripsi.");
        }
        if (header[8] != 1 || header[9] != 1)
        {
            throw new BackupRefusedException("backup.unknownFormat", $"Format cadangan terenkripsi versi {header[8]} tidak dikenal.");
        }
        var iterations = (int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12));
        var chunkSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(32));
        if (iterations is < 1_000 or > 10_000_000 || chunkSize is < 1 or > 64 << 20)
        {
            throw new BackupRefusedException("backup.damaged", "Kepala berkas cadangan rusak.");
        }
        using var aes = new AesGcm(DeriveKey(passphrase, header.AsSpan(16, 16), iterations), TagLength);
        var cipher = new byte[chunkSize];
        var plain = new byte[chunkSize];
        var tag = new byte[TagLength];
        var lengthBytes = new byte[4];
        for (ulong index = 0; ; index++)
        {
            if (input.ReadAtLeast(lengthBytes, 4, throwOnEndOfStream: false) != 4)
            {
                throw new BackupRefusedException("backup.truncated", "Berkas cadangan terpotong (tidak lengkap).");
            }
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
            if (length > chunkSize || input.ReadAtLeast(cipher.AsSpan(0, length), length, throwOnEndOfStream: false) != length
                || input.ReadAtLeast(tag, TagLength, throwOnEndOfStream: false) != TagLength)
            {
                throw new BackupRefusedException("backup.truncated", "Berkas cadangan terpotong (tidak lengkap).");
            }
            var last = input.Position == input.Length;
            try
            {
                aes.Decrypt(Nonce(index), cipher.AsSpan(0, length), tag, plain.AsSpan(0, length), Aad(header, index, last));
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new BackupRefusedException("backup.decryptFailed",
                    index == 0 ? "Kata sandi cadangan salah, atau berkas rusak." : "Berkas cadangan rusak (bagian ke-" + (index + 1) + " tidak cocok).");
            }
            output.Write(plain, 0, length);
            if (last)
            {
                return;
            }
        }
    }

    private static byte[] DeriveKey(string passphrase, ReadOnlySpan<byte> salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, 32);

    private static byte[] Nonce(ulong index)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(4), index);
        return nonce;
    }

    private static byte[] Aad(byte[] header, ulong index, bool last)
    {
        var aad = new byte[HeaderLength + 9];
        header.CopyTo(aad, 0);
        BinaryPrimitives.WriteUInt64BigEndian(aad.AsSpan(HeaderLength), index);
        aad[^1] = last ? (byte)1 : (byte)0;
        return aad;
    }
}

/// <summary>A backup that cannot be used: not a SIMPUS database of the right kind, damaged, or the passphrase is wrong.</summary>
public sealed class BackupRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
