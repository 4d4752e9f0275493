using Simpus.Core.Data;
using Simpus.District.Tests.Infrastructure;
using Simpus.Exchange;
using Simpus.Exchange.Outbox;

namespace Simpus.District.Tests.Exchange;

/// <summary>The clinic's revision numbering and outbox, on a copy of a migrated clinic database.</summary>
public sealed class PackageOutboxTests : IDisposable
{
    private static readonly string Key = PackageCodec.NewKey();
    private readonly string _folder = TestFolders.New("outbox");
    private readonly PackageOutbox _outbox;

    public PackageOutboxTests()
    {
        var file = Path.Combine(_folder, "simpus.db");
        TemplateDatabase.CopyTo(file);
        _outbox = new PackageOutbox(new Database(file), TimeProvider.System);
    }

    [Fact]
    public void Unchanged_values_keep_the_revision_and_changed_values_get_the_next_one()
    {
        var period = new MonthPeriod(2026, 10);
        var values = TestPackages.Package("P001", period).Values;

        var (first, firstFile) = _outbox.Issue(period, "P001", "Puskesmas Satu", values, Key, "kepala");
        var (again, againFile) = _outbox.Issue(period, "P001", "Puskesmas Satu", values.Reverse().ToList(), Key, "kepala");
        var (changed, _) = _outbox.Issue(period, "P001", "Puskesmas Satu", TestPackages.Package("P001", period, visits: 130).Values, Key, "kepala");
        var (otherMonth, _) = _outbox.Issue(period.AddMonths(-1), "P001", "Puskesmas Satu", values, Key, "kepala");

        Assert.Equal(1, first.Revision);
        Assert.Equal(1, again.Revision);
        Assert.Equal(firstFile, againFile);
        Assert.Equal(2, changed.Revision);
        Assert.Equal(1, otherMonth.Revision);
    }

    [Fact]
    public void Queueing_the_same_revision_twice_gives_one_entry_and_a_new_revision_supersedes_the_queued_one()
    {
        var period = new MonthPeriod(2026, 10);
        var (r1, _) = _outbox.Issue(period, "P001", "Puskesmas Satu", TestPackages.Package("P001", period).Values, Key, "kepala");
        var e1 = _outbox.Queue(r1, "kepala");
        var e1Again = _outbox.Queue(r1, "kepala");
        var (r2, _) = _outbox.Issue(period, "P001", "Puskesmas Satu", TestPackages.Package("P001", period, visits: 130).Values, Key, "kepala");
        var e2 = _outbox.Queue(r2, "kepala");

        Assert.Equal(e1.Id, e1Again.Id);
        Assert.Equal(OutboxStatus.Superseded, _outbox.Get(e1.Id)!.Status);
        Assert.Equal(OutboxStatus.Queued, e2.Status);
        Assert.Equal([e2.Id], _outbox.Due().Select(e => e.Id).ToArray());
    }

    [Fact]
    public void A_failed_attempt_waits_before_the_next_and_the_file_is_signed_with_the_current_key()
    {
        var period = new MonthPeriod(2026, 10);
        var (r1, _) = _outbox.Issue(period, "P001", "Puskesmas Satu", TestPackages.Package("P001", period).Values, Key, "kepala");
        var entry = _outbox.Queue(r1, "kepala");
        var newKey = PackageCodec.NewKey();

        _outbox.MarkFailed(entry.Id, "Dinas Kesehatan tidak dapat dihubungi", DateTimeOffset.UtcNow.AddMinutes(5));
        var resigned = PackageCodec.Parse(_outbox.FileFor(entry, newKey));

        Assert.Empty(_outbox.Due());
        Assert.Equal(1, _outbox.Get(entry.Id)!.Attempts);
        PackageCodec.Verify(resigned, newKey);
    }

    [Fact]
    public void Backoff_doubles_and_is_capped()
    {
        var @base = TimeSpan.FromSeconds(30);
        var max = TimeSpan.FromHours(1);

        var first = PackageOutbox.Backoff(0, @base, max);
        var third = PackageOutbox.Backoff(2, @base, max);
        var late = PackageOutbox.Backoff(40, @base, max);

        Assert.InRange(first.TotalSeconds, 24, 36);
        Assert.InRange(third.TotalSeconds, 96, 144);
        Assert.InRange(late.TotalSeconds, 2880, 4320);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestFolders.TryDelete(_folder);
    }
}
