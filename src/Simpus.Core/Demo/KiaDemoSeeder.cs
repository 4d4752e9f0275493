using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Ages;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Core.Demo;

/// <summary>
/// The demo puskesmas' kohort ibu and infant care, sized to its sasaran (population × CBR 16.5 ‰: about 109 pregnant women
/// and 99 infants a year for 6,000 people): pregnancies with HPHT (a few dated only by gestational age, a few undated:
/// "data belum lengkap"), contacts spread over the trimesters with a doctor in trimester 1 and 3 for most, gravida-para-abortus,
/// LILA, Hb, TFU, DJJ, presentation and Td status; deliveries (helper and place) and KF1–KF4; newborn visits (KN1–KN3) and
/// the basic immunisation schedule. So K1 ≈ 95 %, K6 ≈ 80 % and imunisasi dasar lengkap ≈ 90 % of sasaran a year.
/// The visits are finished KIA visits; the clinical seeder (order 20) adds their examinations and diagnoses.
/// </summary>
public sealed class KiaDemoSeeder : IDemoSeeder
{
    /// <summary>Crude birth rate of the demo (per 1,000); the report settings derive the sasaran from it.</summary>
    public const decimal Cbr = 16.5m;

    public int Order => 15;

    public string Name => "kohort ibu, persalinan, bayi dan imunisasi";

    private static readonly (string Antigen, int Dose, int Day)[] Schedule =
    [
        ("HB0", 1, 1), ("BCG", 1, 30), ("POLIO", 1, 30), ("DPT-HB-HIB", 1, 61), ("POLIO", 2, 61), ("PCV", 1, 61), ("ROTAVIRUS", 1, 61),
        ("DPT-HB-HIB", 2, 91), ("POLIO", 3, 91), ("PCV", 2, 91), ("ROTAVIRUS", 2, 91), ("DPT-HB-HIB", 3, 122), ("POLIO", 4, 122), ("IPV", 1, 122),
        ("ROTAVIRUS", 3, 122), ("CAMPAK-RUBELLA", 1, 274), ("IPV", 2, 274),
    ];

    public void Seed(DemoContext context)
    {
        var random = context.RandomFor(Name);
        var offset = TimeZones.Offset(context.TimeZone);
        var today = context.Today;
        var nowLocal = context.Now.ToOffset(offset);
        using var c = context.Db.Open();
        var people = c.Query<(long Id, string Sex, string BirthDate)>("SELECT id, sex, birth_date FROM patients ORDER BY id")
            .Select(p => (p.Id, p.Sex, Birth: DateOnly.ParseExact(p.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
        var population = people.Count;
        var births = (double)(Cbr / 1000m * population);
        var pregnanciesPerYear = 0.95 * 1.10 * births;
        var start = today.AddDays(-365);

        var queues = c.Query<(string Day, long Max)>("SELECT visit_date, MAX(queue_number) FROM visits WHERE poli = 'kia' GROUP BY visit_date")
            .ToDictionary(r => r.Day, r => (int)r.Max);
        using var t = c.BeginTransaction();
        var writer = new Writer(c, t, queues, offset, random, nowLocal);

        // Pregnancies: HPHT spread so that about 95 % of the yearly sasaran make a first contact in any 365 days.
        var firstLmp = start.AddDays(-40 * 7);
        var lastLmp = today.AddDays(-6 * 7);
        var span = lastLmp.DayNumber - firstLmp.DayNumber;
        var count = (int)Math.Round(pregnanciesPerYear * span / 365.0);
        var women = people.Where(p => p.Sex == "P").ToList();
        var busyUntil = new Dictionary<long, DateOnly>();
        int pregnancies = 0, contacts = 0, deliveries = 0;
        for (var i = 0; i < count; i++)
        {
            // Stratified: one pregnancy in each equal slice of the span, so the months get an even share.
            var lmp = firstLmp.AddDays((int)((i + random.NextDouble()) * span / count));
            var candidates = women.Where(w => w.Birth <= lmp.AddYears(-17) && w.Birth > lmp.AddYears(-43) && busyUntil.GetValueOrDefault(w.Id) < lmp).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }
            var woman = candidates[random.Next(candidates.Count)];
            busyUntil[woman.Id] = lmp.AddDays(400);
            var (n, delivered) = Pregnancy(writer, woman.Id, Age.At(woman.Birth, lmp).Years, lmp, today, random);
            pregnancies++;
            contacts += n;
            deliveries += delivered ? 1 : 0;
        }

        // Infants: the basic immunisation schedule and the newborn visits, at the rate of the yearly births.
        var firstBirth = start.AddDays(-300);
        var infants = people.Where(p => p.Birth >= firstBirth && p.Birth <= today).OrderBy(p => p.Birth).ThenBy(p => p.Id).ToList();
        var wanted = Math.Min(infants.Count, (int)Math.Round(births * (today.DayNumber - firstBirth.DayNumber) / 365.0));
        var doses = 0;
        for (var i = 0; i < wanted; i++)
        {
            // Evenly through the births of the window, so every month has its share of infants.
            var baby = infants[(int)((long)i * infants.Count / wanted)];
            doses += Infant(writer, baby.Id, baby.Birth, today, random);
        }
        t.Commit();
        context.Log.WriteLine($"  {pregnancies} kehamilan, {contacts} kontak ANC, {deliveries} persalinan, {wanted} bayi, {doses} dosis imunisasi");
    }

    /// <summary>One pregnancy: contacts by trimester, then delivery and KF1–KF4; nothing after today.</summary>
    private static (int Contacts, bool Delivered) Pregnancy(Writer w, long patientId, int age, DateOnly lmp, DateOnly today, Random random)
    {
        var weeks = new List<int>();
        var early = random.NextDouble() < 0.92;
        var k1 = early ? random.Next(6, 11) : random.Next(14, 22);
        weeks.Add(k1);
        if (early && random.NextDouble() < 0.97)
        {
            weeks.Add(Math.Min(12, k1 + random.Next(2, 5)));
        }
        if (k1 < 16)
        {
            weeks.Add(random.Next(16, 21));
        }
        if (random.NextDouble() < 0.5)
        {
            weeks.Add(random.Next(22, 25));
        }
        weeks.AddRange([random.Next(28, 31), random.Next(32, 35), random.Next(36, 38)]);
        if (random.NextDouble() < 0.5)
        {
            weeks.Add(38);
        }
        weeks = weeks.Distinct().Order().ToList();
        var dropAfter = random.NextDouble() < 0.04 ? random.Next(1, weeks.Count) : weeks.Count;
        var doctorT1 = random.NextDouble() < 0.97;
        var doctorT3 = random.NextDouble() < 0.96;
        var doctorT1Week = weeks.LastOrDefault(x => x <= 12);
        var doctorT3Week = weeks.FirstOrDefault(x => x >= 32);

        // Dating: HPHT known for most, the gestational age at the first contact for some, neither for a few.
        var dating = random.NextDouble();
        var gravida = random.NextDouble() < 0.35 ? 1 : random.Next(2, 5);
        var abortus = gravida > 1 && random.NextDouble() < 0.15 ? 1 : 0;
        var flags = new List<string>();
        if (age < 20 || age > 35)
        {
            flags.Add("usia_risiko");
        }
        var anemia = random.NextDouble() < 0.15;
        var kek = random.NextDouble() < 0.08;
        if (anemia)
        {
            flags.Add("anemia");
        }
        if (kek)
        {
            flags.Add("kek");
        }
        if (gravida >= 4)
        {
            flags.Add("paritas_tinggi");
        }
        long? pregnancyId = null;
        var made = 0;
        var td = random.Next(1, 4);
        for (var i = 0; i < Math.Min(dropAfter, weeks.Count); i++)
        {
            var week = weeks[i];
            var date = lmp.AddDays(week * 7 + random.Next(0, 5));
            if (date > today || (date == today && !w.CanVisitToday))
            {
                break;
            }
            if (date == today)
            {
                // Waiting in today's queue: the bidan records this contact herself.
                w.Waiting(patientId, "Periksa kehamilan");
                break;
            }
            var byDoctor = (doctorT1 && week == doctorT1Week) || (doctorT3 && week == doctorT3Week);
            var visitId = w.Visit(patientId, date, $"Periksa kehamilan, hamil {week} minggu");
            if (pregnancyId is null)
            {
                var datedByWeek = dating is >= 0.88 and < 0.96;
                pregnancyId = w.Insert("""
                    INSERT INTO kia_pregnancies (patient_id, lmp, dated_week, dated_on, gravida, para, abortus, risk_flags, created_at, created_by, updated_at)
                    VALUES (@patientId, @lmp, @datedWeek, @datedOn, @gravida, @para, @abortus, @flags, @at, 'bidan', @at) RETURNING id
                    """, new
                {
                    patientId, lmp = dating < 0.88 ? Fmt(lmp) : null, datedWeek = datedByWeek ? (int?)week : null, datedOn = datedByWeek ? Fmt(date) : null,
                    gravida, para = gravida - 1 - abortus, abortus, flags = flags.Count == 0 ? null : string.Join(",", flags), at = w.At(date),
                });
            }
            w.Insert("""
                INSERT INTO kia_antenatal_contacts (visit_id, patient_id, pregnancy_id, given_by, muac, hb, fundal_height, fetal_heart, presentation, td_status)
                VALUES (@visitId, @patientId, @pregnancyId, @givenBy, @muac, @hb, @tfu, @djj, @presentation, @td) RETURNING id
                """, new
            {
                visitId, patientId, pregnancyId, givenBy = byDoctor ? "dokter" : "bidan",
                muac = i == 0 ? Math.Round(kek ? 21.5 + random.NextDouble() * 1.8 : 23.6 + random.NextDouble() * 6, 1) : (double?)null,
                hb = i == 0 || week is >= 28 and <= 31 ? Math.Round(anemia ? 9.2 + random.NextDouble() * 1.6 : 11.1 + random.NextDouble() * 2.3, 1) : (double?)null,
                tfu = week >= 20 ? Math.Round(week - 2 + random.NextDouble() * 4, 0) : (double?)null,
                djj = week >= 16 ? random.Next(128, 158) : (int?)null,
                presentation = week >= 28 ? (random.NextDouble() < 0.95 ? "kepala" : "bokong") : week >= 20 ? "belum" : null,
                td = "T" + Math.Min(5, td + (i >= 1 ? 1 : 0)),
            });
            made++;
        }
        if (pregnancyId is null)
        {
            return (0, false);
        }
        if (dropAfter < weeks.Count)
        {
            return (made, false);
        }
        var deliveryDate = lmp.AddDays(7 * random.Next(37, 41) + random.Next(0, 7));
        if (deliveryDate >= today)
        {
            return (made, false);
        }
        var r = random.NextDouble();
        var place = r < 0.40 ? "puskesmas" : r < 0.65 ? "pmb" : r < 0.89 ? "rumah_sakit" : r < 0.94 ? "klinik" : "rumah";
        var helper = place switch
        {
            "rumah_sakit" => random.NextDouble() < 0.6 ? "dokter" : "bidan",
            "rumah" => random.NextDouble() < 0.6 ? "bidan" : "dukun",
            _ => "bidan",
        };
        var complete = random.NextDouble() < 0.88;
        var kfDays = new[] { random.Next(0, 3), random.Next(3, 8), random.Next(8, 29), random.Next(29, 43) };
        long? deliveryRecorded = null;
        for (var k = 0; k < kfDays.Length; k++)
        {
            if (k == 3 && !complete)
            {
                break;
            }
            var date = deliveryDate.AddDays(Math.Max(1, kfDays[k]));
            if (date >= today)
            {
                break;
            }
            var visitId = w.Visit(patientId, date, $"Kontrol nifas hari ke-{date.DayNumber - deliveryDate.DayNumber}");
            if (deliveryRecorded is null)
            {
                deliveryRecorded = w.Insert("""
                    INSERT INTO kia_deliveries (visit_id, patient_id, delivery_date, place, helper, by_health_worker, pregnancy_id)
                    VALUES (@visitId, @patientId, @date, @place, @helper, @byHw, @pregnancyId) RETURNING id
                    """, new { visitId, patientId, date = Fmt(deliveryDate), place, helper, byHw = helper is "dokter" or "bidan" ? 1 : 0, pregnancyId });
                w.Insert("UPDATE kia_pregnancies SET ended_on = @date, end_kind = 'persalinan' WHERE id = @pregnancyId RETURNING id",
                    new { date = Fmt(deliveryDate), pregnancyId });
            }
            w.Insert("INSERT INTO kia_postnatal (visit_id, patient_id, kf_number) VALUES (@visitId, @patientId, @kf) RETURNING id", new { visitId, patientId, kf = k + 1 });
        }
        return (made, deliveryRecorded is not null);
    }

    /// <summary>An infant's newborn visits (KN1–KN3) and basic immunisations on schedule; about 1 in 16 misses a dose.</summary>
    private static int Infant(Writer w, long patientId, DateOnly birth, DateOnly today, Random random)
    {
        var doses = 0;
        // About one infant in sixteen misses a dose of the basic set (DPT-HB-Hib, IPV or campak-rubella) and is not complete.
        var misses = random.NextDouble() < 0.06 ? new[] { "DPT-HB-HIB", "IPV", "CAMPAK-RUBELLA" }[random.Next(3)] : null;
        var byDay = Schedule.Where(s => s.Antigen != misses).GroupBy(s => s.Day).OrderBy(g => g.Key).ToList();
        var visits = new List<(DateOnly Date, int? Kn, List<(string Antigen, int Dose)> Doses)>
        {
            (birth.AddDays(1), 1, [.. byDay.First(g => g.Key == 1).Select(s => (s.Antigen, s.Dose))]),
            (birth.AddDays(random.Next(3, 8)), 2, []),
            (birth.AddDays(random.Next(8, 29)), 3, []),
        };
        visits.AddRange(byDay.Where(g => g.Key > 1).Select(g => (birth.AddDays(g.Key + random.Next(0, 10)), (int?)null, g.Select(s => (s.Antigen, s.Dose)).ToList())));
        foreach (var (date, kn, given) in visits)
        {
            if (date >= today)
            {
                break;
            }
            var visitId = w.Visit(patientId, date, kn is not null ? "Kunjungan neonatal" : "Imunisasi " + string.Join(", ", given.Select(g => g.Antigen).Distinct()));
            if (kn is { } number)
            {
                w.Insert("INSERT INTO kia_neonatal (visit_id, patient_id, kn_number) VALUES (@visitId, @patientId, @number) RETURNING id", new { visitId, patientId, number });
            }
            foreach (var (antigen, dose) in given)
            {
                w.Insert("""
                    INSERT INTO kia_immunizations (visit_id, patient_id, antigen, dose, given_date) VALUES (@visitId, @patientId, @antigen, @dose, @date) RETURNING id
                    """, new { visitId, patientId, antigen, dose, date = Fmt(date) });
                doses++;
            }
        }
        return doses;
    }

    private static string Fmt(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Writes finished KIA visits (the next queue number of the day) and their status history.</summary>
    private sealed class Writer(SqliteConnection c, SqliteTransaction t, Dictionary<string, int> queues, TimeSpan offset, Random random, DateTimeOffset nowLocal)
    {
        /// <summary>Today's KIA contacts only once the morning has started; they wait in the queue.</summary>
        public bool CanVisitToday => nowLocal.TimeOfDay >= new TimeSpan(7, 45, 0);

        public string At(DateOnly date) => DapperSetup.FormatInstant(new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), offset));

        public long Insert(string sql, object args) => c.ExecuteScalar<long>(sql, args, t);

        /// <summary>A woman waiting in today's KIA queue (when the morning has started and she is not already queued).</summary>
        public void Waiting(long patientId, string complaint)
        {
            var day = Fmt(DateOnly.FromDateTime(nowLocal.DateTime));
            if (!CanVisitToday || c.ExecuteScalar<long>("SELECT COUNT(*) FROM visits WHERE patient_id = @patientId AND poli = 'kia' AND visit_date = @day",
                    new { patientId, day }, t) > 0)
            {
                return;
            }
            Visit(patientId, DateOnly.FromDateTime(nowLocal.DateTime), complaint, today: true);
        }

        public long Visit(long patientId, DateOnly date, string complaint, bool today = false)
        {
            var day = Fmt(date);
            var q = queues[day] = queues.GetValueOrDefault(day) + 1;
            // Seconds past the minute: never the same instant as a registration visit of the same patient (whole minutes).
            var arrived = new DateTimeOffset(date.ToDateTime(new TimeOnly(7, 30)).AddMinutes(random.Next(0, 200)).AddSeconds(random.Next(1, 60)), offset);
            if (today)
            {
                var latest = nowLocal.AddMinutes(-5);
                arrived = arrived > latest ? latest : arrived;
            }
            var started = arrived.AddMinutes(5 + random.Next(0, 30));
            var finished = started.AddMinutes(10 + random.Next(0, 15));
            var status = today ? "arrived" : "finished";
            var id = c.ExecuteScalar<long>("""
                INSERT INTO visits (patient_id, poli, payer, complaint, visit_date, queue_number, status, arrived_at, started_at, finished_at, created_at, created_by)
                VALUES (@patientId, 'kia', (SELECT default_payer FROM patients WHERE id = @patientId), @complaint, @day, @q, @status, @arrived,
                        @startedAt, @finishedAt, @arrived, 'loket')
                RETURNING id
                """, new
            {
                patientId, complaint, day, q, status, arrived,
                startedAt = today ? (DateTimeOffset?)null : started, finishedAt = today ? (DateTimeOffset?)null : finished,
            }, t);
            c.Execute("INSERT INTO visit_status_history (visit_id, status, at, changed_by, recorded_at) VALUES (@id, 'arrived', @arrived, 'loket', @arrived)",
                new { id, arrived }, t);
            if (!today)
            {
                c.Execute("""
                    INSERT INTO visit_status_history (visit_id, status, at, changed_by, recorded_at) VALUES
                        (@id, 'in-progress', @started, 'bidan', @started), (@id, 'finished', @finished, 'bidan', @finished)
                    """, new { id, started, finished }, t);
            }
            return id;
        }
    }
}
