using Dapper;
using Simpus.Core.Common;

namespace Simpus.Core.Demo;

/// <summary>
/// The demo puskesmas' registration desk: about 6,000 patients in families and a year of visits up to today
/// (busiest on Monday and Thursday, closed on Sunday), poli chosen by age and sex, realistic waiting times,
/// a few cancellations, and today's queue still open.
/// </summary>
public sealed class RegistrationDemoSeeder : IDemoSeeder
{
    public const int Patients = 6000;

    public int Order => 10;

    public string Name => "pasien dan kunjungan";

    public void Seed(DemoContext context)
    {
        var generator = new PopulationGenerator(context.Seed, context.Today);
        var people = generator.Generate(Patients).ToList();
        BulkLoader.InsertPatients(context.Db, people);
        context.Log.WriteLine($"  {people.Count} pasien dalam keluarga");

        var random = context.RandomFor(Name);
        var offset = TimeZones.Offset(context.TimeZone);
        using var c = context.Db.Open();
        var patients = c.Query<(long Id, string Sex, string BirthDate, string Payer)>(
            "SELECT id, sex, birth_date, default_payer FROM patients ORDER BY id")
            .Select(p => (p.Id, p.Sex, BirthDate: DateOnly.ParseExact(p.BirthDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.Payer))
            .ToList();
        // Some patients come often (chronic illness, pregnancy, small children), most rarely.
        var weights = patients.Select(p =>
        {
            var age = context.Today.Year - p.BirthDate.Year;
            return age switch { < 5 => 3.0, >= 55 => 3.5, _ => 1.0 } * (random.NextDouble() < 0.15 ? 4 : 1);
        }).ToArray();
        var cumulative = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }

        using var t = c.BeginTransaction();
        var visits = 0;
        var start = context.Today.AddDays(-365);
        var now = context.Now.ToOffset(offset);
        var nowMinutes = now.Date == context.Today.ToDateTime(TimeOnly.MinValue) ? (int)(now.TimeOfDay.TotalMinutes - 7 * 60 - 15) : 24 * 60;
        for (var day = start; day <= context.Today; day = day.AddDays(1))
        {
            if (day.DayOfWeek == DayOfWeek.Sunday)
            {
                continue;
            }
            var factor = day.DayOfWeek switch
            {
                DayOfWeek.Monday => 1.35,
                DayOfWeek.Thursday => 1.15,
                DayOfWeek.Friday => 0.85,
                DayOfWeek.Saturday => 0.6,
                _ => 1.0,
            };
            var isToday = day == context.Today;
            var count = (int)(95 * factor * (0.85 + random.NextDouble() * 0.3));
            // Today the desk has only worked until now: arrivals spread over the morning so far.
            var window = isToday ? Math.Clamp(nowMinutes, 0, 260) : 260;
            if (isToday)
            {
                count = count * window / 260;
            }
            var seen = new HashSet<(long, string)>();
            var queue = new Dictionary<string, int>();
            for (var i = 0; i < count; i++)
            {
                var p = patients[Pick(cumulative, random.NextDouble() * sum)];
                if (p.BirthDate > day)
                {
                    continue;
                }
                var poli = ChoosePoli(random, p.Sex, Ages.Age.At(p.BirthDate, day).Years);
                if (!seen.Add((p.Id, poli)))
                {
                    continue;
                }
                var q = queue[poli] = queue.GetValueOrDefault(poli) + 1;
                var arrivedLocal = day.ToDateTime(new TimeOnly(7, 15)).AddMinutes(random.Next(0, Math.Max(1, window)));
                var arrived = new DateTimeOffset(arrivedLocal, offset);
                var started = arrived.AddMinutes(3 + random.Next(0, 45) + (day.DayOfWeek == DayOfWeek.Monday ? random.Next(0, 25) : 0));
                var finished = started.AddMinutes(4 + random.Next(0, 16));
                var status = "finished";
                if (isToday)
                {
                    status = finished <= now ? "finished" : started <= now ? "in-progress" : "arrived";
                }
                else if (random.NextDouble() < 0.02)
                {
                    status = "cancelled";
                }
                var payer = random.NextDouble() < 0.93 ? p.Payer : "umum";
                var complaint = Complaints[random.Next(Complaints.Length)];
                var id = c.ExecuteScalar<long>("""
                    INSERT INTO visits (patient_id, poli, payer, complaint, visit_date, queue_number, status, arrived_at, started_at, finished_at,
                                        cancelled_at, cancel_reason, created_at, created_by)
                    VALUES (@Id, @poli, @payer, @complaint, @day, @q, @status, @arrived, @startedAt, @finishedAt, @cancelledAt, @cancelReason, @arrived, 'loket')
                    RETURNING id
                    """, new
                {
                    p.Id, poli, payer, complaint, day, q, status, arrived,
                    startedAt = status is "finished" or "in-progress" ? started : (DateTimeOffset?)null,
                    finishedAt = status == "finished" ? finished : (DateTimeOffset?)null,
                    cancelledAt = status == "cancelled" ? arrived.AddMinutes(20) : (DateTimeOffset?)null,
                    cancelReason = status == "cancelled" ? "Pasien pulang sebelum dipanggil" : null,
                }, t);
                c.Execute("INSERT INTO visit_status_history (visit_id, status, at, changed_by, recorded_at) VALUES (@id, 'arrived', @arrived, 'loket', @arrived)",
                    new { id, arrived }, t);
                if (status is "finished" or "in-progress")
                {
                    c.Execute("INSERT INTO visit_status_history (visit_id, status, at, changed_by, recorded_at) VALUES (@id, 'in-progress', @started, 'dokter', @started)",
                        new { id, started }, t);
                }
                if (status == "finished")
                {
                    c.Execute("INSERT INTO visit_status_history (visit_id, status, at, changed_by, recorded_at) VALUES (@id, 'finished', @finished, 'dokter', @finished)",
                        new { id, finished }, t);
                }
                visits++;
            }
        }
        t.Commit();
        context.Log.WriteLine($"  {visits} kunjungan dalam setahun");
    }

    private static readonly string[] Complaints =
    [
        "Batuk pilek 3 hari", "Demam sejak kemarin", "Pusing dan tengkuk berat", "Kontrol tekanan darah", "Kontrol gula darah",
        "Gatal-gatal di kulit", "Nyeri ulu hati", "Pegal linu", "Sakit gigi", "Periksa kehamilan", "Imunisasi anak", "Diare 2 hari",
        "Sakit tenggorokan", "Nyeri sendi lutut", "Sesak napas", "Luka di kaki", "Mata merah", "Cek laboratorium",
    ];

    private static string ChoosePoli(Random random, string sex, int age)
    {
        var r = random.NextDouble();
        if (r < 0.03)
        {
            return "ugd";
        }
        if (r < 0.08)
        {
            return "lab";
        }
        if (r < 0.16)
        {
            return "gigi";
        }
        if (age < 6)
        {
            return random.NextDouble() < 0.7 ? "anak" : "kia";
        }
        if (sex == "P" && age is >= 18 and <= 40 && random.NextDouble() < 0.35)
        {
            return "kia";
        }
        if (age >= 60 && random.NextDouble() < 0.7)
        {
            return "lansia";
        }
        return "umum";
    }

    private static int Pick(double[] cumulative, double value)
    {
        var index = Array.BinarySearch(cumulative, value);
        return index >= 0 ? index : Math.Min(~index, cumulative.Length - 1);
    }
}
