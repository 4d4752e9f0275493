using ClosedXML.Excel;
using Simpus.Cli;
using Simpus.Cli.Commands;

namespace Simpus.Reports.Tests;

public sealed class CliTests : IDisposable
{
    private readonly ReportDatabase _t = new();

    public void Dispose() => _t.Dispose();

    private (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var command = new ReportCommand { Clock = _t.Clock };
        var code = command.Run(args, new CliConsole(output, error));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Report_command_writes_the_workbook_from_the_database_file_with_progress()
    {
        OctoberFixture.Seed(_t);
        var output = _t.TempFile("oktober.xlsx");

        var (code, stdout, _) = Run("--data", _t.Folder, "--month", "2026-10", "--out", output, "--layout", "sikda");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("- LB1", stdout, StringComparison.Ordinal);
        Assert.Contains("Selesai", stdout, StringComparison.Ordinal);
        using var wb = new XLWorkbook(output);
        Assert.Equal("Baru", wb.Worksheet("LB1").Cell(8, 3).GetString());
        Assert.Equal(9, wb.Worksheet("Ringkasan").Cell(8, 2).GetDouble());
    }

    [Fact]
    public void Report_command_explains_bad_arguments_and_a_missing_database()
    {
        Assert.Equal(ExitCodes.Usage, Run("--data", _t.Folder, "--month", "2026-13", "--out", "x.xlsx").Code);
        Assert.Equal(ExitCodes.Usage, Run("--data", _t.Folder, "--month", "2027-01", "--out", _t.TempFile("x.xlsx")).Code);
        var missing = Run("--data", Path.Combine(_t.Folder, "tidak-ada"), "--month", "2026-10", "--out", "x.xlsx");
        Assert.Equal(ExitCodes.NoData, missing.Code);
        Assert.Contains("Basis data tidak ditemukan", missing.Error, StringComparison.Ordinal);
        var usage = new StringWriter();
        Assert.Equal(ExitCodes.Usage, CommandLine.Run(["laporan"], new CliConsole(TextWriter.Null, usage)));
        Assert.Contains("report", usage.ToString(), StringComparison.Ordinal);
    }
}
