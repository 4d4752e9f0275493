using Simpus.Core.Patients;
using Simpus.Core.Patients.Search;

namespace Simpus.Core.Tests.Patients;

public sealed class SearchContextTests
{
    private static readonly Dictionary<string, string> Villages = new()
    {
        ["33.73.04.1001"] = "Kecandran",
        ["33.73.04.1002"] = "Dukuh",
    };

    private static long _id;

    private static Patient P(string name, long family, string relation, string region, string rt, string birthDate = "1990-01-01", string? address = null) => new()
    {
        Id = Interlocked.Increment(ref _id), Rm = $"KK-{family:000000}-{_id:00}", Name = name, Sex = "P", BirthDate = DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture),
        DefaultPayer = "umum", FamilyNumber = family, Relation = relation, RegionCode = region, Rt = rt, Rw = "002", Address = address ?? "Jl. Melati No. 1",
    };

    /// <summary>The index keeps no patients (hits are ids): the fixture reads them back from the list it was loaded from.</summary>
    private sealed class Indexed(PatientSearchIndex index, Dictionary<long, Patient> patients)
    {
        public IReadOnlyList<SearchHit> Search(string query) =>
            index.Search(query).Select(h => new SearchHit(patients[h.Id], h.MatchedBy, h.Score) { Match = h.Match }).ToList();

        public Patient Named(string name, long family) => patients.Values.Single(p => p.Name == name && p.FamilyNumber == family);

        /// <summary>As <see cref="PatientService"/> does after a committed change.</summary>
        public void Changed(Patient p)
        {
            patients[p.Id] = p;
            index.Upsert(IndexedPatient.Of(p), p.Voided);
        }
    }

    private static Indexed Index()
    {
        var index = new PatientSearchIndex { PlaceName = code => Villages.GetValueOrDefault(code) };
        Patient[] patients =
        [
            P("Budi Santoso", 1, "kepala", "33.73.04.1002", "005", "1970-05-05"),
            P("Siti Rahayu", 1, "anak", "33.73.04.1002", "005", "2010-02-02"),
            P("Agus Santoso", 1, "anak", "33.73.04.1002", "005", "2012-03-03"),
            P("Siti Aminah", 2, "kepala", "33.73.04.1001", "003", address: "Dusun Krajan"),
            P("Siti Aminah", 3, "kepala", "33.73.04.1002", "007"),
            P("Siti Wahyuni", 4, "kepala", "33.73.04.1001", "004"),
            P("Budi Santosa", 5, "kepala", "33.73.04.1001", "001", "1964-01-01"),
            P("Rizky Santoso", 5, "anak", "33.73.04.1001", "001", "2008-01-01"),
        ];
        index.Load(patients.Select(IndexedPatient.Of));
        return new Indexed(index, patients.ToDictionary(p => p.Id));
    }

    [Fact]
    public void Address_words_village_names_and_RT_narrow_a_name_search()
    {
        var index = Index();

        var rt3 = index.Search("siti rt 3 kecandran");
        var village = index.Search("siti dukuh");
        var street = index.Search("siti aminah krajan");

        Assert.Equal("KK-000002", Assert.Single(rt3).Patient.Rm[..9]);
        Assert.Equal(["Siti Aminah", "Siti Rahayu"], village.Select(h => h.Patient.Name).Order());
        Assert.Equal(2, Assert.Single(street).Patient.FamilyNumber);
        Assert.Equal(SearchMatch.Exact, rt3[0].Match);
    }

    [Fact]
    public void A_relation_word_and_the_family_heads_name_find_the_members()
    {
        var index = Index();

        var children = index.Search("anak budi santoso");
        var inFamily = index.Search("siti budi santoso");

        Assert.Equal(["Siti Rahayu", "Agus Santoso"], children.Take(2).Select(h => h.Patient.Name));
        Assert.All(children.Take(2), h => Assert.Equal("family", h.MatchedBy));
        Assert.Equal(SearchMatch.Exact, children[0].Match);
        Assert.Equal("Siti Rahayu", inFamily[0].Patient.Name);
    }

    [Fact]
    public void A_typo_tolerant_hit_is_marked_similar_and_an_exact_one_exact()
    {
        var index = Index();

        Assert.Equal(SearchMatch.Exact, index.Search("siti wahyuni")[0].Match);
        Assert.Equal(SearchMatch.Partial, index.Search("siti wahy")[0].Match);
        var typo = index.Search("siti wahyini");
        Assert.Equal("Siti Wahyuni", typo[0].Patient.Name);
        Assert.Equal(SearchMatch.Similar, typo[0].Match);
    }

    [Fact]
    public void The_narrowing_follows_corrections_moves_and_voided_patients()
    {
        var index = Index();
        var head = index.Named("Budi Santoso", 1);
        var siti = index.Named("Siti Rahayu", 1);

        // A corrected head is indexed again after his children: still their head.
        index.Changed(head with { Phone = "081234567890", Address = "Jl. Kenanga 4" });
        Assert.Equal(["Siti Rahayu", "Agus Santoso"], index.Search("anak budi santoso").Take(2).Select(h => h.Patient.Name));
        // A child who moved is found at the new RT and street only.
        index.Changed(siti with { Rt = "009", Address = "Gang Mangga 2" });
        Assert.Equal("Siti Rahayu", Assert.Single(index.Search("siti rt 9 mangga")).Patient.Name);
        Assert.DoesNotContain(index.Search("siti rt 5"), h => h.Patient.Id == siti.Id);
        // A voided child leaves the family's list; without a head, the family's members are no longer found by his name.
        index.Changed(index.Named("Agus Santoso", 1) with { Voided = true });
        Assert.Equal(["Siti Rahayu"], index.Search("anak budi santoso").Where(h => h.Match == SearchMatch.Exact).Select(h => h.Patient.Name));
        index.Changed(head with { Voided = true });
        Assert.DoesNotContain(index.Search("anak budi santoso"), h => h.Match == SearchMatch.Exact);
        Assert.DoesNotContain(index.Search("siti budi santoso"), h => h.Patient.Id == siti.Id);
    }

    [Theory]
    [InlineData("siti rt 3 kecandran", "003", null, new[] { "siti", "kecandran" }, null)]
    [InlineData("siti rt.03/rw.2", "003", "002", new[] { "siti" }, null)]
    [InlineData("anak budi santoso 1970", null, null, new[] { "anak", "budi", "santoso" }, "anak")]
    [InlineData("istri budi", null, null, new[] { "istri", "budi" }, "istri")]
    [InlineData("anak", null, null, new[] { "anak" }, null)]
    public void The_query_is_read_into_words_RT_RW_and_relation(string text, string? rt, string? rw, string[] words, string? relation)
    {
        var q = SearchQuery.Parse(text);
        Assert.Equal((rt, rw, relation), (q.Rt, q.Rw, q.Relation));
        Assert.Equal(words, q.Words);
    }
}
