using Simpus.Core.Patients.Search;

namespace Simpus.Core.Tests.Patients;

public sealed class NameKeyTests
{
    [Theory]
    [InlineData("Siti Aminah", "Sity Aminah")]
    [InlineData("Muhammad", "Mohamad")]
    [InlineData("Muhammad", "Muhamad")]
    [InlineData("Mochammad", "Muhammad")]
    [InlineData("Soekarno", "Sukarno")]
    [InlineData("Djoko", "Joko")]
    [InlineData("Achmad", "Ahmad")]
    [InlineData("Syaiful", "Saiful")]
    [InlineData("Khoirul", "Hoirul")]
    [InlineData("Fatimah", "Fatima")]
    [InlineData("Ma'ruf", "Maruf")]
    [InlineData("SITI  AMINAH", "siti aminah")]
    public void Spelling_variants_fold_to_the_same_key(string a, string b)
    {
        Assert.Equal(NameKey.Tokens(a), NameKey.Tokens(b));
    }

    [Theory]
    [InlineData("aminah", "aminha", 1)]
    [InlineData("rahmawati", "rahmawti", 1)]
    [InlineData("kurniawan", "kurnawain", 2)]
    public void Typos_are_counted_with_transpositions(string a, string b, int distance)
    {
        Assert.Equal(distance, NameKey.BoundedDistance(a, b, 2));
    }

    [Fact]
    public void Distances_beyond_the_bound_stop_early()
    {
        Assert.Equal(2, NameKey.BoundedDistance("budi", "santoso", 1));
    }
}
