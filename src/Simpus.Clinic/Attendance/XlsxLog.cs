using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Simpus.Core.Attendance;

namespace Simpus.Clinic.Attendance;

/// <summary>
/// Fingerprint software often exports Excel (.xlsx). The first worksheet becomes tab-separated text, one line per row
/// (row numbers stay line numbers), date cells written as 'yyyy-MM-dd HH:mm:ss' ('yyyy-MM-dd' when
/// there is no time of day) and time cells as 'HH:mm:ss', so the
/// CSV rules apply unchanged. The layout's columns and header setting are kept; its delimiter becomes tab.
/// </summary>
public static class XlsxLog
{
    public static bool IsXlsx(byte[] content) =>
        content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    /// <summary>The sheet as text and the layout to read it with; null when the bytes are not a readable workbook.</summary>
    public static (byte[] Text, CsvLayout Layout)? Convert(byte[] content, CsvLayout layout)
    {
        try
        {
            using var stream = new MemoryStream(content);
            using var workbook = new XLWorkbook(stream);
            var sheet = workbook.Worksheets.First();
            var text = new StringBuilder();
            var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
            var lastColumn = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
            for (var r = 1; r <= lastRow; r++)
            {
                for (var col = 1; col <= lastColumn; col++)
                {
                    if (col > 1)
                    {
                        text.Append('\t');
                    }
                    text.Append(Cell(sheet.Cell(r, col)).Replace('\t', ' '));
                }
                text.Append('\n');
            }
            var formats = layout.TimestampFormat + "|yyyy-MM-dd HH:mm:ss|yyyy-MM-dd HH:mm";
            return (Encoding.UTF8.GetBytes(text.ToString()), layout with { Delimiter = "tab", TimestampFormat = formats });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever a damaged or foreign zip makes ClosedXML throw (KeyNotFound, NullReference, OpenXmlPackage ...):
            // the user gave a file that is not a workbook.
            return null;
        }
    }

    /// <summary>A time-only cell (Excel's day 0) as 'HH:mm:ss', a date-only cell as 'yyyy-MM-dd', else both.</summary>
    private static string DateText(DateTime value) =>
        value.Year < 1901 ? value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
        : value.TimeOfDay == TimeSpan.Zero ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Cell(IXLCell cell)
    {
        if (cell.IsEmpty())
        {
            return "";
        }
        return cell.DataType switch
        {
            XLDataType.DateTime => DateText(cell.GetDateTime()),
            XLDataType.TimeSpan => cell.GetTimeSpan().ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
            XLDataType.Number => cell.GetDouble().ToString(CultureInfo.InvariantCulture),
            _ => cell.GetString(),
        };
    }
}
