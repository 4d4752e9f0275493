using ClosedXML.Excel;
using Microsoft.Extensions.Options;
using Simpus.Core.Ages;
using Simpus.Core.Common;
using Simpus.District.Farmasi;
using Simpus.District.Hosting;
using Simpus.District.Quality;
using Simpus.District.Registry;
using Simpus.Exchange;
using Simpus.Reports.Workbook;

namespace Simpus.District.Workbook;

/// <summary>
/// The district workbook for a month or the year to date: reporting status, kinerja ranking, LB1 for the whole district,
/// LB1 per puskesmas, and one sheet per report with one column per puskesmas and a district total. Built only from the current
/// revisions' counts; year to date sums the months except point-in-time values (yearly targets, head counts: latest month).
/// The wide sheets are sparse: a puskesmas' cell is written only when it sent a value for that row (and an LB1 age band only
/// when it has cases), so the size of the workbook follows the values received, not rows × puskesmas: the worst package the
/// district accepts (see <see cref="DistrictOptions"/>) does not multiply into millions of empty cells.
/// </summary>
public sealed class DistrictWorkbook(PuskesmasRegistry registry, DistrictData data, QualityService quality, IOptions<DistrictOptions> options,
    DistrictPharmacy pharmacy)
{
    public const string TotalHeader = "Total Kabupaten";

    /// <summary>Values that are not summed over months (yearly targets, head counts): the latest month's value is used for the year to date.</summary>
    public static readonly IReadOnlySet<string> PointInTime = new HashSet<string>(StringComparer.Ordinal) { "KIA.SASARAN", "KIA.S", "ABSENSI.PEGAWAI" };

    /// <summary>Report sheets: name, title and which data elements they hold (the first that matches wins).</summary>
    public static readonly IReadOnlyList<(string Sheet, string Title, Func<string, bool> Holds)> ReportSheets =
    [
        ("Kunjungan", "LB4 Kegiatan: kunjungan, rujukan, UGD", e => e == "KUNJUNGAN" || e.StartsWith("KUNJUNGAN.", StringComparison.Ordinal) || e is "RUJUKAN" or "UGD"),
        ("Jaminan", "Pasien menurut jaminan kesehatan", e => e.StartsWith("JAMINAN.", StringComparison.Ordinal)),
        ("KIA", "LB3 KIA: capaian dan sasaran", e => e.StartsWith("KIA.", StringComparison.Ordinal)),
        ("Waktu Tunggu", "Waktu tunggu per poli", e => e.StartsWith("TUNGGU.", StringComparison.Ordinal)),
        ("Absensi", "Rekap absensi pegawai per unit", e => e.StartsWith("ABSENSI.", StringComparison.Ordinal)),
        ("Lainnya", "Data lain", e => !e.StartsWith("LB1.", StringComparison.Ordinal) && !PharmacySheets.Holds(e)),
    ];

    public byte[] Build(MonthPeriod month, bool yearToDate)
    {
        var periods = yearToDate ? month.YearToDate().ToList() : [month];
        var values = data.Values(periods);
        var puskesmas = registry.List(activeOnly: true);
        var columns = puskesmas.Select(p => (p.Code, p.Name)).ToList();
        var monthValues = yearToDate ? values.Where(v => v.Period == month.ToString()).ToList() : values;
        var status = quality.Assess(month, monthValues);
        var sets = Combine(values);

        using var wb = new XLWorkbook();
        var title = yearToDate ? $"Januari s.d. {month.Label}" : month.Label;
        StatusSheet(wb, status, title);
        var onTime = OnTimeShare(periods, month, status);
        KinerjaSheet(wb, columns, sets, periods.Count, onTime, title);
        Lb1DistrictSheet(wb, sets.Values, title);
        Lb1PerPuskesmasSheet(wb, columns, sets, title);
        foreach (var (sheet, sheetTitle, holds) in ReportSheets)
        {
            ReportSheet(wb, sheet, sheetTitle, holds, columns, sets, title);
        }
        // Stock is a point in time: the LPLPO recap, stock-outs and expiry are the selected month's, also for the year to date.
        var monthSets = yearToDate ? Combine(monthValues) : sets;
        PharmacySheets.Write(wb, pharmacy, month, monthSets, sets, columns, title);
        var paper = SheetPrint.Parse(options.Value.Paper);
        foreach (var ws in wb.Worksheets)
        {
            SheetPrint.Apply(ws, paper, PrintLayoutOf(ws, paper));
        }
        using var stream = new MemoryStream();
        wb.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// How each sheet goes on paper: the title and table head repeated on every page; the code and name columns repeated
    /// when the puskesmas columns need more than one page across (as many puskesmas per page as fit at 80 %).
    /// </summary>
    private static PrintLayout PrintLayoutOf(IXLWorksheet ws, Paper paper)
    {
        var last = ws.LastColumnUsed()?.ColumnNumber() ?? 1;
        return ws.Name switch
        {
            "Status Pelaporan" => new PrintLayout { RepeatRows = 5 },
            "Kinerja" => new PrintLayout { RepeatRows = 4 },
            "LB1 Kabupaten" => new PrintLayout { RepeatRows = 5 },
            "LB1 per Puskesmas" => new PrintLayout { RepeatRows = 5, RepeatColumns = 2, ColumnBreaksAfter = SheetPrint.BreaksToFit(ws, paper, 2, last) },
            "LPLPO Kabupaten" => new PrintLayout { RepeatRows = 4, RepeatColumns = 2, ColumnBreaksAfter = SheetPrint.BreaksToFit(ws, paper, 2, last) },
            "Kekosongan Obat" or "Kedaluwarsa Obat" or "POR" => new PrintLayout { RepeatRows = 4 },
            _ => new PrintLayout { RepeatRows = 5, RepeatColumns = 3, ColumnBreaksAfter = SheetPrint.BreaksToFit(ws, paper, 3, last) },
        };
    }

    /// <summary>Per puskesmas: its values over the periods (summed, point-in-time elements from the latest month).</summary>
    public static Dictionary<string, ValueSet> Combine(IEnumerable<CurrentValue> values)
    {
        var sets = new Dictionary<string, ValueSet>(StringComparer.Ordinal);
        foreach (var v in values.OrderBy(v => v.Period, StringComparer.Ordinal))
        {
            if (!sets.TryGetValue(v.PuskesmasCode, out var set))
            {
                sets[v.PuskesmasCode] = set = new ValueSet();
            }
            if (PointInTime.Contains(v.DataElement))
            {
                set.Set(v.DataElement, v.Disaggregation, v.Value);
            }
            else
            {
                set.Add(v.DataElement, v.Disaggregation, v.Value);
            }
        }
        return sets;
    }

    private Dictionary<string, decimal> OnTimeShare(IReadOnlyList<MonthPeriod> periods, MonthPeriod month, PeriodQuality monthStatus)
    {
        if (periods.Count == 1)
        {
            return monthStatus.Puskesmas.ToDictionary(p => p.Code, p => p.Timeliness == Timeliness.OnTime ? 100m : 0m);
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var period in periods)
        {
            var byCode = period == month
                ? monthStatus.Puskesmas.ToDictionary(p => p.Code, p => p.Timeliness)
                : quality.TimelinessByPuskesmas(period);
            foreach (var (code, _) in byCode.Where(p => p.Value == Timeliness.OnTime))
            {
                counts[code] = counts.GetValueOrDefault(code) + 1;
            }
        }
        return monthStatus.Puskesmas.ToDictionary(p => p.Code, p => Math.Round(100m * counts.GetValueOrDefault(p.Code) / periods.Count, 1));
    }

    private void StatusSheet(XLWorkbook wb, PeriodQuality status, string title)
    {
        var ws = wb.Worksheets.Add("Status Pelaporan");
        Title(ws, "Status pelaporan puskesmas", title);
        ws.Cell(3, 1).Value = $"Kelengkapan: {status.Received} dari {status.Expected} ({Pct(status.Completeness)}); tepat waktu (s.d. {status.DueDate.ToString("d MMMM yyyy", Cultures.Indonesian)}): {status.OnTime} ({Pct(status.Timeliness)}); pelanggaran aturan: {status.ViolationCount}; pencilan: {status.OutlierCount}";
        string[] headers = ["Kode", "Puskesmas", "Terkirim", "Pertama diterima", "Terakhir diterima", "Revisi", "Jumlah revisi", "Ketepatan", "Pelanggaran aturan", "Pencilan", "Rincian"];
        Header(ws, 5, headers);
        var row = 6;
        var zone = options.Value.TimeZone;
        foreach (var p in status.Puskesmas)
        {
            ws.Cell(row, 1).Value = p.Code;
            ws.Cell(row, 2).Value = p.Name;
            ws.Cell(row, 3).Value = p.Received ? "Ya" : "Tidak";
            if (p.FirstReceivedAt is { } first)
            {
                ws.Cell(row, 4).Value = Local(first, zone);
            }
            if (p.LastReceivedAt is { } last)
            {
                ws.Cell(row, 5).Value = Local(last, zone);
            }
            if (p.Revision is { } rev)
            {
                ws.Cell(row, 6).Value = rev;
            }
            ws.Cell(row, 7).Value = p.Revisions;
            ws.Cell(row, 8).Value = p.Timeliness switch
            {
                Timeliness.OnTime => "Tepat waktu",
                Timeliness.Late => "Terlambat",
                Timeliness.NotYetDue => "Belum jatuh tempo",
                _ => "Belum lapor",
            };
            ws.Cell(row, 9).Value = p.Violations.Count;
            ws.Cell(row, 10).Value = p.Outliers.Count;
            ws.Cell(row, 11).Value = string.Join(" ", p.Violations.Select(v => v.Message).Concat(p.Outliers.Select(o => "Pencilan: " + o.Message)));
            row++;
        }
        Widths(ws, 12, 26, 8, 17, 17, 7, 8, 13, 11, 8, 42);
        ws.Column(11).Style.Alignment.WrapText = true;
        ws.Row(5).Style.Alignment.WrapText = true;
        ws.Cell(3, 1).Style.Alignment.WrapText = false;
    }

    private static string Local(DateTimeOffset instant, string zone) =>
        TimeZones.ToLocal(instant, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " " + zone;

    private static void KinerjaSheet(XLWorkbook wb, IReadOnlyList<(string Code, string Name)> puskesmas, IReadOnlyDictionary<string, ValueSet> sets,
        int months, IReadOnlyDictionary<string, decimal> onTime, string title)
    {
        var ws = wb.Worksheets.Add("Kinerja");
        Title(ws, "Peringkat kinerja puskesmas", title);
        var indicators = Kinerja.Indicators(sets.Values);
        var rows = Kinerja.Rank(puskesmas, sets, indicators, months, onTime);
        var headers = new List<string> { "Peringkat", "Kode", "Puskesmas", "Skor" };
        headers.AddRange(indicators.Select(i => i.Name));
        headers.Add("Laporan tepat waktu (%)");
        Header(ws, 4, headers);
        var row = 5;
        foreach (var r in rows)
        {
            if (r.Rank > 0)
            {
                ws.Cell(row, 1).Value = r.Rank;
            }
            else
            {
                ws.Cell(row, 1).Value = "–";
            }
            ws.Cell(row, 2).Value = r.Code;
            ws.Cell(row, 3).Value = r.Name;
            if (r.Score is { } s)
            {
                ws.Cell(row, 4).Value = s;
            }
            var col = 5;
            foreach (var key in indicators.Select(i => i.Code).Append("TEPAT_WAKTU"))
            {
                if (r.Indicators.GetValueOrDefault(key) is { } v)
                {
                    ws.Cell(row, col).Value = v;
                }
                col++;
            }
            row++;
        }
        ws.Cell(row + 1, 1).Value = "Skor = rata-rata indikator yang tersedia, masing-masing dibatasi 100 %. Cakupan KIA terhadap target PWS (sasaran setahun ÷ 12 × jumlah bulan).";
        ws.Column(1).Width = 9;
        ws.Column(2).Width = 13;
        ws.Column(3).Width = 26;
        for (var c = 4; c <= headers.Count; c++)
        {
            ws.Column(c).Width = 10;
        }
        ws.Row(4).Style.Alignment.WrapText = true;
    }

    private static void Lb1DistrictSheet(XLWorkbook wb, IEnumerable<ValueSet> sets, string title)
    {
        var ws = wb.Worksheets.Add("LB1 Kabupaten");
        Title(ws, "LB1 kesakitan seluruh kabupaten/kota: kasus baru per golongan umur dan jenis kelamin", title);
        var bands = AgeBands.Lb1;
        var neu = new SortedDictionary<string, decimal[]>(StringComparer.Ordinal);
        var old = new SortedDictionary<string, decimal[]>(StringComparer.Ordinal);
        var bandIndex = bands.Select((b, i) => (b.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var (key, value) in set.Values("LB1.BARU"))
            {
                var d = PackageValue.ParseKey(key);
                var code = d.GetValueOrDefault("code", "?");
                var arr = neu.TryGetValue(code, out var a) ? a : neu[code] = new decimal[bands.Count * 2];
                var band = bandIndex.GetValueOrDefault(d.GetValueOrDefault("ageBand", ""), -1);
                if (band >= 0)
                {
                    arr[band * 2 + (d.GetValueOrDefault("sex") == "P" ? 1 : 0)] += value;
                }
            }
            foreach (var (key, value) in set.Values("LB1.LAMA"))
            {
                var d = PackageValue.ParseKey(key);
                var code = d.GetValueOrDefault("code", "?");
                var arr = old.TryGetValue(code, out var a) ? a : old[code] = new decimal[2];
                arr[d.GetValueOrDefault("sex") == "P" ? 1 : 0] += value;
            }
        }
        var headerTop = new List<string> { "Kode ICD-10", "Nama penyakit" };
        var headerSub = new List<string> { "", "" };
        foreach (var b in bands)
        {
            headerTop.Add(b.Label);
            headerTop.Add("");
            headerSub.Add("L");
            headerSub.Add("P");
        }
        headerTop.AddRange(["Kasus Baru", "", "", "Kasus Lama", "", "", "Total"]);
        headerSub.AddRange(["L", "P", "Jml", "L", "P", "Jml", ""]);
        Header(ws, 4, headerTop);
        Header(ws, 5, headerSub);
        for (var b = 0; b < bands.Count; b++)
        {
            ws.Range(4, 3 + b * 2, 4, 4 + b * 2).Merge();
        }
        ws.Range(4, 3 + bands.Count * 2, 4, 5 + bands.Count * 2).Merge();
        ws.Range(4, 6 + bands.Count * 2, 4, 8 + bands.Count * 2).Merge();
        ws.Range(4, 1, 5, headerTop.Count).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        ws.Row(4).Style.Alignment.WrapText = true;
        var row = 6;
        var codes = neu.Keys.Union(old.Keys).Order(StringComparer.Ordinal).ToList();
        var totals = new decimal[headerTop.Count];
        foreach (var code in codes)
        {
            var n = neu.GetValueOrDefault(code) ?? new decimal[bands.Count * 2];
            var o = old.GetValueOrDefault(code) ?? new decimal[2];
            var line = new List<decimal>(n);
            var newL = Enumerable.Range(0, bands.Count).Sum(i => n[i * 2]);
            var newP = Enumerable.Range(0, bands.Count).Sum(i => n[i * 2 + 1]);
            line.AddRange([newL, newP, newL + newP, o[0], o[1], o[0] + o[1], newL + newP + o[0] + o[1]]);
            ws.Cell(row, 1).Value = code;
            ws.Cell(row, 2).SetValue(Icd10Names.Of(code));
            for (var i = 0; i < line.Count; i++)
            {
                // Only cells with cases (a row per code is mostly empty bands) and the row's total.
                if (line[i] != 0 || i == line.Count - 1)
                {
                    ws.Cell(row, i + 3).Value = line[i];
                }
                totals[i + 2] += line[i];
            }
            row++;
        }
        ws.Cell(row, 1).Value = "Jumlah";
        for (var i = 2; i < totals.Length; i++)
        {
            ws.Cell(row, i + 1).Value = totals[i];
        }
        ws.Row(row).Style.Font.Bold = true;
        ws.Column(1).Width = 7;
        ws.Column(2).Width = 26;
        ws.Column(2).Style.Alignment.WrapText = true;
        for (var c = 3; c <= headerTop.Count; c++)
        {
            ws.Column(c).Width = c > 2 + bands.Count * 2 ? 5.5 : 4.2;
        }
    }

    private static void Lb1PerPuskesmasSheet(XLWorkbook wb, IReadOnlyList<(string Code, string Name)> puskesmas, IReadOnlyDictionary<string, ValueSet> sets, string title)
    {
        var ws = wb.Worksheets.Add("LB1 per Puskesmas");
        Title(ws, "LB1: kasus baru per diagnosis dan puskesmas", title);
        var perClinic = puskesmas.ToDictionary(p => p.Code, p => sets.TryGetValue(p.Code, out var s) ? s.By("LB1.BARU", "code") : new Dictionary<string, decimal>(),
            StringComparer.Ordinal);
        var codes = perClinic.Values.SelectMany(d => d.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var headers = new List<string> { "Kode ICD-10", "Nama penyakit" };
        headers.AddRange(puskesmas.Select(p => p.Name));
        headers.Add(TotalHeader);
        Header(ws, 4, headers);
        CodeRow(ws, 5, puskesmas, firstColumn: 3);
        var row = 6;
        foreach (var code in codes)
        {
            ws.Cell(row, 1).Value = code;
            ws.Cell(row, 2).SetValue(Icd10Names.Of(code));
            decimal total = 0;
            for (var i = 0; i < puskesmas.Count; i++)
            {
                if (perClinic[puskesmas[i].Code].TryGetValue(code, out var v))
                {
                    ws.Cell(row, i + 3).Value = v;
                    total += v;
                }
            }
            ws.Cell(row, puskesmas.Count + 3).Value = total;
            row++;
        }
        ws.Column(1).Width = 7;
        ws.Column(2).Width = 28;
        ws.Column(2).Style.Alignment.WrapText = true;
        for (var c = 3; c <= headers.Count; c++)
        {
            ws.Column(c).Width = 10;
        }
        ws.Row(4).Style.Alignment.WrapText = true;
    }

    private static void ReportSheet(XLWorkbook wb, string sheet, string sheetTitle, Func<string, bool> holds,
        IReadOnlyList<(string Code, string Name)> puskesmas, IReadOnlyDictionary<string, ValueSet> sets, string title)
    {
        var keys = new SortedSet<(string Element, string Disaggregation)>();
        foreach (var set in sets.Values)
        {
            foreach (var element in set.Elements.Where(e => holds(e) && TakenBefore(e, sheet) is null))
            {
                foreach (var d in set.Values(element).Keys)
                {
                    keys.Add((element, d));
                }
            }
        }
        if (keys.Count == 0 && sheet == "Lainnya")
        {
            return;
        }
        var ws = wb.Worksheets.Add(sheet);
        Title(ws, sheetTitle, title);
        var headers = new List<string> { "Data", "Rincian", "Keterangan" };
        headers.AddRange(puskesmas.Select(p => p.Name));
        headers.Add(TotalHeader);
        Header(ws, 4, headers);
        CodeRow(ws, 5, puskesmas, firstColumn: 4);
        var row = 6;
        foreach (var (element, d) in keys)
        {
            ws.Cell(row, 1).Value = element;
            ws.Cell(row, 2).Value = d;
            ws.Cell(row, 3).Value = Labels.Describe(element, d);
            decimal total = 0;
            for (var i = 0; i < puskesmas.Count; i++)
            {
                if (sets.TryGetValue(puskesmas[i].Code, out var s) && s.Values(element).TryGetValue(d, out var v))
                {
                    ws.Cell(row, i + 4).Value = v;
                    total += v;
                }
            }
            ws.Cell(row, puskesmas.Count + 4).Value = total;
            row++;
        }
        ws.Column(1).Width = 18;
        ws.Column(2).Width = 17;
        ws.Column(3).Width = 28;
        ws.Range(6, 1, Math.Max(6, row - 1), 3).Style.Alignment.WrapText = true;
        for (var c = 4; c <= headers.Count; c++)
        {
            ws.Column(c).Width = 10;
        }
        ws.Row(4).Style.Alignment.WrapText = true;
        ws.SheetView.FreezeColumns(3);
    }

    /// <summary>The earlier report sheet that already holds the element, or null if <paramref name="sheet"/> is the first.</summary>
    private static string? TakenBefore(string element, string sheet)
    {
        foreach (var (name, _, holds) in ReportSheets)
        {
            if (name == sheet)
            {
                return null;
            }
            if (holds(element))
            {
                return name;
            }
        }
        return null;
    }

    private static void CodeRow(IXLWorksheet ws, int row, IReadOnlyList<(string Code, string Name)> puskesmas, int firstColumn = 2)
    {
        ws.Cell(row, firstColumn - 1).Value = "Kode puskesmas";
        for (var i = 0; i < puskesmas.Count; i++)
        {
            ws.Cell(row, firstColumn + i).Value = puskesmas[i].Code;
        }
        ws.Row(row).Style.Font.Italic = true;
    }

    internal static void Title(IXLWorksheet ws, string text, string period)
    {
        ws.Style.Font.FontName = "Arial";
        ws.Style.Font.FontSize = 9;
        ws.Cell(1, 1).Value = text;
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(1, 1).Style.Font.FontSize = 13;
        ws.Cell(2, 1).Value = "Periode: " + period;
    }

    internal static void Header(IXLWorksheet ws, int row, IReadOnlyList<string> headers)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            ws.Cell(row, i + 1).Value = headers[i];
        }
        var range = ws.Range(row, 1, row, headers.Count);
        range.Style.Font.Bold = true;
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        range.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
    }

    private static void Widths(IXLWorksheet ws, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            ws.Column(i + 1).Width = widths[i];
        }
    }

    private static string Pct(decimal? value) => value is { } v ? v.ToString("0.#", Cultures.Indonesian) + " %" : "–";
}
