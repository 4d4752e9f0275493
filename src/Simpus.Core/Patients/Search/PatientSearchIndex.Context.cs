namespace Simpus.Core.Patients.Search;

/// <summary>
/// Narrowing a name search by where the patient lives and whose family they belong to: <c>siti rt 3 kecandran</c>
/// (RT, village name, address words), <c>anak budi santoso</c> (children of the family whose head is Budi Santoso),
/// <c>siti budi santoso</c> (Siti in Budi Santoso's family). Kept apart from the index's storage: it reads an entry's
/// name tokens, patient fields and family only, and builds no postings of its own (village names come from
/// <see cref="PlaceName"/>, address words are folded on the fly for the few candidates).
/// </summary>
public sealed partial class PatientSearchIndex
{
    /// <summary>Resolves a desa/kelurahan code to its name ("Kecandran"), so that the village name narrows a search.</summary>
    public Func<string, string?>? PlaceName { get; init; }

    private readonly Dictionary<string, string[]> _placeTokens = new(StringComparer.Ordinal);

    private IReadOnlyList<SearchHit> SearchWithContext(SearchQuery query, int limit)
    {
        var hits = new List<SearchHit>();
        if (query.Relation is { } relation)
        {
            hits.AddRange(FamilyOfHead(query, relation, limit));
        }
        if (hits.Count < limit)
        {
            hits = Merge(hits, NameWithContext(query, limit), limit).ToList();
        }
        return hits;
    }

    /// <summary>Members with <paramref name="relation"/> of the families whose head's name matches the words after the relation word.</summary>
    private List<SearchHit> FamilyOfHead(SearchQuery query, string relation, int limit)
    {
        var headTokens = NameKey.Tokens(string.Join(' ', query.Words.Skip(1)));
        if (headTokens.Length == 0)
        {
            return [];
        }
        var matches = headTokens.Select(t => MatchTokens(t, allowPrefix: true)).ToArray();
        var heads = new List<(Entry Head, double Score, double Weakest)>();
        foreach (var entry in Candidates(matches))
        {
            if (entry.Patient.Relation == "kepala" && Score(entry, matches, out var weakest) is { } score)
            {
                heads.Add((entry, score + (entry.Tokens.Length == headTokens.Length ? 0.05 : 0), weakest));
            }
        }
        var hits = new List<SearchHit>();
        foreach (var (head, score, weakest) in heads.OrderByDescending(h => h.Weakest).ThenByDescending(h => h.Score).Take(limit))
        {
            if (!_byFamily.TryGetValue(head.Patient.FamilyNumber, out var members))
            {
                continue;
            }
            foreach (var m in members.Where(m => m.Patient.Relation == relation && Fits(m, query)).OrderBy(m => m.Patient.BirthDate))
            {
                hits.Add(new SearchHit(m.Patient, "family", Math.Round(score - 0.1, 3)) { Match = SearchMatch.Of(weakest) });
            }
            if (hits.Count >= limit)
            {
                break;
            }
        }
        return hits.Take(limit).ToList();
    }

    /// <summary>
    /// Some words name the patient, the others must be found in the village name, the address or the family head's
    /// name; RT/RW and birth year filter. The largest set of name words that finds someone wins.
    /// </summary>
    private List<SearchHit> NameWithContext(SearchQuery query, int limit)
    {
        var words = query.Words.Select(w => (Raw: w, Tokens: NameKey.Tokens(w))).Where(w => w.Tokens.Length > 0).Take(6).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var nameMatches = words.Select(w => w.Tokens.Select(t => MatchTokens(t, allowPrefix: true)).ToArray()).ToList();
        for (var size = words.Count; size >= 1; size--)
        {
            var hits = new List<SearchHit>();
            foreach (var subset in Subsets(words.Count, size))
            {
                var asName = subset.SelectMany(i => nameMatches[i]).ToArray();
                var asContext = Enumerable.Range(0, words.Count).Except(subset).Select(i => words[i].Tokens).ToList();
                if (asName.Any(m => m.Count == 0))
                {
                    continue;
                }
                foreach (var entry in Candidates(asName))
                {
                    if (!Fits(entry, query) || !asContext.All(tokens => tokens.All(t => InContext(entry, t)))
                        || Score(entry, asName, out var weakest) is not { } score)
                    {
                        continue;
                    }
                    score += (entry.Tokens.Length == asName.Length ? 0.05 : 0) - 0.01 * asContext.Count;
                    if (query.Year is { } y && entry.Patient.BirthDate.Year == y)
                    {
                        score += 0.1;
                    }
                    hits.Add(new SearchHit(entry.Patient, asContext.Count > 0 ? "name+alamat" : "name", Math.Round(score, 3)) { Match = SearchMatch.Of(weakest) });
                }
            }
            if (hits.Count > 0)
            {
                return hits.GroupBy(h => h.Patient.Id).Select(g => g.OrderByDescending(h => h.Score).First())
                    .OrderBy(h => SearchMatch.Rank(h.Match)).ThenByDescending(h => h.Score).ThenBy(h => h.Patient.Name, StringComparer.Ordinal)
                    .Take(limit).ToList();
            }
        }
        return [];
    }

    /// <summary>RT, RW and birth year (±1) as typed.</summary>
    private static bool Fits(Entry entry, SearchQuery query) =>
        (query.Rt is null || entry.Patient.Rt == query.Rt)
        && (query.Rw is null || entry.Patient.Rw == query.Rw)
        && (query.Year is not { } y || Math.Abs(entry.Patient.BirthDate.Year - y) <= 1);

    /// <summary>A word found (whole, or as a prefix of at least three letters) in the village name, the address or the family head's name.</summary>
    private bool InContext(Entry entry, string token)
    {
        var p = entry.Patient;
        return Has(PlaceTokens(p.RegionCode), token)
            || (p.Address is { } address && Has(NameKey.Tokens(address), token))
            || (p.Relation != "kepala" && HeadOf(entry) is { } head && Has(head.Tokens, token));
    }

    private static bool Has(string[] tokens, string token)
    {
        foreach (var t in tokens)
        {
            if (t == token || (token.Length >= 3 && t.StartsWith(token, StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }

    private string[] PlaceTokens(string? regionCode)
    {
        if (regionCode is null || PlaceName is null)
        {
            return [];
        }
        lock (_placeTokens)
        {
            if (!_placeTokens.TryGetValue(regionCode, out var tokens))
            {
                _placeTokens[regionCode] = tokens = PlaceName(regionCode) is { } name ? NameKey.Tokens(name) : [];
            }
            return tokens;
        }
    }

    private Entry? HeadOf(Entry entry) =>
        _byFamily.TryGetValue(entry.Patient.FamilyNumber, out var members) ? members.Find(m => m.Patient.Relation == "kepala") : null;

    private static IEnumerable<int[]> Subsets(int n, int size)
    {
        for (var mask = 1; mask < 1 << n; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) == size)
            {
                yield return Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).ToArray();
            }
        }
    }

    /// <summary>Both lists, better match first (exact, partial, similar), then score; each patient once.</summary>
    private static IReadOnlyList<SearchHit> Merge(IReadOnlyList<SearchHit> first, IReadOnlyList<SearchHit> second, int limit) =>
        first.Concat(second)
            .GroupBy(h => h.Patient.Id)
            .Select(g => g.First())
            .Select((h, order) => (h, order))
            .OrderBy(x => SearchMatch.Rank(x.h.Match)).ThenBy(x => x.order)
            .Select(x => x.h)
            .Take(limit)
            .ToList();
}
