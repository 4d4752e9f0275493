using System.Text;
using Simpus.Core.Attendance;

namespace Simpus.Core.Tests.Attendance;

public sealed class FingerprintCsvTests
{
    [Fact]
    public void Default_layout_reads_id_and_timestamp_and_skips_the_header()
    {
        var result = FingerprintCsv.Parse("id,waktu\r\n101,2026-11-02 07:21:09\r\n102,2026-11-02 07:40\r\n\r\n", new CsvLayout());

        Assert.False(result.Unreadable);
        Assert.Equal(2, result.Lines);
        Assert.Equal([("101", new DateTime(2026, 11, 2, 7, 21, 9)), ("102", new DateTime(2026, 11, 2, 7, 40, 0))],
            result.Punches.Select(p => (p.EmployeeId, p.LocalTime)));
        Assert.Equal([2, 3], result.Punches.Select(p => p.Line));
    }

    [Fact]
    public void Bad_lines_are_reported_with_their_line_number_and_the_rest_kept()
    {
        var text = "id,waktu\n101,2026-11-02 07:21:09\n102,kemarin pagi\n103\n,2026-11-02 07:00:00\n104,2026-11-02 07:30:00\n";

        var result = FingerprintCsv.Parse(text, new CsvLayout());

        Assert.Equal(["101", "104"], result.Punches.Select(p => p.EmployeeId));
        Assert.Equal([(3, "line.timestamp"), (4, "line.columns"), (5, "line.employee")], result.Errors.Select(e => (e.Line, e.Code)));
        Assert.Contains("Baris 3", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_with_tabs_separate_date_and_time_columns_a_day_first_format_and_no_header()
    {
        var layout = new CsvLayout { Delimiter = "tab", EmployeeColumn = 2, TimestampColumn = 3, TimeColumn = 4, TimestampFormat = "dd/MM/yyyy HH:mm:ss", HasHeader = false };

        var result = FingerprintCsv.Parse("1\t  7\t02/11/2026\t07:05:00\t0\n2\t8\t02/11/2026\t16:12:30\t1\n", layout);

        Assert.Equal([("7", new DateTime(2026, 11, 2, 7, 5, 0)), ("8", new DateTime(2026, 11, 2, 16, 12, 30))],
            result.Punches.Select(p => (p.EmployeeId, p.LocalTime)));
    }

    [Fact]
    public void Quoted_cells_may_contain_the_delimiter()
    {
        var layout = new CsvLayout { Delimiter = ";", EmployeeColumn = 1, TimestampColumn = 3 };

        var result = FingerprintCsv.Parse("\"No\";\"Nama\";\"Waktu\"\n\"15\";\"Sari; Amd\";\"2026-11-02 07:00:00\"\n", layout);

        Assert.Equal("15", Assert.Single(result.Punches).EmployeeId);
    }

    [Fact]
    public void Binary_garbage_or_a_file_without_a_usable_line_is_unreadable()
    {
        var garbage = new byte[2000];
        new Random(4).NextBytes(garbage);

        Assert.True(FingerprintCsv.Parse(FingerprintCsv.Decode(garbage), new CsvLayout()).Unreadable);
        Assert.True(FingerprintCsv.Parse("Laporan absensi bulan November\nTidak ada data\n", new CsvLayout()).Unreadable);
        Assert.True(FingerprintCsv.Parse("", new CsvLayout()).Unreadable);
        Assert.False(FingerprintCsv.Parse(FingerprintCsv.Decode(Encoding.UTF8.GetPreamble().Concat("id,t\n1,2026-11-02 07:00\n"u8.ToArray()).ToArray()), new CsvLayout()).Unreadable);
    }

    [Fact]
    public void Layout_validation_names_the_field()
    {
        var errors = new CsvLayout { Delimiter = "x", EmployeeColumn = 2, TimestampColumn = 2, TimestampFormat = "dd/MM" }.Validate().ToList();

        Assert.Equal(["delimiter", "timestampColumn", "timestampFormat"], errors.Select(e => e.Field));
    }
}
