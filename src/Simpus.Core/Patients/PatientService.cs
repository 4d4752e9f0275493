using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Identity;
using Simpus.Core.Patients.Search;
using Simpus.Core.Regions;
using Simpus.Core.Settings;

namespace Simpus.Core.Patients;

/// <summary>Registers, corrects, voids and finds patients. Every write is one transaction; the search index follows commits.</summary>
public sealed class PatientService
{
    internal const string SelectPatient = """
        SELECT p.id, p.rm, p.nik, p.bpjs_number AS BpjsNumber, p.name, p.sex, p.birth_date AS BirthDate,
               p.birth_date_estimated AS BirthDateEstimated, p.address, p.region_code AS RegionCode, p.rt, p.rw, p.phone,
               p.default_payer AS DefaultPayer, p.nik_mismatch_reason AS NikMismatchReason, p.family_id AS FamilyNumber, p.relation,
               h.rm AS FamilyHeadRm, h.name AS FamilyHeadName,
               p.voided_at IS NOT NULL AS Voided, p.void_reason AS VoidReason, p.created_at AS CreatedAt, p.updated_at AS UpdatedAt
        FROM patients p
        LEFT JOIN patients h ON h.family_id = p.family_id AND h.relation = 'kepala' AND h.voided_at IS NULL
        """;

    private readonly Database _db;
    private readonly SettingsStore _settings;
    private readonly TimeProvider _clock;
    private readonly RegionDirectory _regions;
    private readonly Lazy<PatientSearchIndex> _index;
    private readonly PatientFinder _finder;

    public PatientService(Database db, SettingsStore settings, TimeProvider clock, RegionDirectory? regions = null)
    {
        _db = db;
        _settings = settings;
        _clock = clock;
        _regions = regions ?? new RegionDirectory(db);
        _index = new Lazy<PatientSearchIndex>(LoadIndex, LazyThreadSafetyMode.ExecutionAndPublication);
        _finder = new PatientFinder(db, () => _index.Value);
    }

    public PatientSearchIndex Index => _index.Value;

    public Patient Register(PatientInput input, string user)
    {
        var today = Today();
        var fields = Validate(input, today, existing: null);
        if (input.CheckDuplicates)
        {
            var candidates = _finder.FindSimilar(fields.Name, fields.Sex, fields.BirthDate.Year);
            if (candidates.Count > 0)
            {
                throw new ConflictException("patient.possibleDuplicate",
                    "Ada pasien dengan nama mirip, jenis kelamin sama dan tahun lahir berdekatan. Periksa dulu; bila memang pasien baru, simpan lagi tanpa pemeriksaan duplikat.",
                    new Dictionary<string, object?> { ["candidates"] = candidates });
            }
        }
        var now = _clock.GetUtcNow();
        var rmFormat = _settings.Get().RmFormat;
        var id = WithUniqueGuard(() => _db.InTransaction((c, t) =>
        {
            long familyId;
            string relation;
            if (fields.FamilyId is { } joinFamily)
            {
                familyId = joinFamily;
                relation = fields.Relation ?? "lainnya";
            }
            else
            {
                familyId = c.ExecuteScalar<long>("INSERT INTO families (next_member, created_at) VALUES (1, @now) RETURNING id", new { now }, t);
                relation = "kepala";
            }
            var member = c.ExecuteScalar<int>(
                "UPDATE families SET next_member = next_member + 1 WHERE id = @familyId RETURNING next_member - 1", new { familyId }, t);
            var rm = RmNumber.Format(rmFormat, familyId, member);
            var newId = c.ExecuteScalar<long>("""
                INSERT INTO patients (rm, family_id, member_no, relation, nik, bpjs_number, name, sex, birth_date, birth_date_estimated,
                                      address, region_code, rt, rw, phone, default_payer, nik_mismatch_reason, created_at, created_by, updated_at)
                VALUES (@rm, @familyId, @member, @relation, @Nik, @BpjsNumber, @Name, @Sex, @BirthDate, @BirthDateEstimated,
                        @Address, @RegionCode, @Rt, @Rw, @Phone, @DefaultPayer, @NikMismatchReason, @now, @user, @now)
                RETURNING id
                """, new
            {
                rm, familyId, member, relation, fields.Nik, fields.BpjsNumber, fields.Name, fields.Sex, fields.BirthDate,
                fields.BirthDateEstimated, fields.Address, fields.RegionCode, fields.Rt, fields.Rw, fields.Phone, fields.DefaultPayer,
                fields.NikMismatchReason, now, user,
            }, t);
            c.Execute("""
                INSERT INTO patient_history (patient_id, changed_at, changed_by, field, old_value, new_value)
                VALUES (@newId, @now, @user, 'created', NULL, @rm)
                """, new { newId, now, user, rm }, t);
            if (fields.NikMismatchReason is { } reason)
            {
                c.Execute("""
                    INSERT INTO patient_history (patient_id, changed_at, changed_by, field, old_value, new_value)
                    VALUES (@newId, @now, @user, 'nikMismatchReason', NULL, @reason)
                    """, new { newId, now, user, reason }, t);
            }
            return newId;
        }));
        var patient = GetById(id)!;
        Index.Upsert(IndexedPatient.Of(patient), patient.Voided);
        return patient;
    }

    public Patient? Get(string rm)
    {
        using var c = _db.Open();
        // Two exact lookups on the unique index (as typed, and upper-cased) instead of a NOCASE scan.
        return WithRegionName(c.QuerySingleOrDefault<Patient>(SelectPatient + " WHERE p.rm IN (@rm, @upper)", new { rm, upper = rm.ToUpperInvariant() }));
    }

    /// <summary>The desa/kelurahan with the names above it, for a code of the official list.</summary>
    public string? RegionName(string? regionCode) => _regions.Label(regionCode);

    private Patient? WithRegionName(Patient? p) =>
        p?.RegionCode is { } code ? p with { RegionName = _regions.Label(code) } : p;

    public Patient GetRequired(string rm) =>
        Get(rm) ?? throw new NotFoundException("patient.notFound", $"Pasien dengan No. RM {rm} tidak ditemukan.");

    public Patient Update(string rm, PatientInput input, string user)
    {
        var existing = GetRequired(rm);
        if (existing.Voided)
        {
            throw new ConflictException("patient.voided", "Data pasien ini sudah dibatalkan dan tidak dapat diubah.");
        }
        var fields = Validate(input, Today(), existing);
        var now = _clock.GetUtcNow();
        var changes = new List<(string Field, string? Old, string? New)>();
        void Compare(string field, object? oldValue, object? newValue)
        {
            var o = Show(oldValue);
            var n = Show(newValue);
            if (o != n)
            {
                changes.Add((field, o, n));
            }
        }
        Compare("nik", existing.Nik, fields.Nik);
        Compare("bpjsNumber", existing.BpjsNumber, fields.BpjsNumber);
        Compare("name", existing.Name, fields.Name);
        Compare("sex", existing.Sex, fields.Sex);
        Compare("birthDate", existing.BirthDate, fields.BirthDate);
        Compare("birthDateEstimated", existing.BirthDateEstimated, fields.BirthDateEstimated);
        Compare("address", existing.Address, fields.Address);
        Compare("regionCode", existing.RegionCode, fields.RegionCode);
        Compare("rt", existing.Rt, fields.Rt);
        Compare("rw", existing.Rw, fields.Rw);
        Compare("phone", existing.Phone, fields.Phone);
        Compare("defaultPayer", existing.DefaultPayer, fields.DefaultPayer);
        Compare("nikMismatchReason", existing.NikMismatchReason, fields.NikMismatchReason);
        if (fields.Relation is { } relation && existing.Relation != "kepala")
        {
            Compare("relation", existing.Relation, relation);
        }
        if (changes.Count == 0)
        {
            return existing;
        }
        WithUniqueGuard(() => _db.InTransaction((c, t) =>
        {
            c.Execute("""
                UPDATE patients SET nik = @Nik, bpjs_number = @BpjsNumber, name = @Name, sex = @Sex, birth_date = @BirthDate,
                       birth_date_estimated = @BirthDateEstimated, address = @Address, region_code = @RegionCode, rt = @Rt, rw = @Rw,
                       phone = @Phone, default_payer = @DefaultPayer, nik_mismatch_reason = @NikMismatchReason, relation = @Relation, updated_at = @now
                WHERE id = @Id
                """, new
            {
                fields.Nik, fields.BpjsNumber, fields.Name, fields.Sex, fields.BirthDate, fields.BirthDateEstimated, fields.Address,
                fields.RegionCode, fields.Rt, fields.Rw, fields.Phone, fields.DefaultPayer, fields.NikMismatchReason,
                Relation = existing.Relation == "kepala" ? "kepala" : fields.Relation ?? existing.Relation, now, existing.Id,
            }, t);
            foreach (var (field, o, n) in changes)
            {
                c.Execute("""
                    INSERT INTO patient_history (patient_id, changed_at, changed_by, field, old_value, new_value)
                    VALUES (@Id, @now, @user, @field, @o, @n)
                    """, new { existing.Id, now, user, field, o, n }, t);
            }
            return 0;
        }));
        var patient = GetById(existing.Id)!;
        Index.Upsert(IndexedPatient.Of(patient), patient.Voided);
        return patient;
    }

    /// <summary>Voids a wrongly created record: it stays for audit, leaves the search, frees its NIK/BPJS number, keeps its No. RM forever.</summary>
    public Patient Void(string rm, string? reason, string user)
    {
        var existing = GetRequired(rm);
        var why = Text.Clean(reason);
        if (why is null)
        {
            throw ValidationFailedException.For("reason", "reason.required", "Alasan pembatalan wajib diisi.");
        }
        if (existing.Voided)
        {
            throw new ConflictException("patient.voided", "Data pasien ini sudah dibatalkan.");
        }
        var now = _clock.GetUtcNow();
        _db.InTransaction((c, t) =>
        {
            c.Execute("UPDATE patients SET voided_at = @now, voided_by = @user, void_reason = @why, updated_at = @now WHERE id = @Id",
                new { now, user, why, existing.Id }, t);
            c.Execute("""
                INSERT INTO patient_history (patient_id, changed_at, changed_by, field, old_value, new_value)
                VALUES (@Id, @now, @user, 'voided', NULL, @why)
                """, new { existing.Id, now, user, why }, t);
        });
        var patient = GetById(existing.Id)!;
        Index.Upsert(IndexedPatient.Of(patient), patient.Voided);
        return patient;
    }

    public IReadOnlyList<PatientHistoryEntry> History(string rm)
    {
        var patient = GetRequired(rm);
        using var c = _db.Open();
        return c.Query<PatientHistoryEntry>("""
            SELECT changed_at AS ChangedAt, changed_by AS ChangedBy, field, old_value AS OldValue, new_value AS NewValue
            FROM patient_history WHERE patient_id = @Id ORDER BY id
            """, new { patient.Id }).ToList();
    }

    public IReadOnlyList<Patient> FamilyMembers(string rm)
    {
        var patient = GetRequired(rm);
        using var c = _db.Open();
        return c.Query<Patient>(SelectPatient + " WHERE p.family_id = @FamilyNumber ORDER BY p.member_no", new { patient.FamilyNumber })
            .Select(p => WithRegionName(p)!).ToList();
    }

    public IReadOnlyList<SearchHit> Search(string query, int limit = 20) => _finder.Search(query, Math.Clamp(limit, 1, 20));

    public IReadOnlyList<DuplicateCandidate> FindSimilar(string? name, string? sex, string? birthDate, int? estimatedAge, string? exceptRm,
        string? estimatedAgeUnit = null)
    {
        var n = Text.Clean(name);
        if (n is null || sex is not ("L" or "P"))
        {
            return [];
        }
        int year;
        if (DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var bd))
        {
            year = bd.Year;
        }
        else if (estimatedAge is { } age && EstimatedBirthDate(Today(), age, estimatedAgeUnit) is { } estimatedBirth)
        {
            year = estimatedBirth.Year;
        }
        else
        {
            return [];
        }
        long? exceptId = exceptRm is null ? null : Get(exceptRm)?.Id;
        return _finder.FindSimilar(n, sex, year, exceptId);
    }

    /// <summary>The internal id of a live patient, for other capabilities (visits) that refer to patients.</summary>
    public long IdOf(string rm)
    {
        var p = GetRequired(rm);
        if (p.Voided)
        {
            throw new ConflictException("patient.voided", $"Data pasien {rm} sudah dibatalkan.");
        }
        return p.Id;
    }

    private Patient? GetById(long id)
    {
        using var c = _db.Open();
        return WithRegionName(c.QuerySingleOrDefault<Patient>(SelectPatient + " WHERE p.id = @id", new { id }));
    }

    private PatientSearchIndex LoadIndex()
    {
        var index = new PatientSearchIndex { PlaceName = _regions.NameOf };
        using var c = _db.Open();
        var live = c.ExecuteScalar<int>("SELECT COUNT(*) FROM patients WHERE voided_at IS NULL");
        index.Load(IndexRows(c), live);
        return index;
    }

    /// <summary>Only the columns the index keeps, streamed row by row.</summary>
    private static IEnumerable<IndexedPatient> IndexRows(SqliteConnection c)
    {
        using var command = c.CreateCommand();
        command.CommandText = """
            SELECT id, name, sex, birth_date, family_id, relation, region_code, rt, rw, address
            FROM patients WHERE voided_at IS NULL
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            yield return new IndexedPatient(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                DateOnly.ParseExact(reader.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt64(4),
                Text(5), Text(6), Text(7), Text(8), Text(9));
        }
    }

    private DateOnly Today() => TimeZones.LocalDate(_clock.GetUtcNow(), _settings.Get().TimeZone);

    private T WithUniqueGuard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 && e.Message.Contains("patients.nik", StringComparison.Ordinal))
        {
            throw new ConflictException("patient.nikExists", "NIK ini sudah terdaftar pada pasien lain.");
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 && e.Message.Contains("patients.bpjs_number", StringComparison.Ordinal))
        {
            throw new ConflictException("patient.bpjsExists", "Nomor BPJS ini sudah terdaftar pada pasien lain.");
        }
    }

    private static string? Show(object? value) => value switch
    {
        null => null,
        DateOnly d => DapperSetup.FormatDate(d),
        bool b => b ? "ya" : "tidak",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private sealed record ValidFields(
        string? Nik, string? BpjsNumber, string Name, string Sex, DateOnly BirthDate, bool BirthDateEstimated,
        string? Address, string? RegionCode, string? Rt, string? Rw, string? Phone, string DefaultPayer, long? FamilyId, string? Relation,
        string? NikMismatchReason);

    /// <summary>The estimated birth date for an age in <c>tahun</c> (1–130), <c>bulan</c> (1–60) or <c>hari</c> (0–365); null when out of range.</summary>
    public static DateOnly? EstimatedBirthDate(DateOnly today, int age, string? unit) => (Text.Clean(unit)?.ToLowerInvariant() ?? "tahun") switch
    {
        "tahun" when age is >= 1 and <= 130 => today.AddYears(-age),
        "bulan" when age is >= 1 and <= 60 => today.AddMonths(-age),
        "hari" when age is >= 0 and <= 365 => today.AddDays(-age),
        _ => null,
    };

    private ValidFields Validate(PatientInput input, DateOnly today, Patient? existing)
    {
        var v = new Validation();
        var name = Text.Clean(input.Name);
        if (name is not null)
        {
            name = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        if (name is null)
        {
            v.Add("name", "name.required", "Nama pasien wajib diisi.");
        }
        else if (name.Length > 100 || !name.Any(char.IsLetter) || name.Any(ch => char.IsDigit(ch) || char.IsControl(ch)))
        {
            v.Add("name", "name.invalid", "Nama hanya boleh huruf, spasi dan tanda baca nama (paling panjang 100 karakter).");
        }

        var sex = Text.Clean(input.Sex)?.ToUpperInvariant();
        if (sex is not ("L" or "P"))
        {
            v.Add("sex", "sex.invalid", "Jenis kelamin harus L (laki-laki) atau P (perempuan).");
        }

        DateOnly? birthDate = null;
        var estimated = false;
        var birthText = Text.Clean(input.BirthDate);
        if (birthText is not null)
        {
            if (!DateOnly.TryParseExact(birthText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var bd))
            {
                v.Add("birthDate", "birthDate.format", "Tanggal lahir harus berformat tahun-bulan-tanggal (yyyy-MM-dd).");
            }
            else if (bd > today)
            {
                v.Add("birthDate", "birthDate.future", "Tanggal lahir tidak boleh di masa depan.");
            }
            else if (bd < today.AddYears(-130))
            {
                v.Add("birthDate", "birthDate.tooOld", "Tanggal lahir lebih dari 130 tahun yang lalu.");
            }
            else
            {
                birthDate = bd;
                estimated = existing is not null && existing.BirthDate == bd && existing.BirthDateEstimated && input.EstimatedAge is null;
            }
        }
        else if (input.EstimatedAge is { } age)
        {
            var unit = Text.Clean(input.EstimatedAgeUnit)?.ToLowerInvariant() ?? "tahun";
            if (unit is not ("tahun" or "bulan" or "hari"))
            {
                v.Add("estimatedAgeUnit", "estimatedAgeUnit.invalid", "Satuan perkiraan umur harus tahun, bulan atau hari.");
            }
            else if (EstimatedBirthDate(today, age, unit) is { } estimatedBirth)
            {
                birthDate = estimatedBirth;
                estimated = true;
            }
            else
            {
                v.Add("estimatedAge", "estimatedAge.range", unit switch
                {
                    "tahun" => "Perkiraan umur 1–130 tahun. Untuk bayi di bawah 1 tahun isi umurnya dalam bulan atau hari.",
                    "bulan" => "Perkiraan umur dalam bulan harus 1–60 bulan.",
                    _ => "Perkiraan umur dalam hari harus 0–365 hari.",
                });
            }
        }
        else
        {
            v.Add("birthDate", "birthDate.required", "Tanggal lahir wajib diisi, atau isi perkiraan umur bila tidak diketahui.");
        }

        var nik = Text.Clean(input.Nik);
        var mismatchReason = nik is null ? null : CheckNik(nik, birthDate, sex, estimated, input.NikMismatchReason, existing, v);
        var bpjs = Text.Clean(input.BpjsNumber);
        if (bpjs is not null && BpjsNumber.Validate(bpjs) is { } bpjsError)
        {
            v.AddRange([bpjsError]);
        }

        var region = RegionCode.Normalize(input.RegionCode);
        if (region is not null && _regions.Validate(region, 4, "regionCode") is { } regionError)
        {
            v.AddRange([regionError]);
        }
        var rt = RtRw(input.Rt, "rt", "RT", v);
        var rw = RtRw(input.Rw, "rw", "RW", v);

        var phone = Text.Clean(input.Phone);
        if (phone is not null)
        {
            var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
            if (phone.Any(ch => !(char.IsAsciiDigit(ch) || ch is ' ' or '-' or '+' or '(' or ')')) || digits.Length is < 8 or > 15)
            {
                v.Add("phone", "phone.invalid", "Nomor telepon harus 8–15 digit, contoh 0812-3456-7890.");
            }
            else
            {
                phone = phone.TrimStart().StartsWith('+') ? "+" + digits : digits;
            }
        }

        var payer = Text.Clean(input.DefaultPayer) ?? existing?.DefaultPayer ?? "umum";
        if (!_settings.PayerExists(payer))
        {
            v.Add("defaultPayer", "payer.unknown", "Jenis pembayaran tidak dikenal (umum, bpjs-pbi, bpjs-non-pbi, jamkesda, gratis).");
        }

        var relation = Text.Clean(input.Relation)?.ToLowerInvariant();
        if (relation is not null && !Relations.All.Contains(relation))
        {
            v.Add("relation", "relation.invalid", "Hubungan keluarga harus salah satu dari: kepala, istri, suami, anak, orangtua, lainnya.");
        }
        long? familyId = null;
        var familyRm = Text.Clean(input.FamilyRm);
        if (existing is null && familyRm is not null)
        {
            var member = Get(familyRm);
            if (member is null || member.Voided)
            {
                v.Add("familyRm", "familyRm.notFound", $"No. RM keluarga {familyRm} tidak ditemukan.");
            }
            else
            {
                familyId = member.FamilyNumber;
                if (relation == "kepala")
                {
                    v.Add("relation", "relation.headExists", "Keluarga ini sudah punya kepala keluarga; pilih hubungan lain.");
                }
            }
        }
        v.ThrowIfAny();

        if (nik is not null && _finder.ByNik(nik) is { } nikHolder && nikHolder.Id != existing?.Id)
        {
            throw new ConflictException("patient.nikExists",
                $"NIK ini sudah terdaftar atas nama {nikHolder.Name}, No. RM {nikHolder.Rm}.",
                new Dictionary<string, object?> { ["existingRm"] = nikHolder.Rm, ["field"] = "nik" });
        }
        if (bpjs is not null && _finder.ByBpjs(bpjs) is { } bpjsHolder && bpjsHolder.Id != existing?.Id)
        {
            throw new ConflictException("patient.bpjsExists",
                $"Nomor BPJS ini sudah terdaftar atas nama {bpjsHolder.Name}, No. RM {bpjsHolder.Rm}.",
                new Dictionary<string, object?> { ["existingRm"] = bpjsHolder.Rm, ["field"] = "bpjsNumber" });
        }
        return new ValidFields(nik, bpjs, name!, sex!, birthDate!.Value, estimated, Text.Clean(input.Address), region, rt, rw, phone, payer, familyId, relation,
            mismatchReason);
    }

    /// <summary>
    /// Format, province, region 00, impossible dates and serial 0000 are hard errors. A date part or sex that disagrees with
    /// the recorded birth date/sex (Dukcapil corrects birth dates without reissuing the NIK) is accepted only with a reason,
    /// which is returned to be stored; a correction keeping the same NIK, birth date and sex keeps the confirmation.
    /// </summary>
    private static string? CheckNik(string nik, DateOnly? birthDate, string? sex, bool estimated, string? reasonInput, Patient? existing, Validation v)
    {
        var errors = Nik.Validate(nik, birthDate, sex switch { "L" => Sex.L, "P" => Sex.P, _ => null }, estimated);
        var soft = errors.Where(e => e.Code is "nik.birthDate" or "nik.sex").ToList();
        if (soft.Count == 0 || soft.Count < errors.Count)
        {
            v.AddRange(errors);
            return null;
        }
        var reason = Text.Clean(reasonInput);
        if (reason is null && existing?.NikMismatchReason is { } kept && existing.Nik == nik && existing.BirthDate == birthDate && existing.Sex == sex)
        {
            reason = kept;
        }
        if (reason is null)
        {
            v.AddRange(soft);
            v.Add("nikMismatchReason", "nik.mismatchUnconfirmed",
                "NIK tidak cocok dengan tanggal lahir/jenis kelamin. Bila keduanya memang benar (mis. tanggal lahir sudah dikoreksi Dukcapil tanpa NIK baru), tulis alasannya lalu simpan lagi.");
            return null;
        }
        if (reason.Length > 200 || reason.Any(char.IsControl))
        {
            v.Add("nikMismatchReason", "nikMismatchReason.invalid", "Alasan paling panjang 200 karakter, tanpa karakter kendali.");
            return null;
        }
        return reason;
    }

    private static string? RtRw(string? value, string field, string label, Validation v)
    {
        var text = Text.Clean(value);
        if (text is null)
        {
            return null;
        }
        if (text.Length > 3 || !Text.AllDigits(text) || int.Parse(text, CultureInfo.InvariantCulture) == 0)
        {
            v.Add(field, field + ".invalid", $"{label} harus angka 1–999, contoh 003.");
            return null;
        }
        return text.PadLeft(3, '0');
    }
}
