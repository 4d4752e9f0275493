using Simpus.Core.Demo;

namespace Simpus.Core.Tests.Demo;

public sealed class PopulationGeneratorTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void The_same_seed_gives_the_same_people()
    {
        var a = new PopulationGenerator(7, Today).Generate(500).ToList();
        var b = new PopulationGenerator(7, Today).Generate(500).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, new PopulationGenerator(8, Today).Generate(500).ToList());
    }

    [Fact]
    public void Every_NIK_agrees_with_birth_date_and_sex_and_is_unique()
    {
        var people = new PopulationGenerator(11, Today).Generate(5000).ToList();

        Assert.All(people, p => Assert.True(PopulationGenerator.IsConsistent(p), p.ToString()));
        var niks = people.Where(p => p.Nik is not null).Select(p => p.Nik).ToList();
        Assert.Equal(niks.Count, niks.Distinct().Count());
        Assert.True(niks.Count > people.Count * 0.9);
        Assert.All(people, p => Assert.True(p.BirthDate <= Today));
    }

    [Fact]
    public void Families_have_one_head_and_numbered_members()
    {
        var people = new PopulationGenerator(3, Today).Generate(2000).ToList();

        foreach (var family in people.GroupBy(p => p.FamilyIndex))
        {
            Assert.Single(family, p => p.Relation == "kepala");
            Assert.Equal(Enumerable.Range(1, family.Count()), family.Select(p => p.MemberNo));
        }
    }
}
