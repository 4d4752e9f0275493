using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Ages;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Examinations;
using Simpus.Core.Patients;
using Simpus.Core.Settings;
using Simpus.Core.Visits;

namespace Simpus.Core.Documents;

/// <summary>
/// The printed documents' content: the patient card, the prescription slip, and numbered letters (surat rujukan, surat
/// keterangan sakit, surat keterangan sehat) issued with a number per kind and year and a frozen snapshot; and the print log.
/// </summary>
public sealed class DocumentService(Database db, SettingsStore settings, DocumentSettingsStore documentSettings, PatientService patients,
    VisitService visits, ExaminationService examinations, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly IReadOnlyList<string> Documents = ["kartu", "resep", LetterKinds.Rujukan, LetterKinds.Sakit, LetterKinds.Sehat];

    public CardDocument Card(string rm)
    {
        var patient = patients.GetRequired(rm);
        if (!Code128.CanEncode(patient.Rm))
        {
            throw new ConflictException("card.rmNotEncodable", $"No. RM {patient.Rm} tidak dapat dibuat kode batang.");
        }
        return new CardDocument
        {
            Letterhead = documentSettings.Get().Letterhead,
            Patient = Line(patient, Today()),
            Barcode = patient.Rm,
        };
    }

    public PrescriptionDocument Prescription(long visitId)
    {
        var record = examinations.Get(visitId);
        var patient = patients.GetRequired(record.Rm);
        var items = record.Prescriptions.Where(p => p.VoidedAt is null)
            .Select(p => new PrescriptionLine(p.DrugName, p.Unit, p.Quantity, p.Dose, p.Days)).ToList();
        if (items.Count == 0)
        {
            throw new ConflictException("prescription.empty", "Kunjungan ini belum berisi resep: tambahkan obat di pemeriksaan lalu simpan.");
        }
        var primary = record.Diagnoses.Where(d => d.VoidedAt is null).OrderByDescending(d => d.Primary).FirstOrDefault();
        var letterhead = documentSettings.Get().Letterhead;
        return new PrescriptionDocument
        {
            Letterhead = letterhead,
            VisitId = visitId,
            VisitDate = record.VisitDate,
            Poli = PoliName(record.Poli),
            Patient = Line(patient, record.VisitDate),
            Weight = record.Vitals.Weight,
            Diagnosis = primary is null ? null : $"{primary.Code} {primary.Name}",
            Allergies = null,
            Items = items,
            Signer = SignerOf(record.Clinician),
            Place = Place(letterhead),
        };
    }

    /// <summary>The letter as it would be issued now, without a number: the preview before issuing.</summary>
    public LetterContent Draft(long visitId, LetterInput input, string username) => Draft(visitId, input, username, issuing: false);

    private LetterContent Draft(long visitId, LetterInput input, string username, bool issuing)
    {
        var (kind, restDays, restFrom, purpose, conclusion) = Validate(input, issuing);
        var record = examinations.Get(visitId);
        var visit = visits.GetRequired(visitId);
        if (visit.Status == VisitStatuses.Cancelled)
        {
            throw new ConflictException("visit.cancelled", $"Kunjungan {visitId} sudah dibatalkan; surat tidak dapat dibuat.");
        }
        if (!record.Recorded)
        {
            throw new ConflictException("letter.notExamined",
                "Kunjungan ini belum diperiksa: isi dan simpan pemeriksaannya dulu, lalu buat suratnya.");
        }
        if (kind == LetterKinds.Rujukan && (record.Referral is null || record.Referral.VoidedAt is not null))
        {
            throw new ConflictException("letter.noReferral",
                "Kunjungan ini belum berisi rujukan: isi 'Rujuk ke' dan alasan rujukan di pemeriksaan, simpan, lalu buat suratnya.");
        }
        var from = restFrom ?? record.VisitDate;
        if (kind == LetterKinds.Sakit && (from < record.VisitDate.AddDays(-1) || from > record.VisitDate.AddDays(7)))
        {
            throw ValidationFailedException.For("restFrom", "restFrom.range", "Istirahat dimulai paling awal sehari sebelum dan paling lambat 7 hari setelah tanggal periksa.");
        }
        var patient = patients.GetRequired(record.Rm);
        var letterhead = documentSettings.Get().Letterhead;
        var today = Today();
        return new LetterContent
        {
            Kind = kind,
            Title = LetterKinds.Title(kind),
            Date = today,
            Place = Place(letterhead),
            Letterhead = letterhead,
            Patient = Line(patient, record.VisitDate),
            VisitId = visitId,
            VisitDate = record.VisitDate,
            Poli = PoliName(record.Poli),
            Complaint = record.Complaint,
            History = record.History,
            PhysicalExam = record.PhysicalExam,
            Vitals = record.Vitals,
            Diagnoses = record.Diagnoses.Where(d => d.VoidedAt is null).Select(d => new DiagnosisLine(d.Code, d.Name, d.Primary)).ToList(),
            Therapy = record.Prescriptions.Where(p => p.VoidedAt is null)
                .Select(p => $"{p.DrugName} {Number(p.Quantity)} {p.Unit}, {p.Dose}{(p.Days is { } d ? $" selama {d} hari" : "")}")
                .Concat(record.Procedures.Where(p => p.VoidedAt is null).Select(p => "Tindakan: " + p.Name)).ToList(),
            Destination = kind == LetterKinds.Rujukan ? record.Referral!.Destination : null,
            Reason = kind == LetterKinds.Rujukan ? record.Referral!.Reason : null,
            RestDays = kind == LetterKinds.Sakit ? restDays : null,
            RestFrom = kind == LetterKinds.Sakit ? from : null,
            RestTo = kind == LetterKinds.Sakit ? from.AddDays(restDays!.Value - 1) : null,
            Purpose = kind == LetterKinds.Sehat ? purpose ?? "..................................." : null,
            Conclusion = kind == LetterKinds.Sehat ? conclusion ?? "SEHAT" : null,
            Signer = SignerOf(username),
        };
    }

    /// <summary>Issues the letter: allocates the next number of its kind and year and stores the snapshot, in one transaction.</summary>
    public Letter Issue(long visitId, LetterInput input, string username)
    {
        var draft = Draft(visitId, input, username, issuing: true);
        var formats = documentSettings.Get().NumberFormats;
        var now = clock.GetUtcNow();
        var patientId = PatientId(draft.Patient.Rm);
        var id = db.InTransaction((c, t) =>
        {
            var seq = c.ExecuteScalar<int>("""
                INSERT INTO letter_sequences (kind, year, last_seq) VALUES (@Kind, @year, 1)
                ON CONFLICT (kind, year) DO UPDATE SET last_seq = last_seq + 1
                RETURNING last_seq
                """, new { draft.Kind, year = draft.Date.Year }, t);
            var number = LetterNumbers.Format(formats[draft.Kind], seq, draft.Date);
            var content = draft with { Number = number };
            return c.ExecuteScalar<long>("""
                INSERT INTO letters (kind, year, seq, number, visit_id, patient_id, content, issued_at, issued_by)
                VALUES (@Kind, @year, @seq, @number, @visitId, @patientId, @content, @issuedAt, @username)
                RETURNING id
                """, new
            {
                draft.Kind, year = draft.Date.Year, seq, number, visitId, patientId,
                content = JsonSerializer.Serialize(content, Json), issuedAt = DapperSetup.FormatInstant(now), username,
            }, t);
        });
        return GetLetter(id);
    }

    public Letter GetLetter(long id)
    {
        using var c = db.Open();
        var row = c.QuerySingleOrDefault<LetterRow>(
            "SELECT id, kind, number, visit_id AS VisitId, issued_at AS IssuedAt, issued_by AS IssuedBy, content FROM letters WHERE id = @id", new { id });
        return row is null ? throw new NotFoundException("letter.notFound", $"Surat {id} tidak ditemukan.") : row.ToLetter();
    }

    public IReadOnlyList<Letter> LettersOfVisit(long visitId)
    {
        visits.GetRequired(visitId);
        using var c = db.Open();
        return c.Query<LetterRow>("""
            SELECT id, kind, number, visit_id AS VisitId, issued_at AS IssuedAt, issued_by AS IssuedBy, content
            FROM letters WHERE visit_id = @visitId ORDER BY id
            """, new { visitId }).Select(r => r.ToLetter()).ToList();
    }

    public IReadOnlyList<Letter> LettersOfPatient(string rm)
    {
        var patientId = PatientId(patients.GetRequired(rm).Rm);
        using var c = db.Open();
        return c.Query<LetterRow>("""
            SELECT id, kind, number, visit_id AS VisitId, issued_at AS IssuedAt, issued_by AS IssuedBy, content
            FROM letters WHERE patient_id = @patientId ORDER BY id DESC
            """, new { patientId }).Select(r => r.ToLetter()).ToList();
    }

    /// <summary>Records that a document was printed (who, when, which); the document must exist.</summary>
    public PrintLogEntry LogPrint(PrintInput input, string username)
    {
        var document = Text.Clean(input.Document)?.ToLowerInvariant();
        if (document is null || !Documents.Contains(document))
        {
            throw ValidationFailedException.For("document", "document.invalid", "Dokumen harus kartu, resep, rujukan, sakit atau sehat.");
        }
        long? patientId = null;
        long? visitId = null;
        long? letterId = null;
        switch (document)
        {
            case "kartu":
                var rm = Text.Clean(input.Rm) ?? throw ValidationFailedException.For("rm", "rm.required", "No. RM wajib diisi untuk kartu berobat.");
                patientId = PatientId(patients.GetRequired(rm).Rm);
                break;
            case "resep":
                var visit = visits.GetRequired(input.VisitId ?? throw ValidationFailedException.For("visitId", "visitId.required", "Nomor kunjungan wajib diisi untuk resep."));
                visitId = visit.Id;
                patientId = PatientId(visit.Rm);
                break;
            default:
                var letter = GetLetter(input.LetterId ?? throw ValidationFailedException.For("letterId", "letterId.required", "Nomor surat wajib diisi."));
                if (letter.Kind != document)
                {
                    throw ValidationFailedException.For("letterId", "letterId.kind", $"Surat {letter.Id} bukan surat {document}.");
                }
                letterId = letter.Id;
                visitId = letter.VisitId;
                patientId = PatientId(letter.Content.Patient.Rm);
                break;
        }
        var id = db.InTransaction((c, t) => c.ExecuteScalar<long>("""
            INSERT INTO print_log (printed_at, printed_by, document, patient_id, visit_id, letter_id)
            VALUES (@at, @username, @document, @patientId, @visitId, @letterId) RETURNING id
            """, new { at = DapperSetup.FormatInstant(clock.GetUtcNow()), username, document, patientId, visitId, letterId }, t));
        return PrintLog(null).First(e => e.Id == id);
    }

    /// <summary>The print log of a local day (default today), newest first.</summary>
    public IReadOnlyList<PrintLogEntry> PrintLog(DateOnly? date)
    {
        var zone = settings.Get().TimeZone;
        var day = date ?? Today();
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeZones.Offset(zone)).ToUniversalTime();
        using var c = db.Open();
        return c.Query<PrintLogEntry>("""
            SELECT l.id, l.printed_at AS PrintedAt, l.printed_by AS PrintedBy, l.document, p.rm, l.visit_id AS VisitId,
                   l.letter_id AS LetterId, s.number AS LetterNumber
            FROM print_log l
            LEFT JOIN patients p ON p.id = l.patient_id
            LEFT JOIN letters s ON s.id = l.letter_id
            WHERE l.printed_at >= @from AND l.printed_at < @to
            ORDER BY l.id DESC
            """, new { from = DapperSetup.FormatInstant(from), to = DapperSetup.FormatInstant(from.AddDays(1)) }).ToList();
    }

    /// <summary>Name, NIP and SIP of a user (the profile fields <c>nip</c>, <c>sip</c> where the users table has them).</summary>
    public Signer SignerOf(string? username)
    {
        if (username is null)
        {
            return new Signer("", "", null, null);
        }
        using var c = db.Open();
        var columns = c.Query<string>("SELECT name FROM pragma_table_info('users')").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var nip = columns.Contains("nip") ? "nip" : "NULL";
        var sip = columns.Contains("sip") ? "sip" : "NULL";
        var row = c.QuerySingleOrDefault<(string FullName, string? Nip, string? Sip)>(
            $"SELECT full_name, {nip}, {sip} FROM users WHERE username = @username", new { username });
        return row.FullName is null ? new Signer(username, username, null, null) : new Signer(username, row.FullName, row.Nip, row.Sip);
    }

    /// <summary>Checks the clinician's input; a preview may still lack the purpose of a health certificate (shown as dots).</summary>
    private static (string Kind, int? RestDays, DateOnly? RestFrom, string? Purpose, string? Conclusion) Validate(LetterInput input, bool issuing)
    {
        var v = new Validation();
        var kind = Text.Clean(input.Kind)?.ToLowerInvariant();
        if (kind is null || !LetterKinds.All.Contains(kind))
        {
            throw ValidationFailedException.For("kind", "kind.invalid", "Jenis surat harus rujukan, sakit atau sehat.");
        }
        DateOnly? from = null;
        if (kind == LetterKinds.Sakit)
        {
            if (input.RestDays is not (>= 1 and <= 30))
            {
                v.Add("restDays", "restDays.range", "Lama istirahat 1–30 hari.");
            }
            if (Text.Clean(input.RestFrom) is { } text)
            {
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    from = d;
                }
                else
                {
                    v.Add("restFrom", "restFrom.format", "Tanggal mulai istirahat harus berformat yyyy-MM-dd.");
                }
            }
        }
        var purpose = Text.Clean(input.Purpose);
        var conclusion = Text.Clean(input.Conclusion);
        if (kind == LetterKinds.Sehat)
        {
            if ((purpose is null && issuing) || purpose is { Length: < 3 or > 200 } || (purpose ?? "").Any(char.IsControl))
            {
                v.Add("purpose", "purpose.required", "Isi keperluan surat (3–200 karakter), mis. melamar pekerjaan.");
            }
            if (conclusion is { } k && (k.Length > 200 || k.Any(char.IsControl)))
            {
                v.Add("conclusion", "conclusion.tooLong", "Kesimpulan paling panjang 200 karakter.");
            }
        }
        v.ThrowIfAny();
        return (kind, input.RestDays, from, purpose, conclusion);
    }

    private DateOnly Today() => TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone);

    private string PoliName(string code) => settings.ListPoli(includeInactive: true).FirstOrDefault(p => p.Code == code)?.Name ?? code;

    /// <summary>The town in the date line: the kab/kota without "Kabupaten"/"Kota", else the puskesmas' name.</summary>
    private static string Place(Letterhead letterhead)
    {
        var kabKota = letterhead.KabKota ?? "";
        foreach (var prefix in new[] { "Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kab. ", "Kota " })
        {
            if (kabKota.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return kabKota[prefix.Length..].Trim();
            }
        }
        return kabKota.Length > 0 ? kabKota : (letterhead.Name ?? "").Replace("Puskesmas ", "", StringComparison.OrdinalIgnoreCase);
    }

    private static PatientLine Line(Patient p, DateOnly on)
    {
        var age = on >= p.BirthDate ? Age.At(p.BirthDate, on) : new Age(0, 0, 0);
        var ageText = age.Years >= 1 ? $"{age.Years} tahun" : age.Months >= 1 ? $"{age.Months} bulan" : $"{age.TotalDays} hari";
        var rtRw = (p.Rt, p.Rw) switch
        {
            ({ } rt, { } rw) => $"RT {rt}/RW {rw}",
            ({ } rt, null) => "RT " + rt,
            (null, { } rw) => "RW " + rw,
            _ => null,
        };
        var address = string.Join(", ", new[] { p.Address, rtRw }.Where(x => !string.IsNullOrWhiteSpace(x)));
        return new PatientLine
        {
            Rm = p.Rm, Name = p.Name, Sex = p.Sex, BirthDate = p.BirthDate, Age = ageText,
            Address = address.Length > 0 ? address : null, Region = p.RegionName, Nik = p.Nik, BpjsNumber = p.BpjsNumber,
        };
    }

    private long PatientId(string rm)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT id FROM patients WHERE rm = @rm", new { rm });
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.GetCultureInfo("id-ID"));

    private sealed record LetterRow(long Id, string Kind, string Number, long VisitId, string IssuedAt, string IssuedBy, string Content)
    {
        public Letter ToLetter() => new()
        {
            Id = Id, Kind = Kind, Number = Number, VisitId = VisitId, IssuedBy = IssuedBy,
            IssuedAt = DateTimeOffset.Parse(IssuedAt, CultureInfo.InvariantCulture),
            Content = JsonSerializer.Deserialize<LetterContent>(Content, Json)!,
        };
    }
}
