using Simpus.Core.Pharmacy;

namespace Simpus.Reports.Farmasi;

/// <summary>The pharmacy's month: the LPLPO, the POR indicators and who signs as pengelola obat.</summary>
public sealed record PharmacyReport(LplpoReport Lplpo, PorReport Por, string? PharmacistName, string? PharmacistNip)
{
    /// <summary>The values the district receives (package schema 2): LPLPO per drug (non-zero columns of drugs with data), POR counts.</summary>
    public IEnumerable<ReportValue> ToValues()
    {
        foreach (var r in Lplpo.Rows.Where(r => r.HasData))
        {
            (string Element, decimal Value)[] columns =
            [
                ("LPLPO.STOK_AWAL", r.StokAwal), ("LPLPO.PENERIMAAN", r.Penerimaan), ("LPLPO.PEMAKAIAN", r.Pemakaian),
                ("LPLPO.RUSAK_HILANG", r.RusakHilang), ("LPLPO.KEDALUWARSA", r.Kedaluwarsa),
                ("LPLPO.OPNAME_TAMBAH", Math.Max(0, r.SelisihOpname)), ("LPLPO.OPNAME_KURANG", Math.Max(0, -r.SelisihOpname)),
                ("LPLPO.SISA", r.SisaStok), ("LPLPO.PEMAKAIAN_RATA", r.PemakaianRataRata), ("LPLPO.STOK_OPTIMUM", r.StokOptimum),
                ("LPLPO.PERMINTAAN", r.Permintaan), ("LPLPO.HARI_KOSONG", r.HariKosong), ("LPLPO.HAMPIR_KEDALUWARSA", r.HampirKedaluwarsa),
            ];
            foreach (var (element, value) in columns)
            {
                // Negative stock cannot happen (the ledger refuses it); a negative balance would not be additive data anyway.
                if (value > 0)
                {
                    yield return Value(element, value, ("drug", r.Code));
                }
            }
        }
        foreach (var i in Por.Indicators)
        {
            yield return Value("POR.KASUS", i.Cases, ("kelompok", i.Code));
            yield return Value("POR.DIBERI", i.Given, ("kelompok", i.Code));
        }
        yield return Value("POR.RESEP", Por.Prescriptions);
        yield return Value("POR.ITEM", Por.Items);
        yield return Value("POR.RESEP_SEMUA", Por.AllPrescriptions);
        yield return Value("POR.ITEM_SEMUA", Por.AllItems);
    }

    private static ReportValue Value(string element, decimal value, params (string Key, string Value)[] parts) =>
        new(element, parts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), value);
}
