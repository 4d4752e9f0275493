using System.Security.Cryptography;
using Simpus.Core.Backup;

namespace Simpus.Core.Tests.Backup;

public sealed class BackupCryptoTests
{
    private static byte[] Encrypt(byte[] plain, string passphrase)
    {
        using var output = new MemoryStream();
        BackupCrypto.Encrypt(new MemoryStream(plain), output, passphrase, iterations: 1_000);
        return output.ToArray();
    }

    private static byte[] Decrypt(byte[] file, string passphrase)
    {
        using var output = new MemoryStream();
        BackupCrypto.Decrypt(new MemoryStream(file), output, passphrase);
        return output.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1 << 20)]
    [InlineData((1 << 20) * 2 + 12345)]
    public void Round_trips_any_length_in_chunks(int length)
    {
        var plain = RandomNumberGenerator.GetBytes(length);

        var file = Encrypt(plain, "sandi-rahasia");

        Assert.Equal("SIMPUSBK"u8.ToArray(), file[..8]);
        Assert.Equal(plain, Decrypt(file, "sandi-rahasia"));
    }

    [Fact]
    public void The_same_content_encrypts_differently_each_time()
    {
        var plain = RandomNumberGenerator.GetBytes(5000);

        Assert.NotEqual(Encrypt(plain, "sandi-rahasia")[40..], Encrypt(plain, "sandi-rahasia")[40..]);
    }

    [Fact]
    public void A_wrong_passphrase_a_changed_byte_or_a_cut_file_is_refused()
    {
        var plain = RandomNumberGenerator.GetBytes((1 << 20) + 500);
        var file = Encrypt(plain, "sandi-rahasia");
        var flipped = (byte[])file.Clone();
        flipped[(1 << 20) + 100] ^= 0x01;
        var cutAtChunk = file[..(40 + 4 + (1 << 20) + 16)];
        var headerChanged = (byte[])file.Clone();
        headerChanged[20] ^= 0xFF;

        Assert.Equal("backup.decryptFailed", Assert.Throws<BackupRefusedException>(() => Decrypt(file, "sandi-salah")).Code);
        Assert.Equal("backup.decryptFailed", Assert.Throws<BackupRefusedException>(() => Decrypt(flipped, "sandi-rahasia")).Code);
        Assert.Equal("backup.decryptFailed", Assert.Throws<BackupRefusedException>(() => Decrypt(cutAtChunk, "sandi-rahasia")).Code);
        Assert.Equal("backup.truncated", Assert.Throws<BackupRefusedException>(() => Decrypt(file[..^3], "sandi-rahasia")).Code);
        Assert.Equal("backup.decryptFailed", Assert.Throws<BackupRefusedException>(() => Decrypt(headerChanged, "sandi-rahasia")).Code);
        Assert.Equal("backup.notEncrypted", Assert.Throws<BackupRefusedException>(() => Decrypt(plain, "sandi-rahasia")).Code);
    }
}
