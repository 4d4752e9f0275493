using System.Text.RegularExpressions;
using Simpus.Core.Catalogue;
using Simpus.Core.Data;

namespace Simpus.Core.Tests.Catalogue;

/// <summary>The shipped ICD-10 catalogue (db/reference/icd10.csv) holds WHO ICD-10 codes only.</summary>
public sealed partial class CatalogueFileTests
{
    /// <summary>
    /// Codes that exist in ICD-10-CM (the US clinical modification) but not in WHO ICD-10 2010, or mean something else there.
    /// Extend it whenever such a code is found.
    /// </summary>
    private static readonly HashSet<string> CmOnly = new(StringComparer.Ordinal)
    {
        "R19.7",   // CM: diarrhoea, unspecified (WHO: A09.9)
        "Z68.3", "Z68.1", "Z68.2", "Z68.4", // CM: body mass index (WHO: E66.x)
        "R10.9",   // CM: unspecified abdominal pain (WHO: R10.4)
        "R56.9",   // CM: unspecified convulsions (WHO: R56.8)
        "J45.2", "J45.3", "J45.4", "J45.5", // CM: asthma by severity (WHO: J45.0–J45.9 by type)
        "Z79.4", "Z79.8", // CM: long-term drug therapy
        "E08.9", "E09.9", "E13.1",          // CM: diabetes due to other conditions (WHO: E13 is "other specified")
        "Z3A.0",   // CM: weeks of gestation
        "O09.9",   // CM: supervision of high-risk pregnancy
        "K35.9",   // removed from WHO ICD-10 in 2010 (CM keeps K35.8x)
    };

    /// <summary>Codes whose WHO meaning is not what a puskesmas catalogue would list them for.</summary>
    private static readonly HashSet<string> WrongMeaning = new(StringComparer.Ordinal) { "Z45.1" };   // WHO: infusion pump (IUD is Z30.5)

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9])?$")]
    private static partial Regex WhoCode();

    private static List<string[]> Rows() => ReferenceData.Rows("icd10.csv").ToList();

    [Fact]
    public void Every_code_has_the_WHO_shape_and_none_is_ICD_10_CM_only()
    {
        var rows = Rows();

        Assert.True(rows.Count > 1000);
        Assert.All(rows, r => Assert.Matches(WhoCode(), r[0]));
        Assert.DoesNotContain(rows, r => CmOnly.Contains(r[0]));
        Assert.DoesNotContain(rows, r => WrongMeaning.Contains(r[0]));
        Assert.Equal(rows.Count, rows.Select(r => r[0]).Distinct().Count());
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r[1]), $"{r[0]} has no Indonesian name"));
    }

    [Fact]
    public void The_fixes_of_issue_9_are_in_the_file()
    {
        var byCode = Rows().ToDictionary(r => r[0], r => r);

        Assert.Equal("Anomalies of tooth position", byCode["K07.3"][2]);
        foreach (var code in new[] { "A09.0", "A09.9", "U07.1", "Z30.5", "E66.9" })
        {
            Assert.True(byCode.ContainsKey(code), code);
        }
        Assert.All(Icd10Catalogue.Retired.Keys, code => Assert.False(byCode.ContainsKey(code), code));
    }

    [Fact]
    public void Every_synonym_names_a_code_or_category_of_the_catalogue()
    {
        var codes = Rows().Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        var categories = codes.Select(c => c[..3]).ToHashSet(StringComparer.Ordinal);

        Assert.All(ReferenceData.Rows("icd10_synonyms.csv"), r => Assert.True(codes.Contains(r[0]) || categories.Contains(r[0]), r[0]));
        var drugs = ReferenceData.Rows("drugs.csv").Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(ReferenceData.Rows("drug_synonyms.csv"), r => Assert.Contains(r[0], drugs));
    }

    [Theory]
    [InlineData("paracetamol", "parasetamol")]
    [InlineData("amoxicillin", "amoksisilin")]
    [InlineData("chlorpheniramine", "klorfeniramin")]
    [InlineData("ciprofloxacin", "siprofloksasin")]
    [InlineData("dexamethasone", "deksametason")]
    [InlineData("cefadroxil", "sefadroksil")]
    public void Generic_names_meet_in_either_spelling(string international, string indonesian) =>
        Assert.Equal(GenericNames.Fold(indonesian), GenericNames.Fold(international));
}
