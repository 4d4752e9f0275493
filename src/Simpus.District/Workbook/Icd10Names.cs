using Simpus.Core.Data;

namespace Simpus.District.Workbook;

/// <summary>
/// Indonesian disease names for the district's LB1 sheets. Packages carry codes only; the names come from the same
/// ICD-10 reference list the clinics ship (<c>db/reference/icd10.csv</c>). A 3-character category without its own row
/// takes the name of its unspecified subcode (.9), else of its first subcode.
/// </summary>
public static class Icd10Names
{
    private static readonly Lazy<Dictionary<string, string>> Names = new(() =>
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var explicitCategories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in ReferenceData.Rows("icd10.csv"))
        {
            if (row.Length >= 2)
            {
                var code = row[0];
                var category = code.Split('.')[0];
                names[code] = row[1];
                if (code != category && !explicitCategories.Contains(category) && (code.EndsWith(".9", StringComparison.Ordinal) || !names.ContainsKey(category)))
                {
                    names[category] = row[1];
                }
                else if (code == category)
                {
                    explicitCategories.Add(code);
                }
            }
        }
        return names;
    });

    public static string Of(string code) => Names.Value.GetValueOrDefault(code, "");
}
