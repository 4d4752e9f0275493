using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Core.Regions;

/// <summary>One Kemendagri region: province (level 1), kab/kota (2), kecamatan (3) or desa/kelurahan (4).</summary>
public sealed record Region(string Code, string Name, int Level, string? Parent)
{
    /// <summary>kelurahan, desa or desa adat (village part starting 1, 2 or 3); provinsi, kabupaten/kota or kecamatan above.</summary>
    public string Kind => Level switch
    {
        1 => "provinsi",
        2 => "kabupaten/kota",
        3 => "kecamatan",
        _ => Code[9] switch { '1' => "kelurahan", '3' => "desa adat", _ => "desa" },
    };
}

/// <summary>A region found by name, with the names above it, as the desk's picker shows it.</summary>
public sealed record RegionMatch(string Code, string Name, string Kind, string? Kecamatan, string? KabKota, string? Provinsi, string Label);

/// <summary>
/// The official region list (<c>db/reference/wilayah.csv</c>, Kepmendagri 300.2.2-2138/2025) in the <c>regions</c> table:
/// loaded from the embedded CSV at first start, looked up by code (cached), searched by name for the desk.
/// </summary>
public sealed class RegionDirectory(Database db)
{
    public const string File = "wilayah.csv";

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, Region?> _byCode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _labels = new(StringComparer.Ordinal);
    private volatile bool _loaded;

    /// <summary>Fills the <c>regions</c> table from the embedded list when it is empty; returns the rows added and the time taken.</summary>
    public (int Added, TimeSpan Elapsed) EnsureLoaded()
    {
        if (_loaded)
        {
            return (0, TimeSpan.Zero);
        }
        lock (_gate)
        {
            if (_loaded)
            {
                return (0, TimeSpan.Zero);
            }
            var watch = Stopwatch.StartNew();
            var added = 0;
            using (var check = db.Open())
            {
                if (check.ExecuteScalar<long>("SELECT COUNT(*) FROM regions") == 0)
                {
                    added = Load();
                }
            }
            _loaded = true;
            return (added, watch.Elapsed);
        }
    }

    private int Load()
    {
        var count = 0;
        db.InTransaction((c, t) =>
        {
            using var insert = c.CreateCommand();
            insert.Transaction = t;
            insert.CommandText = "INSERT INTO regions (code, name, level, parent) VALUES ($code, $name, $level, $parent)";
            var code = insert.Parameters.Add("$code", Microsoft.Data.Sqlite.SqliteType.Text);
            var name = insert.Parameters.Add("$name", Microsoft.Data.Sqlite.SqliteType.Text);
            var level = insert.Parameters.Add("$level", Microsoft.Data.Sqlite.SqliteType.Integer);
            var parent = insert.Parameters.Add("$parent", Microsoft.Data.Sqlite.SqliteType.Text);
            insert.Prepare();
            foreach (var row in ReferenceData.Rows(File))
            {
                if (row.Length < 2 || LevelOf(row[0]) is not { } l)
                {
                    continue;
                }
                code.Value = row[0];
                name.Value = row[1].Trim();
                level.Value = l;
                parent.Value = l == 1 ? DBNull.Value : row[0][..row[0].LastIndexOf('.')];
                insert.ExecuteNonQuery();
                count++;
            }
        });
        return count;
    }

    /// <summary>1–4 from the shape of a dotted code (33, 33.73, 33.73.04, 33.73.04.1001), or null.</summary>
    public static int? LevelOf(string code) => code.Length switch
    {
        2 => 1,
        5 => 2,
        8 => 3,
        13 => 4,
        _ => null,
    };

    public Region? Find(string? code)
    {
        if (code is null || LevelOf(code) is null)
        {
            return null;
        }
        EnsureLoaded();
        return _byCode.GetOrAdd(code, static (key, database) =>
        {
            using var c = database.Open();
            return c.Query<(string Code, string Name, long Level, string? Parent)>(
                "SELECT code, name, level, parent FROM regions WHERE code = @key", new { key }).Select(ToRegion).SingleOrDefault();
        }, db);
    }

    public bool Exists(string code, int level) => Find(code) is { } r && r.Level == level;

    /// <summary>A normalized code of the given level (1–4): its shape (<see cref="Identity.RegionCode"/>), then that it is in the official list.</summary>
    public FieldError? Validate(string normalized, int level, string field)
    {
        if (Identity.RegionCode.Validate(normalized, level, field) is { } shape)
        {
            return shape;
        }
        if (Exists(normalized, level))
        {
            return null;
        }
        var what = level switch { 1 => "provinsi", 2 => "kabupaten/kota", 3 => "kecamatan", _ => "desa/kelurahan" };
        return new FieldError(field, "region.unknown",
            $"Kode {what} {normalized} tidak ada dalam daftar wilayah Kemendagri (Kepmendagri 300.2.2-2138/2025). Pilih dari daftar dengan mengetik namanya.");
    }

    /// <summary>The region's name, e.g. "Kecandran" or "Kota Salatiga"; null when the code is not in the list.</summary>
    public string? NameOf(string? code) => Find(code)?.Name;

    /// <summary>
    /// The name with the names above it, as people write an address: "Kel. Kecandran, Kec. Sidomukti, Kota Salatiga",
    /// "Kec. Sidomukti, Kota Salatiga", "Kota Salatiga", "Jawa Tengah"; null when the code is not in the list.
    /// </summary>
    public string? Label(string? code)
    {
        if (code is null)
        {
            return null;
        }
        return _labels.GetOrAdd(code, key =>
        {
            if (Find(key) is not { } r)
            {
                return null;
            }
            var parts = new List<string>();
            for (var x = r; x is not null && x.Level >= 2; x = Find(x.Parent))
            {
                parts.Add(x.Level switch
                {
                    4 => (x.Kind == "kelurahan" ? "Kel. " : x.Kind == "desa adat" ? "" : "Desa ") + x.Name,
                    3 => "Kec. " + x.Name,
                    _ => x.Name,
                });
            }
            return parts.Count == 0 ? r.Name : string.Join(", ", parts);
        });
    }

    /// <summary>
    /// Regions of a level whose name contains every typed word, nearest first: inside <paramref name="near"/> (e.g. the
    /// puskesmas' kecamatan), then its kab/kota, its province, then everywhere; within each, names starting with the
    /// query first. A query of digits and dots is taken as a code prefix.
    /// </summary>
    public IReadOnlyList<RegionMatch> Search(string? query, int level, string? near = null, string? within = null, int limit = 15)
    {
        var q = Text.Clean(query);
        if (q is null || level is < 1 or > 4)
        {
            return [];
        }
        EnsureLoaded();
        limit = Math.Clamp(limit, 1, 50);
        var words = q.ToLowerInvariant().Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !IsNoise(w)).Take(4).ToArray();
        var isCode = q.All(ch => char.IsAsciiDigit(ch) || ch == '.');
        if (words.Length == 0 && !isCode)
        {
            return [];
        }
        var scopes = new List<string>();
        foreach (var scope in new[] { near, Up(near), Up(Up(near)), within })
        {
            if (scope is not null && !scopes.Contains(scope))
            {
                scopes.Add(scope);
            }
        }
        if (within is null)
        {
            scopes.Add("");
        }
        var found = new List<Region>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var c = db.Open();
        foreach (var scope in scopes.Where(s => within is null || s.StartsWith(within, StringComparison.Ordinal)))
        {
            var sql = "SELECT code, name, level, parent FROM regions WHERE level = @level";
            var args = new DynamicParameters(new { level, limit = 400 });
            if (scope.Length > 0)
            {
                sql += " AND code > @lo AND code < @hi";
                args.Add("lo", scope + ".");
                args.Add("hi", scope + "/");
            }
            if (isCode)
            {
                sql += " AND code LIKE @code";
                args.Add("code", q + "%");
            }
            else
            {
                for (var i = 0; i < words.Length; i++)
                {
                    sql += $" AND name LIKE @w{i}";
                    args.Add("w" + i, "%" + words[i].Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%");
                }
            }
            var rows = c.Query<(string Code, string Name, long Level, string? Parent)>(sql + " LIMIT @limit", args)
                .Select(ToRegion)
                .Where(r => seen.Add(r.Code))
                .OrderBy(r => isCode ? 0 : Rank(r.Name, words))
                .ThenBy(r => isCode ? r.Code : r.Name, StringComparer.Ordinal)
                .ThenBy(r => r.Code, StringComparer.Ordinal);
            found.AddRange(rows);
            if (found.Count >= limit)
            {
                break;
            }
        }
        return found.Take(limit).Select(ToMatch).ToList();
    }

    private RegionMatch ToMatch(Region r)
    {
        string? Name(int level)
        {
            var code = level switch { 1 => r.Code[..2], 2 => r.Code.Length >= 5 ? r.Code[..5] : null, _ => r.Code.Length >= 8 ? r.Code[..8] : null };
            return code is null || level >= r.Level ? null : NameOf(code);
        }
        return new RegionMatch(r.Code, r.Name, r.Kind, Name(3), Name(2), Name(1), Label(r.Code) ?? r.Name);
    }

    private static Region ToRegion((string Code, string Name, long Level, string? Parent) row) =>
        new(row.Code, row.Name, (int)row.Level, row.Parent);

    private static string? Up(string? code) => code is null || !code.Contains('.', StringComparison.Ordinal) ? null : code[..code.LastIndexOf('.')];

    private static bool IsNoise(string w) => w is "desa" or "kel" or "kel." or "kelurahan" or "kec" or "kec." or "kecamatan";

    /// <summary>0 the name starts with the first word, 1 a word of the name does, 2 it is inside a word.</summary>
    private static int Rank(string name, string[] words)
    {
        if (words.Length == 0)
        {
            return 0;
        }
        var lower = name.ToLowerInvariant();
        if (lower.StartsWith(words[0], StringComparison.Ordinal))
        {
            return 0;
        }
        return lower.Contains(" " + words[0], StringComparison.Ordinal) ? 1 : 2;
    }
}
