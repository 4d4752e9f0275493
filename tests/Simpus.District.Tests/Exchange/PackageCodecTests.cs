using System.Text;
using Simpus.District.Tests.Infrastructure;
using Simpus.Exchange;

namespace Simpus.District.Tests.Exchange;

public sealed class PackageCodecTests
{
    private static readonly string Key = PackageCodec.NewKey();

    [Fact]
    public void Written_package_parses_back_and_verifies_with_the_same_key()
    {
        var package = TestPackages.Package("P001", new MonthPeriod(2026, 10));

        var signed = PackageCodec.Parse(PackageCodec.Write(package, Key));
        PackageCodec.Verify(signed, Key);

        Assert.Equal("P001", signed.Package.PuskesmasCode);
        Assert.Equal(new MonthPeriod(2026, 10), signed.Package.Period);
        Assert.Equal(package.Values.Count, signed.Package.Values.Count);
        Assert.Equal(PackageCodec.ContentHash(package), signed.ContentHash);
    }

    [Fact]
    public void Canonical_form_does_not_depend_on_value_or_dimension_order()
    {
        var package = TestPackages.Package("P001", new MonthPeriod(2026, 10));
        var shuffled = package with
        {
            Values = package.Values.Reverse().Select(v => v with
            {
                Disaggregation = v.Disaggregation.Reverse().ToDictionary(p => p.Key, p => p.Value),
            }).ToList(),
        };

        Assert.Equal(PackageCodec.Canonical(package), PackageCodec.Canonical(shuffled));
        Assert.Equal(PackageCodec.Sign(package, Key), PackageCodec.Sign(shuffled, Key));
    }

    [Fact]
    public void Changed_value_fails_verification_with_a_clear_reason()
    {
        var text = Encoding.UTF8.GetString(PackageCodec.Write(TestPackages.Package("P001", new MonthPeriod(2026, 10)), Key));
        var tampered = text.Replace("\"value\": 600", "\"value\": 6000", StringComparison.Ordinal);
        Assert.NotEqual(text, tampered);

        var signed = PackageCodec.Parse(Encoding.UTF8.GetBytes(tampered));
        var error = Assert.Throws<PackageRejectedException>(() => PackageCodec.Verify(signed, Key));

        Assert.Equal("package.signatureMismatch", error.Code);
        Assert.Equal(PackageRejection.Signature, error.Kind);
        Assert.Contains("diubah", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_signed_with_another_puskesmas_key_fails_verification()
    {
        var file = PackageCodec.Write(TestPackages.Package("P001", new MonthPeriod(2026, 10)), PackageCodec.NewKey());

        var error = Assert.Throws<PackageRejectedException>(() => PackageCodec.Verify(PackageCodec.Parse(file), Key));

        Assert.Equal("package.signatureMismatch", error.Code);
    }

    [Theory]
    [InlineData("not json", "package.json")]
    [InlineData("{\"format\":\"other\"}", "package.format")]
    [InlineData("{\"format\":\"simpus.monthly-package\",\"schemaVersion\":99}", "package.schemaVersion")]
    [InlineData("{\"format\":\"simpus.monthly-package\",\"schemaVersion\":1,\"puskesmas\":{\"code\":\"P1\",\"name\":\"x\"},\"period\":\"2026-13\"}", "package.period")]
    public void Malformed_files_are_refused_naming_the_problem(string text, string code)
    {
        var error = Assert.Throws<PackageRejectedException>(() => PackageCodec.Parse(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(code, error.Code);
        Assert.Equal(PackageRejection.Malformed, error.Kind);
    }

    [Fact]
    public void Unsigned_package_is_refused()
    {
        var text = Encoding.UTF8.GetString(PackageCodec.Write(TestPackages.Package("P001", new MonthPeriod(2026, 10)), Key));
        var unsigned = text[..text.IndexOf(",\n  \"signature\"", StringComparison.Ordinal)] + "\n}";

        var error = Assert.Throws<PackageRejectedException>(() => PackageCodec.Parse(Encoding.UTF8.GetBytes(unsigned)));

        Assert.Equal("package.unsigned", error.Code);
    }

    [Fact]
    public void Values_hash_ignores_revision_and_time_but_not_values()
    {
        var a = TestPackages.Package("P001", new MonthPeriod(2026, 10), revision: 1);
        var b = TestPackages.Package("P001", new MonthPeriod(2026, 10), revision: 2) with { GeneratedAt = DateTimeOffset.UtcNow };
        var c = TestPackages.Package("P001", new MonthPeriod(2026, 10), visits: 121);

        Assert.Equal(PackageCodec.ValuesHash(a.Values), PackageCodec.ValuesHash(b.Values));
        Assert.NotEqual(PackageCodec.ValuesHash(a.Values), PackageCodec.ValuesHash(c.Values));
    }
}
