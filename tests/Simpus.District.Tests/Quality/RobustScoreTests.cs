using Simpus.District.Quality;

namespace Simpus.District.Tests.Quality;

public sealed class RobustScoreTests
{
    [Fact]
    public void A_month_far_above_a_steady_history_is_an_outlier()
    {
        double[] history = [100, 104, 98, 101, 97, 103, 99, 102, 100, 96, 105, 101];

        var score = RobustScore.Score(400, history);

        Assert.True(RobustScore.IsOutlier(score));
        Assert.True(score > 0);
    }

    [Fact]
    public void An_ordinary_month_is_not_an_outlier_even_when_history_holds_one_extreme_month()
    {
        double[] history = [100, 104, 98, 101, 97, 900, 99, 102, 100, 96, 105, 101];

        Assert.False(RobustScore.IsOutlier(RobustScore.Score(108, history)));
    }

    [Fact]
    public void Too_little_history_gives_no_judgement()
    {
        Assert.Null(RobustScore.Score(1000, [1, 2, 3]));
    }

    [Fact]
    public void Small_count_differences_are_never_flagged()
    {
        double[] history = [0, 0, 0, 0, 0, 0, 0, 1];

        Assert.False(RobustScore.IsOutlier(RobustScore.Score(3, history)));
        Assert.True(RobustScore.IsOutlier(RobustScore.Score(40, history)));
    }

    [Fact]
    public void Median_and_mad_are_computed_on_sorted_values()
    {
        double[] values = [1, 9, 2, 8, 3];

        Assert.Equal(3, RobustScore.Median(values));
        Assert.Equal(2, RobustScore.Mad(values, 3));
    }
}
