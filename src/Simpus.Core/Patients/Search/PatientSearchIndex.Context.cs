namespace Simpus.Core.Patients.Search;

/// <summary>
/// Narrowing a name search by where the patient lives and whose family they belong to: <c>siti rt 3 kecandran</c>
/// (RT, village name, address words), <c>anak budi santoso</c> (children of the family whose head is Budi Santoso),
/// <c>siti budi santoso</c> (Siti in Budi Santoso's family). It builds no postings of its own: it reads a slot's name and
/// address word ids, RT/RW, relation and desa code id, walks the slot's family (a chain of slots), and folds village
/// names (from <see cref="PlaceName"/>) once per desa code.
/// </summary>
public sealed partial class PatientSearchIndex
{
    private const string Head = "kepala";

    /// <summary>Resolves a desa/kelurahan code to its name ("Kecandran"), so that the village name narrows a search.</summary>
    public Func<string, string?>? PlaceName { get; init; }

    // Desa/kelurahan codes and relation names seen, each once (slots keep 1 + the index; 0 is none).
    private readonly List<string> _regionCodes = [];
    private readonly Dictionary<string, int> _regionIds = new(StringComparer.Ordinal);
    private string[]?[] _placeTokens = [];
    private readonly List<string> _relations = [];

    // The lowest live slot of each family; the others follow through Slot.NextInFamily, in slot order.
    private readonly Dictionary<long, int> _familyFirst = [];

    private List<IndexHit> SearchWithContext(SearchQuery query, int limit)
    {
        var hits = new List<IndexHit>();
        if (query.Relation is { } relation)
        {
            hits.AddRange(FamilyOfHead(query, relation, limit));
        }
        if (hits.Count < limit)
        {
            hits = Merge(hits, NameWithContext(query, limit), limit);
        }
        return hits;
    }

    /// <summary>Members with <paramref name="relation"/> of the families whose head's name matches the words after the relation word.</summary>
    private List<IndexHit> FamilyOfHead(SearchQuery query, string relation, int limit)
    {
        var headTokens = NameKey.Tokens(string.Join(' ', query.Words.Skip(1)));
        var headRelation = HeadRelation();
        var memberRelation = _relations.IndexOf(relation) + 1;
        if (headTokens.Length == 0 || headRelation == 0 || memberRelation == 0)
        {
            return [];
        }
        var matches = headTokens.Select(t => MatchWords(t, allowPrefix: true)).ToArray();
        var heads = new List<(int Slot, double Score, double Weakest)>();
        foreach (var slot in Candidates(matches))
        {
            if (_slots[slot].Relation == headRelation && Score(slot, matches, out var weakest) is { } score)
            {
                heads.Add((slot, score + (_slots[slot].WordCount == headTokens.Length ? 0.05 : 0), weakest));
            }
        }
        var hits = new List<IndexHit>();
        foreach (var (head, score, weakest) in heads.OrderByDescending(h => h.Weakest).ThenByDescending(h => h.Score).Take(limit))
        {
            var members = FamilyOf(head).Where(m => _slots[m].Relation == memberRelation && Fits(m, query))
                .OrderBy(m => _slots[m].BirthDay);
            foreach (var m in members)
            {
                hits.Add(new IndexHit(_slots[m].Id, "family", Math.Round(score - 0.1, 3), SearchMatch.Of(weakest)));
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
    private List<IndexHit> NameWithContext(SearchQuery query, int limit)
    {
        var words = query.Words.Select(w => NameKey.Tokens(w)).Where(t => t.Length > 0).Take(6).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var nameMatches = words.Select(w => w.Select(t => MatchWords(t, allowPrefix: true)).ToArray()).ToList();
        var places = new Dictionary<(int Region, string Token), bool>();
        for (var size = words.Count; size >= 1; size--)
        {
            var hits = new List<(IndexHit Hit, string Name)>();
            foreach (var subset in Subsets(words.Count, size))
            {
                var asName = subset.SelectMany(i => nameMatches[i]).ToArray();
                var asContext = Enumerable.Range(0, words.Count).Except(subset).SelectMany(i => words[i]).ToList();
                var contextWords = words.Count - subset.Length;
                if (asName.Any(m => m.Count == 0))
                {
                    continue;
                }
                foreach (var slot in Candidates(asName))
                {
                    if (!Fits(slot, query) || !asContext.TrueForAll(t => InContext(slot, t, places))
                        || Score(slot, asName, out var weakest) is not { } score)
                    {
                        continue;
                    }
                    ref readonly var s = ref _slots[slot];
                    score += (s.WordCount == asName.Length ? 0.05 : 0) - 0.01 * contextWords;
                    if (query.Year is { } y && s.BirthYear == y)
                    {
                        score += 0.1;
                    }
                    var hit = new IndexHit(s.Id, contextWords > 0 ? "name+alamat" : "name", Math.Round(score, 3), SearchMatch.Of(weakest));
                    hits.Add((hit, _names[slot]!));
                }
            }
            if (hits.Count > 0)
            {
                return hits.GroupBy(h => h.Hit.Id).Select(g => g.OrderByDescending(h => h.Hit.Score).First())
                    .OrderBy(h => SearchMatch.Rank(h.Hit.Match)).ThenByDescending(h => h.Hit.Score).ThenBy(h => h.Name, StringComparer.Ordinal)
                    .Take(limit).Select(h => h.Hit).ToList();
            }
        }
        return [];
    }

    /// <summary>RT, RW and birth year (±1) as typed.</summary>
    private bool Fits(int slot, SearchQuery query)
    {
        ref readonly var s = ref _slots[slot];
        return (query.Rt is not { } rt || s.Rt == SmallNumber(rt))
            && (query.Rw is not { } rw || s.Rw == SmallNumber(rw))
            && (query.Year is not { } y || Math.Abs(s.BirthYear - y) <= 1);
    }

    /// <summary>A word found (whole, or as a prefix of at least three letters) in the village name, the address or the family head's name.</summary>
    private bool InContext(int slot, string token, Dictionary<(int Region, string Token), bool> places)
    {
        var region = _slots[slot].Region;
        if (region > 0)
        {
            if (!places.TryGetValue((region, token), out var inPlace))
            {
                places[(region, token)] = inPlace = Has(PlaceTokens(region), token);
            }
            if (inPlace)
            {
                return true;
            }
        }
        foreach (var id in AddressWords(slot))
        {
            if (Has(_words[id], token))
            {
                return true;
            }
        }
        if (_slots[slot].Relation != HeadRelation() && HeadOf(slot) is { } head)
        {
            foreach (var id in NameWords(head))
            {
                if (Has(_words[id], token))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool Has(string word, string token) =>
        word == token || (token.Length >= 3 && word.StartsWith(token, StringComparison.Ordinal));

    private static bool Has(string[] words, string token) => Array.Exists(words, w => Has(w, token));

    private string[] PlaceTokens(int region)
    {
        var cached = _placeTokens[region - 1];
        if (cached is null)
        {
            // Computed by the first search that needs it (under the read lock: two may compute it, with the same result).
            cached = PlaceName?.Invoke(_regionCodes[region - 1]) is { } name ? NameKey.Tokens(name) : [];
            _placeTokens[region - 1] = cached;
        }
        return cached;
    }

    /// <summary>The relation id of a family head; 0 while no head is indexed.</summary>
    private int HeadRelation() => _relations.IndexOf(Head) + 1;

    /// <summary>The family's head (its first live slot with relation <c>kepala</c>), or null.</summary>
    private int? HeadOf(int slot)
    {
        var head = HeadRelation();
        if (head == 0)
        {
            return null;
        }
        foreach (var m in FamilyOf(slot))
        {
            if (_slots[m].Relation == head)
            {
                return m;
            }
        }
        return null;
    }

    /// <summary>The live slots of the slot's family, in slot order.</summary>
    private IEnumerable<int> FamilyOf(int slot)
    {
        if (!_familyFirst.TryGetValue(_slots[slot].Family, out var m))
        {
            yield break;
        }
        for (; m >= 0; m = _slots[m].NextInFamily)
        {
            yield return m;
        }
    }

    private void LinkFamily(int slot)
    {
        var family = _slots[slot].Family;
        if (!_familyFirst.TryGetValue(family, out var m))
        {
            _familyFirst[family] = slot;
            return;
        }
        // A new slot is the highest: it goes last.
        while (_slots[m].NextInFamily >= 0)
        {
            m = _slots[m].NextInFamily;
        }
        _slots[m].NextInFamily = slot;
    }

    private void UnlinkFamily(int slot)
    {
        var family = _slots[slot].Family;
        if (!_familyFirst.TryGetValue(family, out var m))
        {
            return;
        }
        var next = _slots[slot].NextInFamily;
        if (m == slot)
        {
            if (next >= 0)
            {
                _familyFirst[family] = next;
            }
            else
            {
                _familyFirst.Remove(family);
            }
        }
        else
        {
            while (m >= 0 && _slots[m].NextInFamily != slot)
            {
                m = _slots[m].NextInFamily;
            }
            if (m >= 0)
            {
                _slots[m].NextInFamily = next;
            }
        }
        _slots[slot].NextInFamily = -1;
    }

    private int RegionId(string? code)
    {
        if (code is null)
        {
            return 0;
        }
        if (!_regionIds.TryGetValue(code, out var id))
        {
            _regionCodes.Add(code);
            _regionIds[code] = id = _regionCodes.Count;
            if (_placeTokens.Length < id)
            {
                Array.Resize(ref _placeTokens, Math.Max(16, _placeTokens.Length * 2));
            }
        }
        return id;
    }

    private byte RelationId(string? relation)
    {
        if (relation is null)
        {
            return 0;
        }
        var at = _relations.IndexOf(relation);
        if (at < 0)
        {
            if (_relations.Count >= byte.MaxValue)
            {
                return 0;
            }
            _relations.Add(relation);
            at = _relations.Count - 1;
        }
        return (byte)(at + 1);
    }

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

    /// <summary>Both lists, better match first (exact, partial, similar), then in list order; each patient once.</summary>
    private static List<IndexHit> Merge(IReadOnlyList<IndexHit> first, IReadOnlyList<IndexHit> second, int limit) =>
        first.Concat(second)
            .GroupBy(h => h.Id)
            .Select(g => g.First())
            .Select((h, order) => (h, order))
            .OrderBy(x => SearchMatch.Rank(x.h.Match)).ThenBy(x => x.order)
            .Select(x => x.h)
            .Take(limit)
            .ToList();
}
