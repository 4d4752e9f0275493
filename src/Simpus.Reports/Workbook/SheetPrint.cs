using System.Globalization;
using ClosedXML.Excel;

namespace Simpus.Reports.Workbook;

/// <summary>The paper a puskesmas or a district prints on: A4, or F4 (folio, 215 × 330 mm, Excel's "Folio 8½ × 13 in").</summary>
public enum Paper
{
    A4,
    F4,
}

/// <summary>How one sheet is laid out on paper (besides the paper itself).</summary>
public sealed record PrintLayout
{
    /// <summary>The last of the rows 1..n repeated at the top of every page (title, header block, table head); 0 = none.</summary>
    public int RepeatRows { get; init; }

    /// <summary>The last of the columns 1..n repeated at the left of every page (codes, names); 0 = none.</summary>
    public int RepeatColumns { get; init; }

    /// <summary>
    /// Columns after which a new page starts (a table too wide for one page, split where a reader expects it:
    /// the day grid and the totals, one half of the age bands and the other). Empty = fit the sheet to one page wide.
    /// </summary>
    public IReadOnlyList<int> ColumnBreaksAfter { get; init; } = [];

    public bool Landscape { get; init; } = true;
}

/// <summary>
/// The one page setup every printed sheet of SIMPUS gets (the monthly pack and the district workbook): paper A4 or F4,
/// landscape, margins, the header rows (and code/name columns) repeated on every page, a footer naming the sheet and the
/// page, and either "one page wide" or explicit page breaks between column groups with a scale that fits the widest group.
/// </summary>
public static class SheetPrint
{
    /// <summary>
    /// Points per unit of Excel column width as LibreOffice renders it (Calibri/Carlito default font: measured 5.55–5.8 pt;
    /// Excel itself: 5.25 pt), and the padding ClosedXML adds to every width it writes.
    /// </summary>
    private const double PointsPerWidthUnit = 5.8;

    private const double WidthPadding = 0.71;

    private const double MarginSideInches = 0.3;
    private const double MarginTopInches = 0.45;
    private const double MarginBottomInches = 0.55;

    public static Paper Parse(string? text) =>
        string.Equals(text?.Trim(), "F4", StringComparison.OrdinalIgnoreCase) ? Paper.F4 : Paper.A4;

    public static string Name(Paper paper) => paper == Paper.F4 ? "F4" : "A4";

    public static XLPaperSize ToExcel(Paper paper) => paper == Paper.F4 ? XLPaperSize.FolioPaper : XLPaperSize.A4Paper;

    /// <summary>The paper a sheet was created for (set by the sheet's first helper), A4 when none.</summary>
    public static Paper PaperOf(IXLWorksheet ws) => ws.PageSetup.PaperSize == XLPaperSize.FolioPaper ? Paper.F4 : Paper.A4;

    /// <summary>Paper size in points (portrait): A4 595 × 842, F4 (folio 8½ × 13 in) 612 × 936.</summary>
    public static (double Width, double Height) PaperPoints(Paper paper) => paper == Paper.F4 ? (612, 936) : (595.3, 841.9);

    /// <summary>Applies the page setup to a finished sheet (column widths must be set: they decide the scale of split tables).</summary>
    public static void Apply(IXLWorksheet ws, Paper paper, PrintLayout layout)
    {
        var setup = ws.PageSetup;
        setup.PaperSize = ToExcel(paper);
        setup.PageOrientation = layout.Landscape ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        setup.Margins.Left = MarginSideInches;
        setup.Margins.Right = MarginSideInches;
        setup.Margins.Top = MarginTopInches;
        setup.Margins.Bottom = MarginBottomInches;
        setup.Margins.Header = 0.2;
        setup.Margins.Footer = 0.25;
        setup.CenterHorizontally = layout.ColumnBreaksAfter.Count == 0;
        setup.PageOrder = XLPageOrderValues.DownThenOver;
        setup.Footer.Clear();
        setup.Footer.Left.AddText(XLHFPredefinedText.SheetName);
        setup.Footer.Right.AddText("Halaman ");
        setup.Footer.Right.AddText(XLHFPredefinedText.PageNumber);
        setup.Footer.Right.AddText(" dari ");
        setup.Footer.Right.AddText(XLHFPredefinedText.NumberOfPages);
        RepeatTitles(ws, layout.RepeatRows, layout.RepeatColumns);
        FitWrappedRows(ws);

        if (layout.ColumnBreaksAfter.Count == 0)
        {
            setup.FitToPages(1, 0);
            return;
        }
        foreach (var column in layout.ColumnBreaksAfter)
        {
            setup.AddVerticalPageBreak(column);
        }
        setup.Scale = ScaleToFit(ws, paper, layout);
    }

    /// <summary>
    /// Gives every row holding wrapped text the height its longest cell needs (ClosedXML cannot measure text here and
    /// LibreOffice keeps the stored height), so wrapped column heads and long disease names are never cut.
    /// The text width is estimated from the font size (Arial: about 0.55 em per character, bold 0.6).
    /// </summary>
    public static void FitWrappedRows(IXLWorksheet ws)
    {
        var needed = new Dictionary<int, double>();
        foreach (var cell in ws.CellsUsed())
        {
            // Numbers and dates never wrap; skipping them before touching the style keeps this linear and cheap on wide sheets.
            if (cell.DataType != XLDataType.Text)
            {
                continue;
            }
            var style = cell.Style;
            if (!style.Alignment.WrapText)
            {
                continue;
            }
            var text = cell.GetString();
            if (text.Length == 0)
            {
                continue;
            }
            var size = style.Font.FontSize;
            var (width, rows) = cell.IsMerged() && cell.MergedRange() is { } merged
                ? (Width(ws, merged.FirstColumn().ColumnNumber(), merged.LastColumn().ColumnNumber()), merged.RowCount())
                : (Width(ws, cell.Address.ColumnNumber, cell.Address.ColumnNumber), 1);
            var usable = Math.Max(width - 7, 4);
            var em = size * (style.Font.Bold ? 1.15 : 1.0);
            var lines = 0;
            foreach (var paragraph in text.Split('\n'))
            {
                lines += Math.Max(1, WrappedLines(paragraph, em, usable));
            }
            var height = (lines * size * 1.22 + 3) / rows;
            var row = cell.Address.RowNumber;
            needed[row] = Math.Max(needed.GetValueOrDefault(row), height);
        }
        foreach (var (row, height) in needed)
        {
            if (height > ws.Row(row).Height)
            {
                ws.Row(row).Height = Math.Ceiling(height);
            }
        }
    }

    /// <summary>Lines a paragraph takes when wrapped at spaces (and inside words too long for a line) into <paramref name="width"/> points.</summary>
    private static int WrappedLines(string paragraph, double em, double width)
    {
        var lines = 1;
        var used = 0.0;
        var space = 0.28 * em;
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = TextWidth(word, em);
            if (used > 0 && used + space + w <= width)
            {
                used += space + w;
                continue;
            }
            if (used > 0)
            {
                lines++;
            }
            used = w;
            while (used > width)
            {
                lines++;
                used -= width;
            }
        }
        return lines;
    }

    /// <summary>
    /// Arial/Liberation Sans advance widths (in em): most lower case letters 0.556 (c, k, s, v, x, y, z 0.5), capitals about
    /// 0.67, digits 0.556, narrow letters and signs 0.22–0.33. Estimating lower case at 0.5 left "Nasofaringitis akut (common
    /// cold)" one line short in LB1, its second line printed over the next row.
    /// </summary>
    private static double TextWidth(string text, double em)
    {
        var units = 0.0;
        foreach (var ch in text)
        {
            units += ch switch
            {
                'W' or 'M' or 'm' or 'w' or '%' or '—' => 0.88,
                >= 'A' and <= 'Z' => 0.68,
                >= '0' and <= '9' => 0.56,
                'i' or 'j' or 'l' or 'I' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 0.25,
                'f' or 't' or 'r' or '/' or '(' or ')' or '-' or '[' or ']' => 0.34,
                'c' or 'k' or 's' or 'v' or 'x' or 'y' or 'z' => 0.5,
                _ => 0.56,
            };
        }
        return units * em;
    }

    /// <summary>
    /// Row page breaks so that none of <paramref name="blocks"/> (a titled table: its title, head and rows) starts at the
    /// bottom of one page and goes on at the top of the next without its head: a block that would cross the end of a page
    /// starts a new page. For a sheet printed one page wide (call after <see cref="Apply"/>); row heights as stored (ClosedXML
    /// writes 15 pt for a row of default height, which LibreOffice keeps).
    /// </summary>
    public static void KeepTogether(IXLWorksheet ws, Paper paper, PrintLayout layout, IReadOnlyList<(int First, int Last)> blocks)
    {
        var (w, h) = PaperPoints(paper);
        var sheetWidth = Width(ws, 1, ws.LastColumnUsed()?.ColumnNumber() ?? 1);
        var scale = Math.Min(1.0, PrintableWidth(paper, layout.Landscape) / sheetWidth);
        var printable = ((layout.Landscape ? w : h) - (MarginTopInches + MarginBottomInches) * 72) / scale;
        var repeated = Height(ws, 1, layout.RepeatRows);
        var used = repeated;
        var last = ws.LastRowUsed()?.RowNumber() ?? 0;
        for (var r = layout.RepeatRows + 1; r <= last;)
        {
            var block = blocks.FirstOrDefault(b => b.First == r);
            var end = block.First == r ? block.Last : r;
            var height = Height(ws, r, end);
            if (used + height > printable && used > repeated)
            {
                if (end > r)
                {
                    ws.PageSetup.AddHorizontalPageBreak(r - 1);
                }
                used = repeated;
            }
            used += height;
            r = end + 1;
        }
    }

    private static double Height(IXLWorksheet ws, int from, int to)
    {
        var sum = 0.0;
        for (var r = from; r <= to; r++)
        {
            sum += ws.Row(r).Height;
        }
        return sum;
    }

    /// <summary>The printable width of a page in points.</summary>
    public static double PrintableWidth(Paper paper, bool landscape)
    {
        var (w, h) = PaperPoints(paper);
        return (landscape ? h : w) - 2 * MarginSideInches * 72;
    }

    /// <summary>The largest whole percentage at which the widest column group (with the repeated columns) fits the page width.</summary>
    public static int ScaleToFit(IXLWorksheet ws, Paper paper, PrintLayout layout)
    {
        var repeated = Width(ws, 1, layout.RepeatColumns);
        var lastColumn = Math.Max(ws.LastColumnUsed()?.ColumnNumber() ?? 1, layout.ColumnBreaksAfter.Max() + 1);
        var widest = 0.0;
        var from = 1;
        foreach (var breakAfter in layout.ColumnBreaksAfter.Order().Append(lastColumn))
        {
            var group = Width(ws, from, breakAfter) + (from > layout.RepeatColumns ? repeated : 0);
            widest = Math.Max(widest, group);
            from = breakAfter + 1;
        }
        var scale = (int)Math.Floor(100 * PrintableWidth(paper, layout.Landscape) / widest);
        return Math.Clamp(scale, 10, 100);
    }

    /// <summary>
    /// Page breaks for a table whose columns after the repeated ones are alike (one per puskesmas): as many columns per page
    /// as fit at <paramref name="minScalePercent"/>, the repeated columns on every page. Empty when the whole sheet fits.
    /// </summary>
    public static IReadOnlyList<int> BreaksToFit(IXLWorksheet ws, Paper paper, int repeatColumns, int lastColumn, int minScalePercent = 80, bool landscape = true)
    {
        var available = PrintableWidth(paper, landscape) * 100 / minScalePercent;
        if (Width(ws, 1, lastColumn) <= available)
        {
            return [];
        }
        var room = available - Width(ws, 1, repeatColumns);
        var breaks = new List<int>();
        var used = 0.0;
        for (var c = repeatColumns + 1; c <= lastColumn; c++)
        {
            var w = Width(ws, c, c);
            if (used > 0 && used + w > room)
            {
                breaks.Add(c - 1);
                used = 0;
            }
            used += w;
        }
        return breaks;
    }

    /// <summary>The width in points of columns <paramref name="from"/>..<paramref name="to"/>.</summary>
    public static double Width(IXLWorksheet ws, int from, int to)
    {
        var sum = 0.0;
        for (var c = from; c <= to; c++)
        {
            sum += (ws.Column(c).Width + WidthPadding) * PointsPerWidthUnit;
        }
        return sum;
    }

    /// <summary>
    /// Repeats rows 1..rows and columns 1..columns on every page. Written as the defined name <c>_xlnm.Print_Titles</c> with
    /// absolute references (<c>'LB1'!$1:$8</c>): ClosedXML 0.95's own print titles lack the <c>$</c> and LibreOffice ignores them.
    /// </summary>
    private static void RepeatTitles(IXLWorksheet ws, int rows, int columns)
    {
        var sheet = "'" + ws.Name.Replace("'", "''", StringComparison.Ordinal) + "'";
        var parts = new List<string>();
        if (columns > 0)
        {
            parts.Add($"{sheet}!$A:${ColumnLetters(columns)}");
        }
        if (rows > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{sheet}!$1:${rows}"));
        }
        if (parts.Count > 0)
        {
            ws.NamedRanges.Add("_xlnm.Print_Titles", string.Join(",", parts));
        }
    }

    private static string ColumnLetters(int column)
    {
        var letters = "";
        while (column > 0)
        {
            var m = (column - 1) % 26;
            letters = (char)('A' + m) + letters;
            column = (column - 1) / 26;
        }
        return letters;
    }
}
