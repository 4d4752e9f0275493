using Dapper;
using Simpus.Core.Common;

namespace Simpus.Core.Demo;

/// <summary>
/// The demo puskesmas' registration desk: about 6,000 patients in families and a year of visits up to today
/// (busiest on Monday and Thursday, closed on Sunday), poli chosen by age and sex, complaints that fit the poli,
/// queue numbers in order of arrival, realistic waiting times, a few cancellations, and today's queue still open at
/// any hour: today's arrivals run up to the moment the demo is made, and the last arrivals (at least those of the last ten
/// minutes) still wait.
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
        var nowIsToday = now.Date == context.Today.ToDateTime(TimeOnly.MinValue);
        var nowMinutes = nowIsToday ? (int)(now.TimeOfDay.TotalMinutes - 7 * 60 - 15) : 24 * 60;
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
            // Opening hours from 07:15 for 260 minutes. Today the desk has only worked until now: during opening hours
            // arrivals spread from 07:15 to now; outside them (early morning, afternoon, evening) over the last hours
            // before now, so that the demo shows an open queue whenever it is made.
            var dayStart = day.ToDateTime(new TimeOnly(7, 15));
            var window = 260;
            if (isToday && nowIsToday)
            {
                var sinceMidnight = (int)now.TimeOfDay.TotalMinutes;
                window = nowMinutes is >= 0 and <= 260 ? nowMinutes : Math.Min(260, sinceMidnight);
                dayStart = now.DateTime.AddMinutes(-window);
                count = Math.Max(window > 0 ? 3 : 0, count * window / 260);
            }
            var seen = new HashSet<(long, string)>();
            var queue = new Dictionary<string, int>();
            // Queue numbers are given at arrival: arrival times in order.
            var arrivals = Enumerable.Range(0, count).Select(_ => random.Next(0, Math.Max(1, window))).Order().ToArray();
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
                var arrivedLocal = dayStart.AddMinutes(arrivals[i]);
                var arrived = new DateTimeOffset(arrivedLocal, offset);
                var started = arrived.AddMinutes(3 + random.Next(0, 45) + (day.DayOfWeek == DayOfWeek.Monday ? random.Next(0, 25) : 0));
                var finished = started.AddMinutes(4 + random.Next(0, 16));
                var status = "finished";
                if (isToday)
                {
                    status = finished <= now ? "finished" : started <= now ? "in-progress" : "arrived";
                    if (arrived > now.AddMinutes(-10) || i >= count - 6)
                    {
                        status = "arrived";
                    }
                }
                else if (random.NextDouble() < 0.02)
                {
                    status = "cancelled";
                }
                var payer = random.NextDouble() < 0.93 ? p.Payer : "umum";
                var complaint = ComplaintFor(random, poli, p.Sex, Ages.Age.At(p.BirthDate, day).Years);
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
                    if (isToday)
                    {
                        // Today's calls to the poli, so the waiting-room screen shows the last one.
                        c.Execute("INSERT INTO queue_calls (visit_id, called_at, called_by, repeated) VALUES (@id, @started, 'dokter', 0)", new { id, started }, t);
                    }
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

    private static readonly string[] AdultComplaints =
    [
        "Batuk pilek 3 hari", "Demam sejak kemarin", "Pusing dan tengkuk berat", "Gatal-gatal di kulit", "Nyeri ulu hati", "Pegal linu",
        "Diare 2 hari", "Sakit tenggorokan", "Nyeri pinggang", "Sesak napas", "Mata merah", "Sakit kepala", "Batuk berdahak seminggu",
    ];

    private static readonly string[] ElderlyComplaints =
    [
        "Kontrol tekanan darah", "Kontrol gula darah", "Nyeri sendi lutut", "Pegal linu", "Pusing dan tengkuk berat", "Batuk pilek 3 hari",
        "Sulit tidur", "Kontrol kolesterol",
    ];

    private static readonly string[] ChildComplaints =
    [
        "Batuk pilek, rewel", "Demam sejak semalam", "Mencret 3 kali hari ini", "Gatal merah di kulit", "Pilek, hidung tersumbat", "Nafsu makan kurang",
    ];

    private static readonly string[] DentalComplaints =
    [
        "Sakit gigi", "Gigi berlubang", "Gusi bengkak", "Karang gigi", "Gigi goyang", "Gusi mudah berdarah", "Gigi susu belum tanggal",
    ];

    private static readonly string[] EmergencyComplaints =
    [
        "Luka karena jatuh dari motor", "Luka lecet karena jatuh", "Jari tangan teriris", "Demam tinggi, menggigil", "Muntah dan mencret sejak pagi",
        "Nyeri perut hebat", "Sesak napas mendadak", "Kaki terkilir",
    ];

    private static readonly string[] LabComplaints = ["Cek laboratorium", "Cek gula darah", "Cek kolesterol", "Cek darah rutin", "Cek asam urat"];

    /// <summary>What the patient tells the desk, fitting the poli, age and sex (one draw from the random source).</summary>
    private static string ComplaintFor(Random random, string poli, string sex, int age)
    {
        string[] list = poli switch
        {
            "gigi" => DentalComplaints,
            "ugd" => EmergencyComplaints,
            "lab" => LabComplaints,
            "anak" => ChildComplaints,
            "lansia" => ElderlyComplaints,
            "kia" when age < 6 => ["Imunisasi anak", "Penimbangan balita", "Kontrol tumbuh kembang"],
            "kia" when sex == "P" && age is >= 15 and <= 49 => ["Periksa kehamilan", "Periksa kehamilan", "Suntik KB", "Kontrol nifas"],
            "kia" => ["Konsultasi KB"],
            _ when age < 13 => ChildComplaints,
            _ when age >= 60 => ElderlyComplaints,
            _ => AdultComplaints,
        };
        return list[random.Next(list.Length)];
    }
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
