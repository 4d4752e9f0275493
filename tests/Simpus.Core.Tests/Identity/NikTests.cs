using Simpus.Core.Identity;

namespace Simpus.Core.Tests.Identity;

public sealed class NikTests
{
    private static readonly DateOnly Born = new(1985, 4, 12);

    [Fact]
    public void A_mans_NIK_carries_his_birth_date()
    {
        Assert.Empty(Nik.Validate("3373041204850001", Born, Sex.L));
    }

    [Fact]
    public void A_womans_NIK_adds_40_to_the_day()
    {
        Assert.Empty(Nik.Validate("3373045204850001", Born, Sex.P));
        Assert.Contains(Nik.Validate("3373041204850001", Born, Sex.P), e => e.Code == "nik.sex");
        Assert.Contains(Nik.Validate("3373045204850001", Born, Sex.L), e => e.Code == "nik.sex");
    }

    [Theory]
    [InlineData("337304120485000", "nik.format")]      // 15 digits
    [InlineData("33730412048500011", "nik.format")]    // 17 digits
    [InlineData("33730412O4850001", "nik.format")]     // letter O
    [InlineData("9973041204850001", "nik.province")]   // no province 99
    [InlineData("3300041204850001", "nik.region")]     // kab/kota 00
    [InlineData("3373041204850000", "nik.serial")]     // serial 0000
    [InlineData("3373043204850001", "nik.date")]       // day 32
    [InlineData("3373047204850001", "nik.date")]       // day 72 (woman's 32)
    [InlineData("3373041213850001", "nik.date")]       // month 13
    [InlineData("3373043002850001", "nik.date")]       // 30 February
    public void Malformed_NIKs_are_refused_with_a_code(string nik, string code)
    {
        Assert.Contains(Nik.Validate(nik, null, null), e => e.Code == code);
    }

    [Fact]
    public void A_date_part_that_disagrees_with_the_birth_date_is_an_error()
    {
        var errors = Nik.Validate("3373041304850001", Born, Sex.L);

        var error = Assert.Single(errors);
        Assert.Equal("nik.birthDate", error.Code);
        Assert.Equal("nik", error.Field);
        Assert.Contains("13-04-85", error.Message);
    }

    [Fact]
    public void Year_digits_must_match_the_birth_year()
    {
        Assert.Contains(Nik.Validate("3373041204860001", Born, Sex.L), e => e.Code == "nik.birthDate");
        Assert.Empty(Nik.Validate("3373041204850001", new DateOnly(1885, 4, 12), Sex.L)); // same two digits
    }

    [Fact]
    public void An_estimated_birth_date_only_checks_the_year_within_one()
    {
        Assert.Empty(Nik.Validate("3373041204850001", new DateOnly(1986, 1, 1), Sex.L, birthDateEstimated: true));
        Assert.Contains(Nik.Validate("3373041204850001", new DateOnly(1990, 1, 1), Sex.L, birthDateEstimated: true), e => e.Code == "nik.birthDate");
    }

    [Fact]
    public void A_29_February_NIK_needs_a_leap_year()
    {
        Assert.Empty(Nik.Validate("3373042902000001", new DateOnly(2000, 2, 29), Sex.L));
        Assert.Contains(Nik.Validate("3373042902010001", null, null), e => e.Code == "nik.date");
    }

    [Fact]
    public void Decode_resolves_the_century_so_the_date_is_not_in_the_future()
    {
        var today = new DateOnly(2026, 11, 23);

        Assert.Equal((new DateOnly(2024, 3, 5), Sex.P), Nik.Decode("3373044503240001", today));
        Assert.Equal((new DateOnly(1950, 3, 5), Sex.L), Nik.Decode("3373040503500001", today));
        Assert.Equal((new DateOnly(1926, 12, 1), Sex.L), Nik.Decode("3373040112260001", today));
    }

    [Theory]
    [InlineData("0001234567890", true)]
    [InlineData("000123456789", false)]
    [InlineData("00012345678901", false)]
    [InlineData("000123456789X", false)]
    public void BPJS_numbers_are_13_digits(string number, bool valid)
    {
        Assert.Equal(valid, BpjsNumber.Validate(number) is null);
    }

    [Theory]
    [InlineData("3373041001", 4, "33.73.04.1001", true)]
    [InlineData("33.73.04.2003", 4, "33.73.04.2003", true)]
    [InlineData("91.03.01.3007", 4, "91.03.01.3007", true)]   // desa adat (3xxx)
    [InlineData("33.73.04.4003", 4, "33.73.04.4003", false)]  // village part must start 1, 2 or 3
    [InlineData("3373", 2, "33.73", true)]
    [InlineData("99.73", 2, "99.73", false)]
    public void Region_codes_are_normalised_and_checked(string input, int level, string normalized, bool valid)
    {
        var n = RegionCode.Normalize(input)!;

        Assert.Equal(normalized, n);
        Assert.Equal(valid, RegionCode.Validate(n, level, "regionCode") is null);
    }
}
