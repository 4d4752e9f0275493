using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Simpus.Tests.Shared;

/// <summary>
/// Real tools on PDFs, as a person would print: LibreOffice converts a workbook (<c>soffice --headless --convert-to pdf</c>),
/// poppler reads pages, sizes and text (<c>pdfinfo</c>, <c>pdftotext</c>) and renders pictures (<c>pdftoppm</c>).
/// <c>.ci/run</c> installs them (libreoffice-calc, poppler-utils, fonts-crosextra-carlito).
/// </summary>
public static partial class PdfTools
{
    /// <summary>One page: its number, size in points and text (layout preserved).</summary>
    public sealed record Page(int Number, double Width, double Height, string Text)
    {
        /// <summary>The text with every run of white space (line breaks of a wrapped sentence too) as one space.</summary>
        public string Flat => FlatText(Text);
    }

    public static string FlatText(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A word and the height of its box in points (poppler's box: font size times the font's ascent − descent).</summary>
    public sealed record Word(string Text, double Height);

    /// <summary>Converts a workbook (or any office file) to PDF beside it with LibreOffice, in a private profile so parallel runs do not collide.</summary>
    public static string ConvertWithLibreOffice(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var profile = Path.Combine(Path.GetTempPath(), "simpus-tests", "lo-profile-" + Guid.NewGuid().ToString("N"));
        try
        {
            Run("soffice", TimeSpan.FromMinutes(4), $"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", folder, file);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        var pdf = Path.ChangeExtension(Path.GetFullPath(file), ".pdf");
        if (!File.Exists(pdf))
        {
            throw new InvalidOperationException($"LibreOffice did not write {pdf}");
        }
        return pdf;
    }

    /// <summary>Copies a printed file to <c>$SIMPUS_PRINT_OUT</c> when set, so a person can look at what the tests printed.</summary>
    public static void KeepForLooking(string file, string name)
    {
        if (Environment.GetEnvironmentVariable("SIMPUS_PRINT_OUT") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.Copy(file, Path.Combine(folder, name), overwrite: true);
        }
    }

    /// <summary>Every page with its size and text.</summary>
    public static IReadOnlyList<Page> Pages(string pdf)
    {
        var info = Run("pdfinfo", TimeSpan.FromMinutes(1), pdf);
        var count = int.Parse(PagesLine().Match(info).Groups[1].Value, CultureInfo.InvariantCulture);
        var sizes = Run("pdfinfo", TimeSpan.FromMinutes(1), "-f", "1", "-l", count.ToString(CultureInfo.InvariantCulture), pdf);
        var pages = new List<Page>();
        foreach (Match m in SizeLine().Matches(sizes))
        {
            var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var text = Run("pdftotext", TimeSpan.FromMinutes(1), "-layout", "-f", n.ToString(CultureInfo.InvariantCulture),
                "-l", n.ToString(CultureInfo.InvariantCulture), pdf, "-");
            pages.Add(new Page(n, double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), text));
        }
        if (pages.Count != count)
        {
            throw new InvalidOperationException($"pdfinfo reported {count} pages but {pages.Count} sizes");
        }
        return pages;
    }

    /// <summary>The words of a page with their box heights (to compare printed font sizes).</summary>
    public static IReadOnlyList<Word> Words(string pdf, int page)
    {
        var n = page.ToString(CultureInfo.InvariantCulture);
        var xml = Run("pdftotext", TimeSpan.FromMinutes(1), "-bbox", "-f", n, "-l", n, pdf, "-");
        return WordLine().Matches(xml).Select(m => new Word(
            System.Net.WebUtility.HtmlDecode(m.Groups[3].Value),
            double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) - double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>Renders one page as an 8-bit grey image (PGM) at the resolution given; returns width, height and pixels.</summary>
    public static (int Width, int Height, byte[] Pixels) RenderGray(string pdf, int page, int dpi)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(pdf))!, "render-" + Guid.NewGuid().ToString("N"));
        var n = page.ToString(CultureInfo.InvariantCulture);
        Run("pdftoppm", TimeSpan.FromMinutes(1), "-gray", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", n, "-l", n, "-singlefile", pdf, prefix);
        var bytes = File.ReadAllBytes(prefix + ".pgm");
        return ParsePgm(bytes);
    }

    /// <summary>Renders one page as PNG (for a person to look at); returns the file.</summary>
    public static string RenderPng(string pdf, int page, int dpi, string path)
    {
        var n = page.ToString(CultureInfo.InvariantCulture);
        var prefix = Path.ChangeExtension(path, null);
        Run("pdftoppm", TimeSpan.FromMinutes(1), "-png", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", n, "-l", n, "-singlefile", pdf, prefix);
        return prefix + ".png";
    }

    /// <summary>Binary PGM (P5, maxval 255): header "P5 width height 255" then one byte per pixel.</summary>
    public static (int Width, int Height, byte[] Pixels) ParsePgm(byte[] bytes)
    {
        var pos = 0;
        string Token()
        {
            while (pos < bytes.Length && (char.IsWhiteSpace((char)bytes[pos]) || bytes[pos] == '#'))
            {
                if (bytes[pos] == '#')
                {
                    while (pos < bytes.Length && bytes[pos] != '\n')
                    {
                        pos++;
                    }
                }
                pos++;
            }
            var start = pos;
            while (pos < bytes.Length && !char.IsWhiteSpace((char)bytes[pos]))
            {
                pos++;
            }
            return System.Text.Encoding.ASCII.GetString(bytes, start, pos - start);
        }
        if (Token() != "P5")
        {
            throw new InvalidDataException("not a binary PGM");
        }
        var width = int.Parse(Token(), CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), CultureInfo.InvariantCulture);
        _ = Token();
        pos++;
        return (width, height, bytes[pos..(pos + width * height)]);
    }

    private static string Run(string tool, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} took longer than {timeout}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error.Result}");
        }
        return output.Result;
    }

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", RegexOptions.Multiline)]
    private static partial Regex SizeLine();

    [GeneratedRegex("<word xMin=\"[\\d.]+\" yMin=\"([\\d.]+)\" xMax=\"[\\d.]+\" yMax=\"([\\d.]+)\">([^<]*)</word>")]
    private static partial Regex WordLine();
}
