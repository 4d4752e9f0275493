using Simpus.Core.Ages;

namespace Simpus.Reports.Lb1;

/// <summary>One ICD-10 code of the LB1: new cases by age band and sex, old cases (lama + KKL) likewise.</summary>
public sealed class Lb1Row(string code, string name)
{
    private readonly int[] _new = new int[AgeBands.Lb1.Count * 2];
    private readonly int[] _old = new int[AgeBands.Lb1.Count * 2];

    public string Code { get; } = code;

    public string Name { get; } = name;

    public int New(int band, string sex) => _new[Slot(band, sex)];

    public int Old(int band, string sex) => _old[Slot(band, sex)];

    public int NewMale => Sum(_new, 0);

    public int NewFemale => Sum(_new, 1);

    public int NewTotal => NewMale + NewFemale;

    public int OldMale => Sum(_old, 0);

    public int OldFemale => Sum(_old, 1);

    public int OldTotal => OldMale + OldFemale;

    public int Total => NewTotal + OldTotal;

    internal void Add(bool isNew, int band, string sex, int n) => (isNew ? _new : _old)[Slot(band, sex)] += n;

    internal void AddAll(Lb1Row other)
    {
        for (var i = 0; i < _new.Length; i++)
        {
            _new[i] += other._new[i];
            _old[i] += other._old[i];
        }
    }

    private static int Slot(int band, string sex) => band * 2 + (sex == Sexes.Male ? 0 : 1);

    private static int Sum(int[] counts, int offset)
    {
        var sum = 0;
        for (var i = offset; i < counts.Length; i += 2)
        {
            sum += counts[i];
        }
        return sum;
    }
}

/// <summary>
/// The LB1 morbidity report: one row per ICD-10 code diagnosed in the month, sorted by code, and the totals. LB1 keeps
/// every code; the 10 besar penyakit leaves out <see cref="TopTenExcluded"/> (default Z00–Z99: contacts, not diseases).
/// </summary>
public sealed record Lb1Report(IReadOnlyList<Lb1Row> Rows, Lb1Row Totals)
{
    public CodeRanges TopTenExcluded { get; init; } = CodeRanges.Parse(CodeRanges.DefaultTopTenExcluded);

    /// <summary>New cases of the codes that may enter the 10 besar (all new cases minus the excluded chapters).</summary>
    public int TopTenBase => Rows.Where(r => !TopTenExcluded.Contains(r.Code)).Sum(r => r.NewTotal);

    /// <summary>The ten codes outside the excluded chapters with the most new cases (ties by code); share of <see cref="TopTenBase"/>.</summary>
    public IReadOnlyList<TopDisease> TopTen()
    {
        var total = TopTenBase;
        return Rows.Where(r => r.NewTotal > 0 && !TopTenExcluded.Contains(r.Code))
            .OrderByDescending(r => r.NewTotal).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Take(10)
            .Select((r, i) => new TopDisease(i + 1, r.Code, r.Name, r.NewMale, r.NewFemale, r.NewTotal,
                total == 0 ? 0 : Math.Round(100m * r.NewTotal / total, 1)))
            .ToList();
    }
}

public sealed record TopDisease(int Rank, string Code, string Name, int Male, int Female, int Total, decimal SharePercent);
