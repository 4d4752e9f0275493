using Simpus.Core.Queue;

namespace Simpus.Core.Tests.Queue;

public sealed class AnnouncementTests
{
    [Theory]
    [InlineData(0, "nol")]
    [InlineData(1, "satu")]
    [InlineData(10, "sepuluh")]
    [InlineData(11, "sebelas")]
    [InlineData(15, "lima belas")]
    [InlineData(19, "sembilan belas")]
    [InlineData(20, "dua puluh")]
    [InlineData(47, "empat puluh tujuh")]
    [InlineData(100, "seratus")]
    [InlineData(111, "seratus sebelas")]
    [InlineData(215, "dua ratus lima belas")]
    [InlineData(1000, "seribu")]
    [InlineData(1203, "seribu dua ratus tiga")]
    [InlineData(25000, "dua puluh lima ribu")]
    public void Numbers_are_spoken_in_Indonesian_words(int n, string words) =>
        Assert.Equal(words, NumberWords.Indonesian(n));

    [Fact]
    public void A_call_names_the_letter_the_number_in_words_and_the_poli() =>
        Assert.Equal("Nomor antrean U lima belas, silakan ke Poli Umum", QueueService.Announcement("U", 15, "Poli Umum"));

    [Fact]
    public void Queue_labels_carry_the_letter_and_three_digits()
    {
        Assert.Equal("G-003", QueueService.Label("G", 3));
        Assert.Equal("A-015", QueueService.Label("A", 15));
        Assert.Equal("U-1015", QueueService.Label("U", 1015));
    }
}
