using System.Text;
using Simpus.District.Tests.Infrastructure;
using Simpus.Exchange;

namespace Simpus.District.Tests.Exchange;

/// <summary>
/// The streaming reader the district receives packages with: it stops at the first cap exceeded or the first byte that is not
/// JSON, having read at most the byte cap (plus one) from the source, whatever the source would still give.
/// </summary>
public sealed class PackageStreamTests
{
    private static readonly PackageLimits Limits = new(MaxBytes: 256 * 1024, MaxValues: 50, MaxDrugs: 5, MaxLb1Codes: 50, MaxReportRows: 20);

    [Fact]
    public async Task Garbage_is_refused_after_the_first_chunk_without_reading_the_rest()
    {
        var source = new EndlessStream(seed => (byte)(seed * 31 % 251), total: 100L * 1024 * 1024);

        var error = await Assert.ThrowsAsync<PackageRejectedException>(() => PackageStream.ReadAsync(source, Limits));

        Assert.Equal("package.json", error.Code);
        Assert.Equal(PackageRejection.Malformed, error.Kind);
        Assert.True(source.BytesRead <= 64 * 1024, $"read {source.BytesRead} bytes of garbage");
    }

    [Fact]
    public async Task Well_formed_json_over_the_byte_cap_is_refused_having_read_at_most_the_cap()
    {
        // A JSON object whose one string never ends: valid so far at every chunk, so only the byte cap stops it.
        var prefix = Encoding.UTF8.GetBytes("{\"format\":\"simpus.monthly-package\",\"padding\":\"");
        var source = new EndlessStream(i => i < prefix.Length ? prefix[i] : (byte)'a', total: 100L * 1024 * 1024);

        var error = await Assert.ThrowsAsync<PackageRejectedException>(() => PackageStream.ReadAsync(source, Limits));

        Assert.Equal("package.tooLarge", error.Code);
        Assert.Equal(PackageRejection.TooLarge, error.Kind);
        Assert.Contains("256 KB", error.Message, StringComparison.Ordinal);
        Assert.True(source.BytesRead <= Limits.MaxBytes + 1, $"read {source.BytesRead} bytes, cap {Limits.MaxBytes}");
    }

    [Fact]
    public async Task Too_many_values_stop_reading_at_the_first_value_over_the_cap()
    {
        var file = TestPackages.File(Big("P001", values: 5_000), PackageCodec.NewKey());
        var source = new EndlessStream(i => file[i], total: file.Length);

        var error = await Assert.ThrowsAsync<PackageRejectedException>(
            () => PackageStream.ReadAsync(source, Limits with { MaxBytes = 4 * 1024 * 1024, MaxLb1Codes = 10_000 }));

        Assert.Equal("package.tooManyValues", error.Code);
        Assert.Equal(PackageRejection.TooLarge, error.Kind);
        Assert.True(source.BytesRead < file.Length / 4, $"read {source.BytesRead} of {file.Length} bytes");
    }

    [Fact]
    public async Task Too_many_drugs_are_refused()
    {
        var package = Big("P001", values: 10) with
        {
            Drugs = Enumerable.Range(1, 6).Select(i => new PackageDrug($"OB{i:000}", "Obat " + i, "tablet", null)).ToList(),
        };
        var file = TestPackages.File(package, PackageCodec.NewKey());

        var error = await Assert.ThrowsAsync<PackageRejectedException>(() => PackageStream.ReadAsync(new MemoryStream(file), Limits));

        Assert.Equal("package.tooManyDrugs", error.Code);
    }

    [Fact]
    public async Task A_package_at_the_caps_is_returned_byte_for_byte()
    {
        var package = Big("P001", values: Limits.MaxValues) with
        {
            Drugs = Enumerable.Range(1, Limits.MaxDrugs).Select(i => new PackageDrug($"OB{i:000}", "Obat " + i, "tablet", null)).ToList(),
        };
        var file = TestPackages.File(package, PackageCodec.NewKey());

        var read = await PackageStream.ReadAsync(new EndlessStream(i => file[i], total: file.Length), Limits);

        Assert.Equal(file, read);
        Assert.Equal(Limits.MaxValues, PackageCodec.Parse(read).Package.Values.Count);
    }

    [Fact]
    public async Task Rows_per_section_are_capped_while_streaming_lb1_codes_lplpo_drugs_and_report_rows()
    {
        var key = PackageCodec.NewKey();
        var codes = TestPackages.File(Big("P001", values: 40), key);
        var lplpo = TestPackages.File(Big("P001", values: 0) with
        {
            Values = Enumerable.Range(1, 6).Select(i => TestPackages.Value("LPLPO.SISA", i, ("drug", $"OB{i:000}"))).ToList(),
        }, key);
        var report = TestPackages.File(Big("P001", values: 0) with
        {
            Values = Enumerable.Range(1, 21).Select(i => TestPackages.Value($"LAIN.X{i:00}", i)).ToList(),
        }, key);
        var sameCodes = TestPackages.File(Big("P001", values: 0) with
        {
            // 48 values over 4 codes: many values, few rows.
            Values = Enumerable.Range(0, 48).Select(i => TestPackages.Value("LB1.BARU", 1, ("code", $"J{i % 4:00}"), ("sex", i % 2 == 0 ? "L" : "P"),
                ("ageBand", $"b{i / 2}"))).ToList(),
        }, key);

        var limits = Limits with { MaxLb1Codes = 30 };
        Assert.Equal("package.tooManyLb1Codes", (await Assert.ThrowsAsync<PackageRejectedException>(() => PackageStream.ReadAsync(new MemoryStream(codes), limits))).Code);
        Assert.Equal("package.tooManyDrugs", (await Assert.ThrowsAsync<PackageRejectedException>(() => PackageStream.ReadAsync(new MemoryStream(lplpo), limits))).Code);
        Assert.Equal("package.tooManyRows", (await Assert.ThrowsAsync<PackageRejectedException>(() => PackageStream.ReadAsync(new MemoryStream(report), limits))).Code);
        Assert.Equal(sameCodes, await PackageStream.ReadAsync(new MemoryStream(sameCodes), limits));
    }

    [Fact]
    public void A_parsed_package_is_checked_with_the_same_counts()
    {
        var package = Big("P001", values: 31);

        var error = Assert.Throws<PackageRejectedException>(() => (Limits with { MaxLb1Codes = 30 }).Check(package));
        (Limits with { MaxLb1Codes = 31 }).Check(package);

        Assert.Equal("package.tooManyLb1Codes", error.Code);
        Assert.Equal(PackageRejection.TooLarge, error.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"a\":[[[[[[[[[[1]]]]]]]]]]}")]
    [InlineData("{\"format\":\"simpus.monthly-package\"")]
    public async Task Empty_not_an_object_too_deep_or_cut_short_is_malformed(string text)
    {
        var error = await Assert.ThrowsAsync<PackageRejectedException>(
            () => PackageStream.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), Limits));

        Assert.Equal("package.json", error.Code);
    }

    /// <summary>A package of <paramref name="values"/> LB1 values (distinct codes), seeded.</summary>
    public static MonthlyPackage Big(string code, int values) => TestPackages.Package(code, TestPackages.LastMonth) with
    {
        Values = Enumerable.Range(0, values)
            .Select(i => TestPackages.Value("LB1.LAMA", 1 + i % 7, ("code", $"X{i:00000}"), ("sex", i % 2 == 0 ? "L" : "P")))
            .ToList(),
    };

    /// <summary>A source of <paramref name="total"/> generated bytes that counts how many were read from it.</summary>
    private sealed class EndlessStream(Func<int, byte> byteAt, long total) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, total - BytesRead);
            for (var i = 0; i < n; i++)
            {
                buffer[i] = byteAt((int)(BytesRead + i));
            }
            BytesRead += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
