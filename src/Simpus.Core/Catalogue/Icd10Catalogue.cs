using System.Globalization;
using System.Text;
using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Core.Catalogue;

/// <summary>One ICD-10 code as the API answers it.</summary>
public sealed record Icd10Match(string Code, string Name);

public sealed record Icd10Entry
{
    public required string Code { get; init; }
    public required string NameId { get; init; }
    public string? NameEn { get; init; }
    public required string Category { get; init; }
    public bool Common { get; init; }
    public bool Active { get; init; } = true;
}

public sealed record Icd10ImportResult(int Added, int Updated, int Rejected, IReadOnlyList<string> RejectedLines);

/// <summary>
/// The ICD-10 (2010) catalogue: loaded from <c>db/reference/icd10.csv</c> at first start when the table is empty,
/// searched in memory (by code prefix or by word prefixes of the Indonesian and English names), and extendable
/// by importing a full list from CSV.
/// </summary>
public sealed class Icd10Catalogue(Database db)
{
    private readonly object _gate = new();
    private volatile Snapshot? _snapshot;

    /// <summary>Loads the shipped short list when the table is empty; returns how many codes were added.</summary>
    public int EnsureLoaded()
    {
        lock (_gate)
        {
            using (var c = db.Open())
            {
                if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM icd10") > 0)
                {
                    return 0;
                }
            }
            var rows = ReferenceData.Rows("icd10.csv").Select(ParseRow).OfType<Icd10Entry>().ToList();
            var result = Upsert(rows, overwriteCommon: true);
            _snapshot = null;
            return result.Added;
        }
    }

    /// <summary>Adds or updates codes from a CSV with header <c>code,name_id,name_en,common</c> (name_en and common optional).</summary>
    /// <summary>The largest CSV the import takes (the whole WHO ICD-10 with Indonesian names is about 2 MB).</summary>
    public const long MaxImportBytes = 10 * 1024 * 1024;

    public Icd10ImportResult Import(TextReader reader)
    {
        var header = reader.ReadLine() ?? throw ValidationFailedException.For("file", "file.empty", "Berkas CSV kosong.");
        var separator = header.Contains(';', StringComparison.Ordinal) && !header.Contains(',', StringComparison.Ordinal) ? ';' : ',';
        var columns = Csv.SplitLine(header.TrimStart('\uFEFF'), separator).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var codeAt = columns.IndexOf("code");
        var nameAt = columns.FindIndex(h => h is "name_id" or "name" or "nama");
        var enAt = columns.IndexOf("name_en");
        var commonAt = columns.IndexOf("common");
        if (codeAt < 0 || nameAt < 0)
        {
            throw ValidationFailedException.For("file", "file.header", "Baris pertama CSV harus berisi kolom code dan name_id (opsional name_en, common).");
        }
        var entries = new List<Icd10Entry>();
        var rejected = new List<string>();
        var lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var f = Csv.SplitLine(line, separator);
            string? Field(int i) => i >= 0 && i < f.Length ? Text.Clean(f[i]) : null;
            var code = NormalizeCode(Field(codeAt));
            var name = Field(nameAt);
            if (code is null || name is null || Retired.ContainsKey(code) || TextLimits.Problem("name", name) is not null || TextLimits.Problem("nameEn", Field(enAt)) is not null)
            {
                rejected.Add(lineNo.ToString(CultureInfo.InvariantCulture));
                continue;
            }
            entries.Add(new Icd10Entry
            {
                Code = code, NameId = name, NameEn = Field(enAt), Category = code[..3],
                Common = Field(commonAt) is "1" or "true" or "ya",
            });
        }
        if (entries.Count == 0)
        {
            throw ValidationFailedException.For("file", "file.noRows",
                "Tidak ada satu pun baris ICD-10 yang sah di berkas ini (kolom code berisi kode seperti J06.9, kolom name_id berisi nama). Tidak ada yang diubah.");
        }
        Icd10ImportResult result;
        lock (_gate)
        {
            result = Upsert(entries, overwriteCommon: commonAt >= 0) with { Rejected = rejected.Count, RejectedLines = rejected.Take(50).ToList() };
            _snapshot = null;
        }
        return result;
    }

    private Icd10ImportResult Upsert(IReadOnlyList<Icd10Entry> entries, bool overwriteCommon)
    {
        return db.InTransaction((c, t) =>
        {
            var existing = c.Query<string>("SELECT code FROM icd10", transaction: t).ToHashSet(StringComparer.Ordinal);
            var added = 0;
            var updated = 0;
            foreach (var e in entries)
            {
                if (existing.Contains(e.Code))
                {
                    c.Execute(overwriteCommon
                        ? "UPDATE icd10 SET name_id = @NameId, name_en = COALESCE(@NameEn, name_en), common = @Common, active = 1 WHERE code = @Code"
                        : "UPDATE icd10 SET name_id = @NameId, name_en = COALESCE(@NameEn, name_en), active = 1 WHERE code = @Code", e, t);
                    updated++;
                }
                else
                {
                    c.Execute("INSERT INTO icd10 (code, name_id, name_en, category, common, active) VALUES (@Code, @NameId, @NameEn, @Category, @Common, 1)", e, t);
                    existing.Add(e.Code);
                    added++;
                }
            }
            return new Icd10ImportResult(added, updated, 0, []);
        });
    }

    private static Icd10Entry? ParseRow(string[] f)
    {
        var code = f.Length > 0 ? NormalizeCode(f[0]) : null;
        if (code is null || f.Length < 2 || Text.Clean(f[1]) is not { } name)
        {
            return null;
        }
        return new Icd10Entry
        {
            Code = code, NameId = name, NameEn = f.Length > 2 ? Text.Clean(f[2]) : null, Category = code[..3],
            Common = f.Length > 3 && f[3].Trim() == "1",
        };
    }

    /// <summary>Upper-cases and puts the dot after the category: "j069" → "J06.9". Null when it is not shaped like an ICD-10 code.</summary>
    public static string? NormalizeCode(string? text)
    {
        var s = Text.Clean(text)?.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (s is null || s.Length < 3 || s.Length > 8 || s[0] is < 'A' or > 'Z' || !char.IsAsciiDigit(s[1]) || !char.IsAsciiDigit(s[2]))
        {
            return null;
        }
        if (s.Length > 3 && s[3] != '.')
        {
            s = s[..3] + "." + s[3..];
        }
        if (s.EndsWith('.'))
        {
            s = s[..^1];
        }
        for (var i = 4; i < s.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(s[i]))
            {
                return null;
            }
        }
        return s;
    }

    /// <summary>An active code (one that new entries may use).</summary>
    public Icd10Entry? Find(string? code) =>
        NormalizeCode(code) is { } c && Current().ByCode.TryGetValue(c, out var e) ? e.Entry : null;

    /// <summary>A code in the table, active or retired (old diagnoses keep retired codes).</summary>
    public Icd10Entry? FindAny(string? code)
    {
        if (NormalizeCode(code) is not { } c)
        {
            return null;
        }
        if (Current().ByCode.TryGetValue(c, out var e))
        {
            return e.Entry;
        }
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<Icd10Entry>(
            "SELECT code, name_id AS NameId, name_en AS NameEn, category, common, active FROM icd10 WHERE code = @c", new { c });
    }

    /// <summary>Codes retired from the catalogue because they are not WHO ICD-10 (or mean something else there), with what to use instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> Retired = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["R19.7"] = "A09.9 (diare/gastroenteritis tidak spesifik)",
        ["Z68.3"] = "E66.x (obesitas)",
        ["Z45.1"] = "Z30.5 (kontrol IUD)",
    };

    /// <summary>The message for a code that new entries may not use.</summary>
    public static string RetiredMessage(string code) =>
        $"Kode {code} bukan kode ICD-10 WHO dan tidak dipakai lagi untuk entri baru"
        + (Retired.TryGetValue(code, out var instead) ? $"; gunakan {instead}." : ".");

    public int Count => Current().All.Length;

    /// <summary>
    /// Best matches first: the exact code, then code prefixes, then codes whose names or everyday words
    /// (<c>db/reference/icd10_synonyms.csv</c>) contain every typed word. Within each tier the codes this puskesmas has
    /// used most come first (usage counts kept by the database as diagnoses are recorded), then the rest: everyday-word
    /// matches before name matches, common codes first.
    /// </summary>
    public IReadOnlyList<Icd10Match> Search(string? query, int limit = 20)
    {
        limit = Math.Clamp(limit, 1, 100);
        var snapshot = Current();
        var usage = Usage("icd10");
        var q = Text.Clean(query);
        if (q is null)
        {
            return snapshot.All.Where(e => e.Entry.Common)
                .OrderByDescending(e => usage.GetValueOrDefault(e.Entry.Code)).ThenBy(e => e.Entry.Code, StringComparer.Ordinal)
                .Take(limit).Select(e => e.Match).ToList();
        }
        var words = Fold(q).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var codeQuery = q.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        var codeLike = codeQuery.Length >= 1 && codeQuery[0] is >= 'A' and <= 'Z' && (codeQuery.Length == 1 || char.IsAsciiDigit(codeQuery[1]));
        var normalized = NormalizeCode(codeQuery) ?? codeQuery;
        var scored = new List<(int Tier, long Uses, int Score, Indexed Item)>();
        foreach (var item in snapshot.All)
        {
            int tier, score;
            if (codeLike && words.Length == 1 && codeQuery.Length > 1 && (item.Entry.Code.StartsWith(normalized, StringComparison.Ordinal)
                || item.CodeCompact.StartsWith(codeQuery.Replace(".", "", StringComparison.Ordinal), StringComparison.Ordinal)))
            {
                tier = item.Entry.Code == normalized ? 0 : 1;
                score = item.Entry.Code.Length;
            }
            else if (MatchesAllWords(item, words, out var starts))
            {
                tier = 2;
                // The typed words are exactly one of the code's everyday names ("demam" is fever, not "demam berdarah").
                var everyday = item.Synonyms.Contains(string.Join(" ", words)) ? 1 : 0;
                score = 100 - Math.Min(starts, 5) * 5 - everyday * 40 + item.NameLength / 20;
            }
            else
            {
                continue;
            }
            if (!item.Entry.Common)
            {
                score += 50;
            }
            scored.Add((tier, usage.GetValueOrDefault(item.Entry.Code), score, item));
        }
        return scored.OrderBy(s => s.Tier).ThenByDescending(s => s.Uses).ThenBy(s => s.Score)
            .ThenBy(s => s.Item.Entry.Code, StringComparer.Ordinal).Take(limit).Select(s => s.Item.Match).ToList();
    }

    /// <summary>How often this puskesmas used each code (table <c>catalogue_usage</c>, kept by triggers).</summary>
    internal Dictionary<string, long> Usage(string kind)
    {
        using var c = db.Open();
        return c.Query<(string Code, long Uses)>("SELECT code, uses FROM catalogue_usage WHERE kind = @kind AND uses > 0", new { kind })
            .ToDictionary(r => r.Code, r => r.Uses, StringComparer.Ordinal);
    }

    private static bool MatchesAllWords(Indexed item, string[] words, out int startsAtWord)
    {
        startsAtWord = 0;
        foreach (var w in words)
        {
            var found = false;
            foreach (var t in item.Tokens)
            {
                if (t.StartsWith(w, StringComparison.Ordinal))
                {
                    found = true;
                    startsAtWord++;
                    break;
                }
            }
            if (!found)
            {
                if (w.Length >= 3 && item.Folded.Contains(w, StringComparison.Ordinal))
                {
                    continue;
                }
                return false;
            }
        }
        return true;
    }

    /// <summary>Lower case, no diacritics, punctuation as spaces.</summary>
    internal static string Fold(string text)
    {
        var d = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var ch in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            sb.Append(char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : ' ');
        }
        return sb.ToString();
    }

    private Snapshot Current()
    {
        if (_snapshot is { } s)
        {
            return s;
        }
        EnsureLoaded();
        lock (_gate)
        {
            if (_snapshot is { } again)
            {
                return again;
            }
            using var c = db.Open();
            var entries = c.Query<Icd10Entry>(
                "SELECT code, name_id AS NameId, name_en AS NameEn, category, common, active FROM icd10 WHERE active = 1 ORDER BY code").ToList();
            var synonyms = Synonyms.Value;
            var indexed = entries.Select(e =>
            {
                var phrases = (synonyms.GetValueOrDefault(e.Code) + ";" + synonyms.GetValueOrDefault(e.Category))
                    .Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => string.Join(" ", Fold(p).Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                    .Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);
                var folded = Fold(e.NameId + " " + (e.NameEn ?? "") + " " + e.Code + " " + string.Join(" ", phrases));
                return new Indexed(e, new Icd10Match(e.Code, e.NameId), e.Code.Replace(".", "", StringComparison.Ordinal), folded,
                    folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray(), e.NameId.Length, phrases);
            }).ToArray();
            var snapshot = new Snapshot(indexed, indexed.ToDictionary(i => i.Entry.Code, StringComparer.Ordinal));
            _snapshot = snapshot;
            return snapshot;
        }
    }

    /// <summary>Everyday names staff type for codes (by code or 3-character category), phrases separated by ';': <c>db/reference/icd10_synonyms.csv</c>.</summary>
    private static readonly Lazy<Dictionary<string, string>> Synonyms = new(() => ReferenceData.Rows("icd10_synonyms.csv")
        .Where(f => f.Length >= 2)
        .GroupBy(f => f[0].Trim(), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => string.Join(";", g.Select(f => f[1].Trim())), StringComparer.Ordinal));

    private sealed record Indexed(Icd10Entry Entry, Icd10Match Match, string CodeCompact, string Folded, string[] Tokens, int NameLength,
        HashSet<string> Synonyms);

    private sealed record Snapshot(Indexed[] All, Dictionary<string, Indexed> ByCode);
}
