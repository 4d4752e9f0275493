using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Data;

namespace Simpus.Core.Patients.Search;

/// <summary>
/// The desk's one search box: digits are looked up as NIK, BPJS number or family number, <c>KK-000123-02</c>-like text as a
/// No. RM — both straight from the database's unique indexes — and anything else (a name, with RT/RW, village, address
/// words or a family head's name) in the in-memory <see cref="PatientSearchIndex"/>. Hits are read from the database (at
/// most 20 rows by primary key), so the index keeps no copy of the patients.
/// </summary>
public sealed class PatientFinder(Database db, Func<PatientSearchIndex> index)
{
    public IReadOnlyList<SearchHit> Search(string query, int limit)
    {
        var q = query.Trim();
        if (q.Length == 0 || limit <= 0)
        {
            return [];
        }
        var compact = q.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        using var c = db.Open();
        if (compact.Length > 0 && compact.All(char.IsAsciiDigit))
        {
            return SearchNumber(c, compact, limit);
        }
        // Every No. RM holds digits (its format has a family and a member number), so a query without any is no No. RM.
        if (q.Any(char.IsAsciiDigit) && ByRm(c, q) is { } exactRm)
        {
            return [new SearchHit(exactRm, "rm", 1.0)];
        }
        if (!SearchQuery.Parse(q).HasContext && q.Any(char.IsAsciiDigit) && q.Any(char.IsAsciiLetter) && !HasBirthYearOnly(q))
        {
            return SearchRmLike(c, q, limit);
        }
        var hits = index().Search(q, limit);
        var patients = Load(c, hits.Select(h => h.Id));
        return hits.Where(h => patients.ContainsKey(h.Id))
            .Select(h => new SearchHit(patients[h.Id], h.MatchedBy, h.Score) { Match = h.Match })
            .ToList();
    }

    /// <summary>Live patients whose name is like this one (spelling variants and typos), same sex, birth year ±1.</summary>
    public IReadOnlyList<DuplicateCandidate> FindSimilar(string name, string sex, int birthYear, long? exceptId = null, int limit = 10)
    {
        var hits = index().FindSimilar(name, sex, birthYear, exceptId, limit);
        if (hits.Count == 0)
        {
            return [];
        }
        using var c = db.Open();
        var patients = Load(c, hits.Select(h => h.Id));
        return hits.Where(h => patients.ContainsKey(h.Id)).Select(h =>
        {
            var p = patients[h.Id];
            return new DuplicateCandidate(p.Rm, p.Name, p.Sex, p.BirthDate, p.Nik, p.Address, h.Score);
        }).ToList();
    }

    /// <summary>The live patient holding this NIK, if any.</summary>
    public Patient? ByNik(string nik)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<Patient>(PatientService.SelectPatient + " WHERE p.nik = @nik AND p.voided_at IS NULL", new { nik });
    }

    /// <summary>The live patient holding this BPJS number, if any.</summary>
    public Patient? ByBpjs(string bpjs)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<Patient>(PatientService.SelectPatient + " WHERE p.bpjs_number = @bpjs AND p.voided_at IS NULL", new { bpjs });
    }

    private static IReadOnlyList<SearchHit> SearchNumber(SqliteConnection c, string digits, int limit)
    {
        var hits = new List<SearchHit>();
        var seen = new HashSet<long>();
        // The whole NIK or BPJS number is exact; a family number or a number's start is partial.
        void Add(IEnumerable<Patient> found, string by, double score, string match)
        {
            foreach (var p in found)
            {
                if (hits.Count < limit && seen.Add(p.Id))
                {
                    hits.Add(new SearchHit(p, by, score) { Match = match });
                }
            }
        }
        Add(c.Query<Patient>(PatientService.SelectPatient + " WHERE p.nik = @digits AND p.voided_at IS NULL", new { digits }), "nik", 1.0, SearchMatch.Exact);
        Add(c.Query<Patient>(PatientService.SelectPatient + " WHERE p.bpjs_number = @digits AND p.voided_at IS NULL", new { digits }), "bpjs", 1.0, SearchMatch.Exact);
        if (digits.Length <= 12 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var family))
        {
            Add(Family(c, family), "rm", 0.95, SearchMatch.Partial);
        }
        if (digits.Length >= 6 && hits.Count < limit)
        {
            // Numbers starting with the digits typed, in number order (NIK and BPJS numbers are all digits, so ':' follows '9').
            var prefixed = c.Query<(long Id, string Kind)>("""
                SELECT id, kind FROM (
                    SELECT id, 'nik' AS kind, nik AS n FROM patients WHERE nik >= @digits AND nik < @upper AND voided_at IS NULL
                    UNION ALL
                    SELECT id, 'bpjs' AS kind, bpjs_number AS n FROM patients WHERE bpjs_number >= @digits AND bpjs_number < @upper AND voided_at IS NULL)
                ORDER BY n, kind DESC
                LIMIT @take
                """, new { digits, upper = digits + ":", take = limit * 2 }).ToList();
            var patients = Load(c, prefixed.Select(p => p.Id));
            foreach (var (id, kind) in prefixed)
            {
                if (patients.TryGetValue(id, out var p))
                {
                    Add([p], kind, 0.8, SearchMatch.Partial);
                }
            }
        }
        return hits;
    }

    private static IReadOnlyList<SearchHit> SearchRmLike(SqliteConnection c, string q, int limit)
    {
        var groups = new List<long>();
        var current = "";
        foreach (var ch in q + " ")
        {
            if (char.IsAsciiDigit(ch))
            {
                current += ch;
            }
            else if (current.Length > 0)
            {
                if (current.Length > 12)
                {
                    return [];
                }
                groups.Add(long.Parse(current, CultureInfo.InvariantCulture));
                current = "";
            }
        }
        if (groups.Count == 0)
        {
            return [];
        }
        return Family(c, groups[0])
            .Where(m => groups.Count < 2 || RmMember(m.Rm) == groups[1])
            .Take(limit)
            .Select(m => new SearchHit(m, "rm", groups.Count >= 2 ? 1.0 : 0.95) { Match = groups.Count >= 2 ? SearchMatch.Exact : SearchMatch.Partial })
            .ToList();
    }

    /// <summary>Live members of a family folder, ordered by No. RM.</summary>
    private static IEnumerable<Patient> Family(SqliteConnection c, long family) =>
        c.Query<Patient>(PatientService.SelectPatient + " WHERE p.family_id = @family AND p.voided_at IS NULL", new { family })
            .OrderBy(p => p.Rm, StringComparer.Ordinal);

    /// <summary>A live patient by No. RM as typed, in any letter case.</summary>
    private static Patient? ByRm(SqliteConnection c, string rm) =>
        c.QueryFirstOrDefault<Patient>(PatientService.SelectPatient + " WHERE p.rm IN (@rm, @upper, @lower) AND p.voided_at IS NULL",
            new { rm, upper = rm.ToUpperInvariant(), lower = rm.ToLowerInvariant() });

    private static Dictionary<long, Patient> Load(SqliteConnection c, IEnumerable<long> ids)
    {
        var list = ids.Distinct().ToList();
        return list.Count == 0
            ? []
            : c.Query<Patient>(PatientService.SelectPatient + " WHERE p.id IN @list AND p.voided_at IS NULL", new { list }).ToDictionary(p => p.Id);
    }

    private static long? RmMember(string rm)
    {
        var digits = new string(rm.Reverse().SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).Reverse().ToArray());
        return digits.Length is > 0 and <= 12 ? long.Parse(digits, CultureInfo.InvariantCulture) : null;
    }

    private static bool HasBirthYearOnly(string q)
    {
        var digitRuns = q.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Any(char.IsAsciiDigit)).ToList();
        return digitRuns.Count == 1 && digitRuns[0].Length == 4 && digitRuns[0].All(char.IsAsciiDigit);
    }
}
