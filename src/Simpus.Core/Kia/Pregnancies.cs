using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Settings;

namespace Simpus.Core.Kia;

/// <summary>A pregnancy row of the kohort ibu.</summary>
public sealed class PregnancyRow
{
    public long Id { get; set; }
    public long PatientId { get; set; }
    public string? Lmp { get; set; }
    public int? DatedWeek { get; set; }
    public string? DatedOn { get; set; }
    public int? Gravida { get; set; }
    public int? Para { get; set; }
    public int? Abortus { get; set; }
    public string? RiskFlags { get; set; }
    public string? EndedOn { get; set; }
    public string? EndKind { get; set; }
    public string? VoidedAt { get; set; }
    /// <summary>Date of the first live antenatal contact, if any.</summary>
    public string? FirstContact { get; set; }

    public PregnancyDating Dating => new(Date(Lmp), DatedWeek, Date(DatedOn));

    public IReadOnlyList<string> Flags => RiskFlags?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList() ?? [];

    /// <summary>
    /// Whether a contact on <paramref name="date"/> still belongs to this pregnancy: not ended before that day, and within
    /// 45 weeks of its dating (undated: within 300 days of its first contact).
    /// </summary>
    public bool IsOpenOn(DateOnly date)
    {
        if (Date(EndedOn) is { } ended && ended < date)
        {
            return false;
        }
        if (Dating.Reference is { } reference)
        {
            return date >= reference && date.DayNumber - reference.DayNumber <= 45 * 7;
        }
        return Date(FirstContact) is not { } first || Math.Abs(date.DayNumber - first.DayNumber) <= 300;
    }

    internal static DateOnly? Date(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>One line of the kohort ibu register (the pregnancies of a period), for the bidan's page.</summary>
public sealed record KohortEntry
{
    public long PregnancyId { get; init; }
    public required string Rm { get; init; }
    public required string Name { get; init; }
    public DateOnly BirthDate { get; init; }
    public DateOnly? Lmp { get; init; }
    public DateOnly? Edd { get; init; }
    public int? GestationalWeekToday { get; init; }
    public bool Dated { get; init; }
    public int? Gravida { get; init; }
    public int? Para { get; init; }
    public int? Abortus { get; init; }
    public required IReadOnlyList<string> RiskFlags { get; init; }
    public int Contacts { get; init; }
    public int ContactsT1 { get; init; }
    public int ContactsT2 { get; init; }
    public int ContactsT3 { get; init; }
    public int DoctorContacts { get; init; }
    public DateOnly FirstContact { get; init; }
    public DateOnly LastContact { get; init; }
    public long LastVisitId { get; init; }
    public DateOnly? K1Murni { get; init; }
    public DateOnly? K4 { get; init; }
    public DateOnly? K6 { get; init; }
    public DateOnly? EndedOn { get; init; }
    public string? EndKind { get; init; }
}

/// <summary>
/// Pregnancies of the kohort ibu: which pregnancy a visit belongs to, the pregnancy with its contacts so far (as the paper
/// kohort lists them) and the indicators it met, and the register of pregnancies for the bidan.
/// </summary>
public sealed class Pregnancies(Database db, SettingsStore settings, TimeProvider clock)
{
    internal const string PregnancySelect = """
        SELECT p.id, p.patient_id AS PatientId, p.lmp, p.dated_week AS DatedWeek, p.dated_on AS DatedOn, p.gravida, p.para, p.abortus,
               p.risk_flags AS RiskFlags, p.ended_on AS EndedOn, p.end_kind AS EndKind, p.voided_at AS VoidedAt,
               (SELECT MIN(v.visit_date) FROM kia_antenatal_contacts a JOIN visits v ON v.id = a.visit_id
                WHERE a.pregnancy_id = p.id AND a.voided_at IS NULL AND v.status <> 'cancelled') AS FirstContact
        FROM kia_pregnancies p
        """;

    public TrimesterBoundaries Boundaries => TrimesterBoundaries.From(settings);

    /// <summary>The woman's pregnancy still open on <paramref name="date"/> (the most recent one), if any.</summary>
    internal static PregnancyRow? OpenOn(SqliteConnection c, SqliteTransaction? t, long patientId, DateOnly date) =>
        c.Query<PregnancyRow>(PregnancySelect + " WHERE p.patient_id = @patientId AND p.voided_at IS NULL ORDER BY p.id DESC", new { patientId }, t)
            .FirstOrDefault(p => p.IsOpenOn(date));

    internal static PregnancyRow? ById(SqliteConnection c, SqliteTransaction? t, long id) =>
        c.QuerySingleOrDefault<PregnancyRow>(PregnancySelect + " WHERE p.id = @id", new { id }, t);

    /// <summary>The pregnancy with its live contacts on non-cancelled visits, seen on <paramref name="asOf"/>.</summary>
    internal static PregnancyView View(SqliteConnection c, PregnancyRow p, DateOnly asOf, TrimesterBoundaries boundaries)
    {
        var dating = p.Dating;
        var rows = c.Query<ContactRow>("""
            SELECT v.id AS VisitId, v.visit_date AS VisitDate, a.given_by AS GivenBy, u.full_name AS GivenByName,
                   e.weight, e.systolic, e.diastolic, a.muac, a.hb, a.fundal_height AS FundalHeight, a.fetal_heart AS FetalHeartRate,
                   a.presentation, a.td_status AS TdStatus
            FROM kia_antenatal_contacts a
            JOIN visits v ON v.id = a.visit_id
            LEFT JOIN examinations e ON e.visit_id = v.id
            LEFT JOIN users u ON u.username = e.clinician
            WHERE a.pregnancy_id = @Id AND a.voided_at IS NULL AND v.status <> 'cancelled'
            ORDER BY v.arrived_at, v.id
            """, new { p.Id }).ToList();
        var contacts = rows.Select((r, i) =>
        {
            var date = PregnancyRow.Date(r.VisitDate)!.Value;
            var week = dating.WeekOn(date);
            return new KohortContact
            {
                VisitId = r.VisitId, Date = date, GestationalWeek = week, Trimester = week is { } w ? boundaries.Trimester(w) : null, VisitNumber = i + 1,
                GivenBy = r.GivenBy, GivenByName = r.GivenByName, Weight = r.Weight, Systolic = r.Systolic, Diastolic = r.Diastolic,
                Muac = r.Muac, Hb = r.Hb, FundalHeight = r.FundalHeight, FetalHeartRate = r.FetalHeartRate, Presentation = r.Presentation, TdStatus = r.TdStatus,
            };
        }).ToList();
        var milestones = AntenatalStandard.Evaluate(contacts.Select(k => new AncContact(k.Date, k.GestationalWeek, k.GivenBy)), boundaries);
        var weekNow = dating.WeekOn(asOf);
        return new PregnancyView
        {
            Id = p.Id, Lmp = dating.Lmp, Edd = dating.Edd, DatedWeek = p.DatedWeek, DatedOn = dating.DatedOn,
            GestationalWeek = weekNow, GestationalDays = dating.ExtraDaysOn(asOf), Trimester = weekNow is { } wn ? boundaries.Trimester(wn) : null,
            Dated = dating.IsDated, Gravida = p.Gravida, Para = p.Para, Abortus = p.Abortus, RiskFlags = p.Flags,
            EndedOn = PregnancyRow.Date(p.EndedOn), EndKind = p.EndKind,
            K1Akses = milestones.K1Akses, K1Murni = milestones.K1Murni, K4 = milestones.K4, K6 = milestones.K6,
            Trimester1MaxWeeks = boundaries.Trimester1MaxWeeks, Trimester2MaxWeeks = boundaries.Trimester2MaxWeeks,
            Contacts = contacts,
        };
    }

    /// <summary>
    /// The kohort ibu register: pregnancies with a contact in the last <paramref name="months"/> months (ongoing first);
    /// <paramref name="incompleteOnly"/> lists only those without HPHT or gestational age ("data belum lengkap").
    /// </summary>
    public IReadOnlyList<KohortEntry> Register(bool incompleteOnly = false, int months = 12)
    {
        var today = TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone);
        var boundaries = Boundaries;
        using var c = db.Open();
        var from = today.AddMonths(-Math.Clamp(months, 1, 60));
        var pregnancies = c.Query<PregnancyRow>(PregnancySelect + """
             WHERE p.voided_at IS NULL
               AND EXISTS (SELECT 1 FROM kia_antenatal_contacts a JOIN visits v ON v.id = a.visit_id
                           WHERE a.pregnancy_id = p.id AND a.voided_at IS NULL AND v.status <> 'cancelled' AND v.visit_date >= @from)
            """, new { from }).ToList();
        var people = c.Query<(long Id, string Rm, string Name, string BirthDate)>(
            "SELECT id, rm, name, birth_date FROM patients WHERE id IN @ids", new { ids = pregnancies.Select(p => p.PatientId).Distinct() })
            .ToDictionary(p => p.Id);
        var list = new List<KohortEntry>();
        foreach (var p in pregnancies)
        {
            if (incompleteOnly && p.Dating.IsDated)
            {
                continue;
            }
            var view = View(c, p, today, boundaries);
            if (view.Contacts.Count == 0)
            {
                continue;
            }
            var person = people[p.PatientId];
            list.Add(new KohortEntry
            {
                PregnancyId = p.Id, Rm = person.Rm, Name = person.Name, BirthDate = PregnancyRow.Date(person.BirthDate)!.Value,
                Lmp = view.Lmp, Edd = view.Edd, GestationalWeekToday = view.EndedOn is null ? view.GestationalWeek : null, Dated = view.Dated,
                Gravida = view.Gravida, Para = view.Para, Abortus = view.Abortus, RiskFlags = view.RiskFlags,
                Contacts = view.Contacts.Count, ContactsT1 = view.Contacts.Count(k => k.Trimester == 1), ContactsT2 = view.Contacts.Count(k => k.Trimester == 2),
                ContactsT3 = view.Contacts.Count(k => k.Trimester == 3), DoctorContacts = view.Contacts.Count(k => k.GivenBy == AncGivers.Doctor),
                FirstContact = view.Contacts[0].Date, LastContact = view.Contacts[^1].Date, LastVisitId = view.Contacts[^1].VisitId,
                K1Murni = view.K1Murni, K4 = view.K4, K6 = view.K6, EndedOn = view.EndedOn, EndKind = view.EndKind,
            });
        }
        return list.OrderBy(e => e.EndedOn is null ? 0 : 1).ThenBy(e => e.Dated ? 1 : 0).ThenBy(e => e.Edd ?? DateOnly.MaxValue).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    private sealed class ContactRow
    {
        public long VisitId { get; set; }
        public string VisitDate { get; set; } = "";
        public string GivenBy { get; set; } = "";
        public string? GivenByName { get; set; }
        public double? Weight { get; set; }
        public int? Systolic { get; set; }
        public int? Diastolic { get; set; }
        public double? Muac { get; set; }
        public double? Hb { get; set; }
        public double? FundalHeight { get; set; }
        public int? FetalHeartRate { get; set; }
        public string? Presentation { get; set; }
        public string? TdStatus { get; set; }
    }
}
