using System.Globalization;
using System.Text;

namespace Simpus.Core.Attendance;

/// <summary>
/// How a fingerprint machine's CSV export is laid out. Columns are numbered from 1. When the date and the time are in
/// two columns, <see cref="TimeColumn"/> names the time column and the two are joined with a space before parsing.
/// <see cref="TimestampFormat"/> is a .NET date format; alternatives separated by '|'. Timestamps are local time at the puskesmas.
/// </summary>
public sealed record CsvLayout
{
    public string Delimiter { get; init; } = ",";
    public int EmployeeColumn { get; init; } = 1;
    public int TimestampColumn { get; init; } = 2;
    public int? TimeColumn { get; init; }
    public string TimestampFormat { get; init; } = "yyyy-MM-dd HH:mm:ss|yyyy-MM-dd HH:mm";
    public bool HasHeader { get; init; } = true;

    /// <summary>The delimiter character: ",", ";", "|", or "tab" / "\t".</summary>
    public char DelimiterChar => Delimiter switch
    {
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } d => d[0],
        _ => ',',
    };

    public IEnumerable<Common.FieldError> Validate()
    {
        if (Delimiter is not ("," or ";" or "|" or "tab" or "\\t" or "\t"))
        {
            yield return new("delimiter", "layout.delimiter", "Pemisah kolom harus ',', ';', '|' atau 'tab'.");
        }
        if (EmployeeColumn is < 1 or > 50)
        {
            yield return new("employeeColumn", "layout.column", "Kolom ID pegawai harus 1–50.");
        }
        if (TimestampColumn is < 1 or > 50 || TimestampColumn == EmployeeColumn)
        {
            yield return new("timestampColumn", "layout.column", "Kolom waktu harus 1–50 dan berbeda dari kolom ID pegawai.");
        }
        if (TimeColumn is { } t && (t is < 1 or > 50 || t == EmployeeColumn || t == TimestampColumn))
        {
            yield return new("timeColumn", "layout.column", "Kolom jam harus 1–50 dan berbeda dari kolom lain.");
        }
        if (string.IsNullOrWhiteSpace(TimestampFormat) || !Formats.All(f => f.Contains("yy", StringComparison.Ordinal) && f.Contains("HH", StringComparison.Ordinal)))
        {
            yield return new("timestampFormat", "layout.format", "Format waktu wajib berisi tahun (yyyy) dan jam (HH), contoh 'yyyy-MM-dd HH:mm:ss'.");
        }
    }

    public string[] Formats => TimestampFormat.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A usable log line: who (the machine's employee id) and when (local time).</summary>
public sealed record CsvPunch(int Line, string EmployeeId, DateTime LocalTime);

/// <summary>A skipped line: its number (1 = first line of the file), a stable code and an Indonesian message.</summary>
public sealed record CsvLineError(int Line, string Code, string Message);

/// <param name="Lines">Non-empty data lines (the header not counted).</param>
public sealed record CsvParseResult(IReadOnlyList<CsvPunch> Punches, IReadOnlyList<CsvLineError> Errors, int Lines, bool Unreadable);

/// <summary>Parses a fingerprint log (pure). A file with NUL bytes or undecodable text, or without a single usable line, is unreadable.</summary>
public static class FingerprintCsv
{
    public static string Decode(byte[] bytes)
    {
        var text = new UTF8Encoding(false, false).GetString(bytes);
        return text.TrimStart('\uFEFF');
    }

    public static CsvParseResult Parse(string text, CsvLayout layout)
    {
        var punches = new List<CsvPunch>();
        var errors = new List<CsvLineError>();
        var garbage = text.Count(ch => ch == '\0' || ch == '\uFFFD' || (char.IsControl(ch) && ch is not ('\r' or '\n' or '\t')));
        if (text.Length == 0 || garbage > Math.Max(2, text.Length / 100))
        {
            return new CsvParseResult([], [], 0, true);
        }
        var lines = text.Split('\n');
        var count = 0;
        var formats = layout.Formats;
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }
            if (i == 0 && layout.HasHeader)
            {
                continue;
            }
            count++;
            var cells = Split(line, layout.DelimiterChar);
            var needed = Math.Max(layout.EmployeeColumn, Math.Max(layout.TimestampColumn, layout.TimeColumn ?? 0));
            if (cells.Count < needed)
            {
                errors.Add(new CsvLineError(number, "line.columns", $"Baris {number}: hanya {cells.Count} kolom, perlu {needed}."));
                continue;
            }
            var employee = cells[layout.EmployeeColumn - 1].Trim();
            var stamp = cells[layout.TimestampColumn - 1].Trim();
            if (layout.TimeColumn is { } tc)
            {
                stamp = stamp + " " + cells[tc - 1].Trim();
            }
            if (!DateTime.TryParseExact(stamp, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var at))
            {
                errors.Add(new CsvLineError(number, "line.timestamp", $"Baris {number}: waktu '{Shorten(stamp)}' tidak sesuai format {layout.TimestampFormat}."));
                continue;
            }
            if (employee.Length == 0)
            {
                errors.Add(new CsvLineError(number, "line.employee", $"Baris {number}: ID pegawai kosong."));
                continue;
            }
            punches.Add(new CsvPunch(number, employee, new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, DateTimeKind.Unspecified)));
        }
        return new CsvParseResult(punches, errors, count, punches.Count == 0);
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>Splits one line; a cell in double quotes may contain the delimiter ("" is a quote).</summary>
    internal static List<string> Split(string line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
            }
            else if (ch == '"' && cell.ToString().Trim().Length == 0)
            {
                cell.Clear();
                quoted = true;
            }
            else if (ch == delimiter)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
