using Dapper;
using Simpus.Core.Data;

namespace Simpus.Core.Pharmacy;

/// <summary>One POR indicator: cases of the diagnosis group and those given the drug class; the share against the target (≤).</summary>
public sealed record PorIndicator(string Code, string Name, int Cases, int Given, decimal TargetPercent)
{
    public decimal? Percent => Cases == 0 ? null : Math.Round(100m * Given / Cases, 1);

    public bool? MeetsTarget => Percent is { } p ? p <= TargetPercent : null;
}

/// <summary>Penggunaan obat rasional (POR) for a month: three shares and the mean number of drug items per prescription.</summary>
public sealed record PorReport
{
    public const decimal TargetItems = 2.6m;

    public int Year { get; init; }
    public int Month { get; init; }
    public required PorIndicator Ispa { get; init; }
    public required PorIndicator Diarrhea { get; init; }
    public required PorIndicator Myalgia { get; init; }
    /// <summary>Prescriptions (cases of the three groups with at least one drug) and their drug items.</summary>
    public int Prescriptions { get; init; }
    public int Items { get; init; }
    public decimal? ItemsPerPrescription => Prescriptions == 0 ? null : Math.Round((decimal)Items / Prescriptions, 2);
    public bool? ItemsMeetTarget => ItemsPerPrescription is { } m ? m <= TargetItems : null;
    /// <summary>For comparison: every prescription of the month (all diagnoses).</summary>
    public int AllPrescriptions { get; init; }
    public int AllItems { get; init; }
    public decimal? AllItemsPerPrescription => AllPrescriptions == 0 ? null : Math.Round((decimal)AllItems / AllPrescriptions, 2);
    public bool SingleDiagnosisOnly { get; init; }
    public required string IspaCodes { get; init; }
    public required string DiarrheaCodes { get; init; }
    public required string MyalgiaCodes { get; init; }
    public required string AntibioticClasses { get; init; }
    public required string InjectionForms { get; init; }

    public IReadOnlyList<PorIndicator> Indicators => [Ispa, Diarrhea, Myalgia];
}

/// <summary>
/// Computes POR from the month's examinations and prescriptions (what was prescribed, whatever was dispensed). A case is a
/// non-cancelled visit with a live diagnosis of the group; with "diagnosis tunggal" (default) every live diagnosis of the visit
/// must belong to the group. A case is "given" an antibiotic when a live prescription line's drug has a Fornas class starting
/// with one of the antibiotic classes, an injection when the drug's form contains one of the injection forms.
/// </summary>
public static class Por
{
    public static PorReport Build(Database db, PharmacySettings s, int year, int month)
    {
        var from = new DateOnly(year, month, 1);
        var to = from.AddMonths(1).AddDays(-1);
        using var c = db.Open();
        var diagnoses = c.Query<(long VisitId, string Code)>(EmbeddedSql.Get("pharmacy_por_diagnoses.sql"), new { from, to })
            .ToLookup(d => d.VisitId, d => d.Code);
        var prescriptions = c.Query<(long VisitId, string Drug, string? FornasClass, string? Form)>(
            EmbeddedSql.Get("pharmacy_por_prescriptions.sql"), new { from, to }).ToLookup(p => p.VisitId);

        var ispa = PorCodes.Parse(s.PorIspaCodes);
        var diarrhea = PorCodes.Parse(s.PorDiarrheaCodes);
        var myalgia = PorCodes.Parse(s.PorMyalgiaCodes);
        var antibiotic = PorCodes.List(s.PorAntibioticClasses);
        var injection = PorCodes.List(s.PorInjectionForms);
        bool IsAntibiotic(string? fornas) => fornas is not null && antibiotic.Any(a => fornas.StartsWith(a, StringComparison.OrdinalIgnoreCase));
        bool IsInjection(string? form) => form is not null && injection.Any(i => form.Contains(i, StringComparison.OrdinalIgnoreCase));

        int ispaCases = 0, ispaGiven = 0, diarrheaCases = 0, diarrheaGiven = 0, myalgiaCases = 0, myalgiaGiven = 0, porRx = 0, porItems = 0;
        foreach (var visit in diagnoses)
        {
            var codes = visit.ToList();
            var rx = prescriptions[visit.Key].ToList();
            bool InGroup(IReadOnlyList<string> group) => s.PorSingleDiagnosisOnly
                ? codes.All(code => PorCodes.Matches(group, code))
                : codes.Any(code => PorCodes.Matches(group, code));
            var any = false;
            if (InGroup(ispa))
            {
                any = true;
                ispaCases++;
                ispaGiven += rx.Any(r => IsAntibiotic(r.FornasClass)) ? 1 : 0;
            }
            if (InGroup(diarrhea))
            {
                any = true;
                diarrheaCases++;
                diarrheaGiven += rx.Any(r => IsAntibiotic(r.FornasClass)) ? 1 : 0;
            }
            if (InGroup(myalgia))
            {
                any = true;
                myalgiaCases++;
                myalgiaGiven += rx.Any(r => IsInjection(r.Form)) ? 1 : 0;
            }
            if (any && rx.Count > 0)
            {
                porRx++;
                porItems += rx.Count;
            }
        }
        return new PorReport
        {
            Year = year, Month = month,
            Ispa = new PorIndicator("ispa", "ISPA non-pneumonia yang mendapat antibiotik", ispaCases, ispaGiven, 20m),
            Diarrhea = new PorIndicator("diare", "Diare non-spesifik yang mendapat antibiotik", diarrheaCases, diarrheaGiven, 8m),
            Myalgia = new PorIndicator("myalgia", "Myalgia yang mendapat injeksi", myalgiaCases, myalgiaGiven, 1m),
            Prescriptions = porRx, Items = porItems,
            AllPrescriptions = prescriptions.Count, AllItems = prescriptions.Sum(g => g.Count()),
            SingleDiagnosisOnly = s.PorSingleDiagnosisOnly,
            IspaCodes = string.Join(", ", ispa), DiarrheaCodes = string.Join(", ", diarrhea), MyalgiaCodes = string.Join(", ", myalgia),
            AntibioticClasses = string.Join(", ", antibiotic), InjectionForms = string.Join(", ", injection),
        };
    }
}
