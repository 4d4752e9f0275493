using System.Globalization;
using System.Text;

namespace Simpus.Core.Documents;

/// <summary>
/// Code 128 barcodes (ISO/IEC 15417) drawn as SVG, for the No. RM on the patient card: code set B for text, switching to
/// code set C (two digits per symbol) for runs of digits long enough to save space, the modulo-103 check symbol and stop.
/// A USB scanner reads it back as the exact text, followed by Enter.
/// </summary>
public static class Code128
{
    private const int StartB = 104;
    private const int StartC = 105;
    private const int SwitchToB = 100;
    private const int SwitchToC = 99;
    private const int Stop = 106;

    /// <summary>Bar/space widths of the symbols 0–106 (six elements each; the stop has a seventh bar of 2).</summary>
    private static readonly string[] Patterns =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    /// <summary>Text Code 128 B can carry: printable ASCII (space to '~').</summary>
    public static bool CanEncode(string text) => text.Length is > 0 and <= 48 && text.All(c => c is >= ' ' and <= '~');

    /// <summary>The symbol values, start to stop, check symbol included.</summary>
    public static IReadOnlyList<int> Symbols(string text)
    {
        if (!CanEncode(text))
        {
            throw new ArgumentException("Code 128 B takes 1–48 printable ASCII characters.", nameof(text));
        }
        var symbols = new List<int>();
        var i = 0;
        var inC = DigitRun(text, 0) >= 4;
        symbols.Add(inC ? StartC : StartB);
        while (i < text.Length)
        {
            var run = DigitRun(text, i);
            if (inC)
            {
                if (run >= 2)
                {
                    symbols.Add(int.Parse(text.AsSpan(i, 2), NumberStyles.None, CultureInfo.InvariantCulture));
                    i += 2;
                    continue;
                }
                symbols.Add(SwitchToB);
                inC = false;
            }
            // Worth switching to C: 4+ digits at the end, or 6+ inside the text (an even number of them goes to C).
            var atEnd = i + run == text.Length;
            if (run >= (atEnd ? 4 : 6))
            {
                if (run % 2 == 1)
                {
                    symbols.Add(text[i] - 32);
                    i++;
                }
                symbols.Add(SwitchToC);
                inC = true;
                continue;
            }
            symbols.Add(text[i] - 32);
            i++;
        }
        var check = symbols[0];
        for (var k = 1; k < symbols.Count; k++)
        {
            check += k * symbols[k];
        }
        symbols.Add(check % 103);
        symbols.Add(Stop);
        return symbols;
    }

    /// <summary>The bars as widths in modules, alternating bar, space, bar ... (quiet zones not included).</summary>
    public static IReadOnlyList<int> Widths(string text) =>
        Symbols(text).SelectMany(s => Patterns[s].Select(c => c - '0')).ToList();

    /// <summary>
    /// An SVG of the barcode: one unit per module, a quiet zone of 10 modules each side, black bars on white,
    /// sized by the page (width/height 100%), crisp edges so that printers and scanners see sharp bars.
    /// </summary>
    public static string Svg(string text, int heightModules = 40)
    {
        var widths = Widths(text);
        const int quiet = 10;
        var total = widths.Sum() + 2 * quiet;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {total} {heightModules}\" preserveAspectRatio=\"none\" shape-rendering=\"crispEdges\" role=\"img\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{total}\" height=\"{heightModules}\" fill=\"#fff\"/>");
        var x = quiet;
        for (var k = 0; k < widths.Count; k++)
        {
            if (k % 2 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" width=\"{widths[k]}\" height=\"{heightModules}\"/>");
            }
            x += widths[k];
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static int DigitRun(string text, int from)
    {
        var n = 0;
        while (from + n < text.Length && char.IsAsciiDigit(text[from + n]))
        {
            n++;
        }
        return n;
    }
}
