namespace Simpus.Core.Queue;

/// <summary>Numbers as spoken in Indonesian: 15 → "lima belas", 115 → "seratus lima belas", 1000 → "seribu".</summary>
public static class NumberWords
{
    private static readonly string[] Units = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];

    public static string Indonesian(int n)
    {
        if (n < 0)
        {
            return "minus " + Indonesian(-n);
        }
        if (n < 10)
        {
            return Units[n];
        }
        if (n == 10)
        {
            return "sepuluh";
        }
        if (n == 11)
        {
            return "sebelas";
        }
        if (n < 20)
        {
            return Units[n - 10] + " belas";
        }
        if (n < 100)
        {
            return Units[n / 10] + " puluh" + Rest(n % 10);
        }
        if (n < 200)
        {
            return "seratus" + Rest(n - 100);
        }
        if (n < 1000)
        {
            return Units[n / 100] + " ratus" + Rest(n % 100);
        }
        if (n < 2000)
        {
            return "seribu" + Rest(n - 1000);
        }
        if (n < 1_000_000)
        {
            return Indonesian(n / 1000) + " ribu" + Rest(n % 1000);
        }
        return Indonesian(n / 1_000_000) + " juta" + Rest(n % 1_000_000);
    }

    private static string Rest(int n) => n == 0 ? "" : " " + Indonesian(n);
}
