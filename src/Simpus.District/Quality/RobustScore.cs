namespace Simpus.District.Quality;

/// <summary>
/// Outliers against a clinic's own history with a median-based score (Iglewicz–Hoaglin modified z-score):
/// z = 0.6745 × (x − median) / MAD, where MAD is the median absolute deviation. Unlike mean and standard deviation,
/// the median and MAD are not pulled by the outlier months themselves.
/// </summary>
public static class RobustScore
{
    /// <summary>|z| above this is an outlier (the usual threshold for the modified z-score).</summary>
    public const double Threshold = 3.5;

    /// <summary>Fewer earlier months than this: no judgement.</summary>
    public const int MinHistory = 6;

    /// <summary>Differences smaller than this (in counts) are never flagged: small clinics jump between 0 and 3 by chance.</summary>
    public const double MinAbsoluteDifference = 5;

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public static double Mad(IReadOnlyList<double> values, double median) =>
        Median(values.Select(v => Math.Abs(v - median)).ToArray());

    /// <summary>
    /// The modified z-score of <paramref name="value"/> against <paramref name="history"/>, or null when there is too little history.
    /// When MAD is 0 (more than half the months equal) the mean absolute deviation × 1.2533 is used instead; when that is 0 too,
    /// any difference is infinitely unusual.
    /// </summary>
    public static double? Score(double value, IReadOnlyList<double> history)
    {
        if (history.Count < MinHistory)
        {
            return null;
        }
        var median = Median(history);
        var diff = value - median;
        if (Math.Abs(diff) < MinAbsoluteDifference)
        {
            return 0;
        }
        var mad = Mad(history, median);
        if (mad > 0)
        {
            return 0.6745 * diff / mad;
        }
        var meanAd = history.Average(v => Math.Abs(v - median));
        if (meanAd > 0)
        {
            return diff / (1.253314 * meanAd);
        }
        return diff > 0 ? double.PositiveInfinity : double.NegativeInfinity;
    }

    public static bool IsOutlier(double? score) => score is { } s && Math.Abs(s) > Threshold;
}
