using ClosedXML.Excel;
using Simpus.Core.Common;
using Simpus.Reports.Workbook;

namespace Simpus.Reports.Farmasi;

/// <summary>The POR indicators of the month against their targets, with the definitions used.</summary>
internal static class PorSheet
{
    public const string Name = "POR";

    public static void Write(XLWorkbook workbook, MonthlyReport report)
    {
        const int last = 7;
        var ws = SheetKit.Sheet(workbook, Name, "INDIKATOR PENGGUNAAN OBAT RASIONAL (POR)", report.Header, last);
        var top = SheetKit.HeaderRows + 1;
        string[] heads = ["No", "Indikator", "Jumlah kasus", "Kasus yang mendapat", "Capaian (%)", "Target (%)", "Keterangan"];
        for (var i = 0; i < heads.Length; i++)
        {
            ws.Cell(top, i + 1).SetValue(heads[i]);
        }
        SheetKit.HeaderStyle(ws.Range(top, 1, top, last));
        ws.Row(top).Height = 28;
        var row = top + 1;
        var por = report.Pharmacy?.Por;
        if (por is not null)
        {
            var no = 1;
            foreach (var i in por.Indicators)
            {
                ws.Cell(row, 1).Value = no++;
                ws.Cell(row, 2).SetValue(i.Name);
                ws.Cell(row, 3).Value = i.Cases;
                ws.Cell(row, 4).Value = i.Given;
                SheetKit.Number(ws.Cell(row, 5), i.Percent, "0.0");
                ws.Cell(row, 6).SetValue("≤ " + i.TargetPercent.ToString("0", Cultures.Indonesian));
                ws.Cell(row, 7).SetValue(i.MeetsTarget switch { true => "Sesuai target", false => "Melebihi target", _ => "Tidak ada kasus" });
                row++;
            }
            ws.Cell(row, 1).Value = no;
            ws.Cell(row, 2).SetValue("Rerata item obat per resep (kasus POR): jumlah resep, jumlah item");
            ws.Cell(row, 3).Value = por.Prescriptions;
            ws.Cell(row, 4).Value = por.Items;
            SheetKit.Number(ws.Cell(row, 5), por.ItemsPerPrescription, "0.00");
            ws.Cell(row, 6).SetValue("≤ 2,6");
            ws.Cell(row, 7).SetValue(por.ItemsMeetTarget switch { true => "Sesuai target", false => "Melebihi target", _ => "Tidak ada resep" });
            row++;
            SheetKit.BodyStyle(ws.Range(top + 1, 1, row - 1, last));
            ws.Cell(row, 2).SetValue("Untuk perbandingan, semua resep bulan ini: jumlah resep, jumlah item");
            ws.Cell(row, 3).Value = por.AllPrescriptions;
            ws.Cell(row, 4).Value = por.AllItems;
            SheetKit.Number(ws.Cell(row, 5), por.AllItemsPerPrescription, "0.00");
            ws.Range(row, 1, row, last).Style.Font.Italic = true;
            row += 2;
            SheetKit.SectionTitle(ws, row++, "Definisi");
            string[] definitions =
            [
                $"ISPA non-pneumonia: ICD-10 {por.IspaCodes}. Diare non-spesifik: {por.DiarrheaCodes}. Myalgia: {por.MyalgiaCodes}.",
                por.SingleDiagnosisOnly ? "Kasus = kunjungan (tidak batal) yang semua diagnosisnya termasuk kelompok itu (diagnosis tunggal)."
                    : "Kasus = kunjungan (tidak batal) dengan diagnosis kelompok itu.",
                $"Antibiotik: obat dengan kelas Fornas berawalan {por.AntibioticClasses}. Injeksi: bentuk sediaan {por.InjectionForms}.",
                "Kolom 'Kasus yang mendapat': antibiotik untuk ISPA dan diare, injeksi untuk myalgia; dihitung dari resep yang ditulis. Item = baris resep.",
            ];
            foreach (var d in definitions)
            {
                ws.Cell(row++, 2).SetValue(d);
            }
        }
        else
        {
            ws.Cell(row++, 2).SetValue("Data POR tidak tersedia.");
        }
        SheetKit.Signature(ws, row, 5, report.Header);
        SheetKit.Widths(ws, 10, 58, 12, 14, 12, 11, 18);
        SheetKit.Finish(ws, top);
    }
}
