using Simpus.Core.Identity;

namespace Simpus.Core.Tests.Identity;

public sealed class RmNumberTests
{
    [Fact]
    public void The_default_format_is_a_family_folder_number_with_a_member_suffix()
    {
        Assert.Equal("KK-000123-02", RmNumber.Format(RmNumber.DefaultFormat, 123, 2));
    }

    [Fact]
    public void Numbers_wider_than_the_padding_are_not_cut()
    {
        Assert.Equal("KK-1234567-100", RmNumber.Format(RmNumber.DefaultFormat, 1_234_567, 100));
    }

    [Theory]
    [InlineData("{family:00000}.{member:00}", 42, 1, "00042.01")]
    [InlineData("RM/{family:0000}/{member:0}", 7, 3, "RM/0007/3")]
    public void Other_formats_are_configurable(string format, long family, int member, string expected)
    {
        Assert.Null(RmNumber.ValidateFormat(format));
        Assert.Equal(expected, RmNumber.Format(format, family, member));
    }

    [Theory]
    [InlineData("")]
    [InlineData("KK-{family:000000}")]
    [InlineData("{member:00}")]
    [InlineData("KK-{family:000000}-{member:00}-{member:00}")]
    [InlineData("KK1-{family:000000}-{member:00}")]
    public void Formats_without_exactly_one_family_and_member_part_are_refused(string format)
    {
        Assert.NotNull(RmNumber.ValidateFormat(format));
    }
}
