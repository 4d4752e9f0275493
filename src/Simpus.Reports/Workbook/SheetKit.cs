using System.Globalization;
using ClosedXML.Excel;
using Simpus.Core.Common;

namespace Simpus.Reports.Workbook;

/// <summary>What every sheet shares: the header block, table styling, the signature block and the print setup.</summary>
internal static class SheetKit
{
    public const int HeaderRows = 6;

    public static string MonthName(int year, int month) =>
        Cultures.Indonesian.DateTimeFormat.GetMonthName(month) + " " + year.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes the title and the header block (rows 1–5); the table starts at row 7.</summary>
    public static IXLWorksheet Sheet(XLWorkbook workbook, string name, string title, ReportHeader h, int lastColumn)
    {
        var ws = workbook.Worksheets.Add(name);
        ws.PageSetup.PaperSize = SheetPrint.ToExcel(h.Paper);
        ws.Style.Font.FontName = "Arial";
        ws.Style.Font.FontSize = 9;
        HeaderBlock(ws, 1, title, h);
        ws.Range(1, 1, 1, Math.Max(lastColumn, 4)).Merge();
        return ws;
    }

    /// <summary>The title and the header block (rows 1–5) starting at a column: again at the first column of a part of the sheet printed on pages of its own.</summary>
    public static void HeaderBlock(IXLWorksheet ws, int column, string title, ReportHeader h)
    {
        ws.Cell(1, column).SetValue(title);
        ws.Cell(1, column).Style.Font.Bold = true;
        ws.Cell(1, column).Style.Font.FontSize = 12;
        Label(ws, 2, column, "Puskesmas", $"{h.PuskesmasName} (kode {h.PuskesmasCode})");
        Label(ws, 3, column, "Kabupaten/Kota", h.RegionName is null ? h.RegionCode : $"{h.RegionName} ({h.RegionCode})");
        Label(ws, 4, column, "Bulan", MonthName(h.Year, h.Month));
        var local = TimeZones.ToLocal(h.GeneratedAt, h.TimeZone);
        Label(ws, 5, column, "Dibuat", local.ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture) + " " + h.TimeZone);
    }

    /// <summary>
    /// One line of the header block in column A, "Label: value" with the label bold. One cell, so that the text runs on to the
    /// right over the empty cells and is never cut by a narrow first column (LB1's code column, Absensi's number column).
    /// </summary>
    private static void Label(IXLWorksheet ws, int row, int column, string label, string value)
    {
        var cell = ws.Cell(row, column);
        cell.RichText.AddText(label + ": ").SetBold();
        cell.RichText.AddText(value);
        cell.Style.Alignment.WrapText = false;
    }

    /// <summary>Styles a table header range: bold, centred, wrapped, shaded, bordered.</summary>
    public static void HeaderStyle(IXLRange range)
    {
        range.Style.Font.Bold = true;
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        range.Style.Alignment.WrapText = true;
        range.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
    }

    public static void BodyStyle(IXLRange range)
    {
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
    }

    public static void TotalStyle(IXLRange range)
    {
        range.Style.Font.Bold = true;
        range.Style.Fill.BackgroundColor = XLColor.FromHtml("#F2F2F2");
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
    }

    /// <summary>A header cell, merged over the given span.</summary>
    public static void Head(IXLWorksheet ws, int row, int column, string text, int rows = 1, int columns = 1)
    {
        ws.Cell(row, column).SetValue(text);
        if (rows > 1 || columns > 1)
        {
            ws.Range(row, column, row + rows - 1, column + columns - 1).Merge();
        }
    }

    /// <summary>A number cell; null stays empty (unknown is not zero).</summary>
    public static void Number(IXLCell cell, decimal? value, string? format = null)
    {
        if (value is { } v)
        {
            cell.Value = v;
            if (format is not null)
            {
                cell.Style.NumberFormat.Format = format;
            }
        }
    }

    public static void Number(IXLCell cell, int value) => cell.Value = value;

    public static void Widths(IXLWorksheet ws, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            ws.Column(i + 1).Width = widths[i];
        }
    }

    public static void SectionTitle(IXLWorksheet ws, int row, string text)
    {
        ws.Cell(row, 1).SetValue(text);
        ws.Cell(row, 1).Style.Font.Bold = true;
        ws.Cell(row, 1).Style.Font.FontSize = 10;
    }

    /// <summary>
    /// The print setup every sheet calls last (<see cref="SheetPrint"/>): the puskesmas' paper (A4/F4) landscape, fit to one
    /// page wide, the rows 1..<paramref name="frozenRows"/> frozen on screen and repeated on every printed page.
    /// </summary>
    public static void Finish(IXLWorksheet ws, int frozenRows) => Finish(ws, frozenRows, new PrintLayout { RepeatRows = frozenRows });

    /// <summary>As <see cref="Finish(IXLWorksheet, int)"/> with a layout of its own (column groups on separate pages, repeated columns).</summary>
    public static void Finish(IXLWorksheet ws, int frozenRows, PrintLayout layout)
    {
        ws.SheetView.FreezeRows(frozenRows);
        SheetPrint.Apply(ws, SheetPrint.PaperOf(ws), layout);
    }

    /// <summary>The signature block of the kepala puskesmas below the table, at the right; returns the next free row.</summary>
    public static int Signature(IXLWorksheet ws, int row, int column, ReportHeader h)
    {
        var place = h.RegionName ?? "";
        var today = TimeZones.LocalDate(h.GeneratedAt, h.TimeZone);
        ws.Cell(row + 1, column).SetValue($"{place}{(place.Length > 0 ? ", " : "")}{today.ToString("d MMMM yyyy", Cultures.Indonesian)}");
        ws.Cell(row + 2, column).SetValue("Kepala Puskesmas " + h.PuskesmasName.Replace("Puskesmas ", "", StringComparison.OrdinalIgnoreCase));
        ws.Cell(row + 6, column).SetValue(h.HeadName ?? "(.................................)");
        ws.Cell(row + 6, column).Style.Font.Bold = true;
        ws.Cell(row + 6, column).Style.Font.Underline = XLFontUnderlineValues.Single;
        ws.Cell(row + 7, column).SetValue("NIP. " + (h.HeadNip ?? "................................."));
        // One line each, running on over the empty cells to the right (a wrapped "Kota Salatiga, 1 Desember / 2026" in a
        // narrow column looks broken).
        ws.Range(row + 1, column, row + 7, column).Style.Alignment.WrapText = false;
        return row + 8;
    }
}
