using System.Text;
using Simpus.Core.Documents;
using ZXing;
using ZXing.Common;
using ZXing.OneD;

namespace Simpus.Core.Tests.Documents;

/// <summary>
/// The Code 128 encoder of the patient card: symbol values (code set B, switching to C for runs of digits), the modulo-103
/// check symbol worked out by hand, the bar patterns of the standard's table, and the bars read back by ZXing's decoder.
/// </summary>
public sealed class Code128Tests
{
    private const int StartB = 104, StartC = 105, CodeC = 99, CodeB = 100, Stop = 106;

    [Fact]
    public void Text_is_code_set_B_with_the_modulo_103_check_symbol()
    {
        // W i k i p e d i a = 55 73 75 73 80 69 68 73 65 (ASCII − 32);
        // check = (104 + 1·55 + 2·73 + 3·75 + 4·73 + 5·80 + 6·69 + 7·68 + 8·73 + 9·65) mod 103 = 3281 mod 103 = 88.
        Assert.Equal([StartB, 55, 73, 75, 73, 80, 69, 68, 73, 65, 88, Stop], Code128.Symbols("Wikipedia"));
    }

    [Fact]
    public void A_no_rm_switches_to_code_set_C_for_its_six_digits_and_back_to_B()
    {
        // K K - = 43 43 13; C: 00 01 23; B: - 0 2 = 13 16 18.
        // check = (104 + 1·43 + 2·43 + 3·13 + 4·99 + 5·0 + 6·1 + 7·23 + 8·100 + 9·13 + 10·16 + 11·18) mod 103 = 2110 mod 103 = 50.
        Assert.Equal([StartB, 43, 43, 13, CodeC, 0, 1, 23, CodeB, 13, 16, 18, 50, Stop], Code128.Symbols("KK-000123-02"));
    }

    [Fact]
    public void Digits_only_start_in_code_set_C_two_digits_per_symbol()
    {
        // 12 34 56 78; check = (105 + 12 + 2·34 + 3·56 + 4·78) mod 103 = 665 mod 103 = 47.
        Assert.Equal([StartC, 12, 34, 56, 78, 47, Stop], Code128.Symbols("12345678"));
        // An odd run: the last digit goes back to B. check = (105 + 12 + 2·34 + 3·56 + 4·100 + 5·23) mod 103 = 868 mod 103 = 44.
        Assert.Equal([StartC, 12, 34, 56, CodeB, 23, 44, Stop], Code128.Symbols("1234567"));
    }

    [Fact]
    public void Short_runs_of_digits_stay_in_code_set_B()
    {
        // Two digits alone, and five digits inside the text, are shorter in B than with a switch to C and back.
        Assert.Equal([StartB, 17, 18, (StartB + 17 + 2 * 18) % 103, Stop], Code128.Symbols("12"));
        Assert.DoesNotContain(CodeC, Code128.Symbols("A12345B"));
        // Four digits at the end are worth the switch: R M, then C 12 34.
        Assert.Equal([StartB, 50, 45, CodeC, 12, 34], Code128.Symbols("RM1234").Take(6));
        // A single odd digit before an even run goes first in B: A 1, then C 23 45 67.
        Assert.Equal([StartB, 33, 17, CodeC, 23, 45, 67], Code128.Symbols("A1234567").Take(7));
    }

    [Fact]
    public void Bar_patterns_are_the_standards()
    {
        Assert.Equal("11010010000", Modules([2, 1, 1, 2, 1, 4]));                 // start B as the standard draws it
        Assert.Equal("11010010000", Modules(Code128.Widths("A").Take(6)));         // ... and as the encoder draws it
        Assert.Equal("11010011100", Modules(Code128.Widths("1234").Take(6)));      // start C
        Assert.Equal("1100011101011", Modules(Code128.Widths("A").TakeLast(7)));   // stop
        // " " is value 0 (212222), "C" after start C... value 99 = code C (113141), value 100 = code B (114131).
        Assert.Equal("11011001100", Modules(Code128.Widths(" ").Skip(6).Take(6)));
        var noRm = Code128.Widths("KK-000123-02");
        Assert.Equal("10111011110", Modules(noRm.Skip(6 * 4).Take(6)));            // code C, fifth symbol
        Assert.Equal("10111101110", Modules(noRm.Skip(6 * 8).Take(6)));            // code B, ninth symbol
    }

    [Theory]
    [InlineData("KK-000123-02")]
    [InlineData("RM-2026-000017")]
    [InlineData("00012345")]
    [InlineData("A1")]
    [InlineData("pkm 1/2")]
    public void Every_symbol_has_11_modules_and_even_bar_parity_and_the_bars_decode_back_to_the_text(string text)
    {
        var widths = Code128.Widths(text);
        var symbols = Code128.Symbols(text);
        Assert.Equal(symbols.Count * 6 + 1, widths.Count);
        for (var s = 0; s < symbols.Count - 1; s++)
        {
            var w = widths.Skip(s * 6).Take(6).ToArray();
            Assert.Equal(11, w.Sum());
            Assert.Equal(0, (w[0] + w[2] + w[4]) % 2);   // Code 128 parity: the bars of a symbol take an even number of modules
        }
        Assert.Equal(13, widths.TakeLast(7).Sum());

        // ZXing's reader checks the start, the patterns and the check symbol on its own.
        var modules = new string('0', 10) + Modules(widths) + new string('0', 10);
        var row = new BitArray(modules.Length);
        for (var i = 0; i < modules.Length; i++)
        {
            if (modules[i] == '1')
            {
                row[i] = true;
            }
        }
        var result = new Code128Reader().decodeRow(0, row, new Dictionary<DecodeHintType, object>());
        Assert.NotNull(result);
        Assert.Equal(text, result.Text);
    }

    [Fact]
    public void The_svg_draws_one_rectangle_per_bar_inside_a_quiet_zone()
    {
        var widths = Code128.Widths("KK-000123-02");
        var svg = Code128.Svg("KK-000123-02");
        var total = widths.Sum() + 20;
        Assert.StartsWith($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {total} 40\"", svg);
        Assert.Equal((widths.Count + 1) / 2 + 1, svg.Split("<rect").Length - 1);   // the bars and the white background
        Assert.Contains("<rect x=\"10\" width=\"2\"", svg);                        // the first bar after 10 modules of quiet zone
    }

    [Theory]
    [InlineData("")]
    [InlineData("Nomor\tRM")]
    [InlineData("Pasién")]
    public void What_code_set_B_cannot_carry_is_refused(string text)
    {
        Assert.False(Code128.CanEncode(text));
        Assert.Throws<ArgumentException>(() => Code128.Symbols(text));
    }

    [Fact]
    public void More_than_48_characters_is_refused()
    {
        Assert.True(Code128.CanEncode(new string('7', 48)));
        Assert.False(Code128.CanEncode(new string('7', 49)));
    }

    private static string Modules(IEnumerable<int> widths)
    {
        var sb = new StringBuilder();
        var bar = true;
        foreach (var w in widths)
        {
            sb.Append(bar ? '1' : '0', w);
            bar = !bar;
        }
        return sb.ToString();
    }
}
