using System.Globalization;

namespace Simpus.Core.Patients.Search;

/// <summary>A search result: the patient and what matched.</summary>
public sealed record SearchHit(Patient Patient, string MatchedBy, double Score)
{
    /// <summary>
    /// <c>exact</c> (every word, number or No. RM as typed, spelling variants folded), <c>partial</c> (some word only as a
    /// prefix, a number only by its start) or <c>similar</c> (some word only within typos): the desk confirms a similar hit.
    /// </summary>
    public string Match { get; init; } = SearchMatch.Exact;
}

public static class SearchMatch
{
    public const string Exact = "exact";
    public const string Partial = "partial";
    public const string Similar = "similar";

    public static string Of(double weakestWord) => weakestWord >= 1.0 ? Exact : weakestWord >= 0.85 ? Partial : Similar;

    public static int Rank(string match) => match switch { Exact => 0, Partial => 1, _ => 2 };
}

/// <summary>
/// In-memory index of live (not voided) patients for the desk's one search box: No. RM, NIK, BPJS number or name
/// (partial, case-insensitive, spelling- and typo-tolerant, optionally with a birth year). Loaded once from the
/// database and kept current by <see cref="PatientService"/> after each committed change.
/// </summary>
public sealed partial class PatientSearchIndex
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<long, Entry> _byId = [];
    private readonly Dictionary<string, Entry> _byRm = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Entry> _byNik = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _byBpjs = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<Entry>> _byFamily = [];
    private readonly List<Entry?> _slots = [];
    private readonly Dictionary<string, List<int>> _byToken = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<string>> _tokensByLength = [];

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _byId.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public void Load(IEnumerable<Patient> patients)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var p in patients)
            {
                AddUnlocked(p);
            }
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>Adds or replaces a patient; a voided patient leaves the index.</summary>
    public void Upsert(Patient patient)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_byId.TryGetValue(patient.Id, out var old))
            {
                RemoveUnlocked(old);
            }
            if (!patient.Voided)
            {
                AddUnlocked(patient);
            }
        }
        finally { _lock.ExitWriteLock(); }
    }

    public IReadOnlyList<SearchHit> Search(string query, int limit = 20)
    {
        var q = query.Trim();
        if (q.Length == 0 || limit <= 0)
        {
            return [];
        }
        _lock.EnterReadLock();
        try
        {
            var compact = q.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (compact.Length > 0 && compact.All(char.IsAsciiDigit))
            {
                return SearchNumber(compact, limit);
            }
            if (_byRm.TryGetValue(q, out var exactRm))
            {
                return [new SearchHit(exactRm.Patient, "rm", 1.0)];
            }
            var parsed = SearchQuery.Parse(q);
            if (parsed.HasContext)
            {
                return SearchWithContext(parsed, limit);
            }
            if (q.Any(char.IsAsciiDigit) && q.Any(char.IsAsciiLetter) && !HasBirthYearOnly(q))
            {
                return SearchRmLike(q, limit);
            }
            var byName = SearchName(q, limit);
            return byName.Count > 0 && byName[0].Match != SearchMatch.Similar || parsed.Words.Count < 2
                ? byName
                : Merge(SearchWithContext(parsed, limit), byName, limit);
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Live patients whose name is like <paramref name="name"/> (every word matches, allowing spelling variants and typos), same sex, birth year ±1.</summary>
    public IReadOnlyList<DuplicateCandidate> FindSimilar(string name, string sex, int birthYear, long? exceptId = null, int limit = 10)
    {
        var qTokens = NameKey.Tokens(name);
        if (qTokens.Length == 0)
        {
            return [];
        }
        _lock.EnterReadLock();
        try
        {
            var matches = qTokens.Select(t => MatchTokens(t, allowPrefix: false)).ToArray();
            var result = new List<DuplicateCandidate>();
            foreach (var entry in Candidates(matches))
            {
                var p = entry.Patient;
                if (p.Sex != sex || Math.Abs(p.BirthDate.Year - birthYear) > 1 || p.Id == exceptId)
                {
                    continue;
                }
                if (Score(entry, matches) is not { } score || Math.Abs(entry.Tokens.Length - qTokens.Length) > 1)
                {
                    continue;
                }
                result.Add(new DuplicateCandidate(p.Rm, p.Name, p.Sex, p.BirthDate, p.Nik, p.Address, Math.Round(score, 3)));
            }
            return result.OrderByDescending(c => c.Score).ThenBy(c => c.Name, StringComparer.Ordinal).Take(limit).ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    private IReadOnlyList<SearchHit> SearchNumber(string digits, int limit)
    {
        var hits = new List<SearchHit>();
        var seen = new HashSet<long>();
        void Add(Entry e, string by, double score)
        {
            if (hits.Count < limit && seen.Add(e.Patient.Id))
            {
                hits.Add(new SearchHit(e.Patient, by, score));
            }
        }
        if (_byNik.TryGetValue(digits, out var nik))
        {
            Add(nik, "nik", 1.0);
        }
        // Numbers matched only by their start are partial.
        void AddPartial(Entry e, string by, double score)
        {
            var before = hits.Count;
            Add(e, by, score);
            if (hits.Count > before)
            {
                hits[^1] = hits[^1] with { Match = SearchMatch.Partial };
            }
        }
        if (_byBpjs.TryGetValue(digits, out var bpjs))
        {
            Add(bpjs, "bpjs", 1.0);
        }
        if (digits.Length <= 12 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var family) && _byFamily.TryGetValue(family, out var members))
        {
            foreach (var m in members.OrderBy(m => m.Patient.Rm, StringComparer.Ordinal))
            {
                AddPartial(m, "rm", 0.95);
            }
        }
        if (digits.Length >= 6 && hits.Count < limit)
        {
            foreach (var number in _numbers.GetViewBetween(digits, digits + '\uffff'))
            {
                if (hits.Count >= limit)
                {
                    break;
                }
                if (_byNik.TryGetValue(number, out var n))
                {
                    AddPartial(n, "nik", 0.8);
                }
                if (_byBpjs.TryGetValue(number, out var b))
                {
                    AddPartial(b, "bpjs", 0.8);
                }
            }
        }
        return hits;
    }

    private IReadOnlyList<SearchHit> SearchRmLike(string q, int limit)
    {
        var groups = new List<long>();
        var current = "";
        foreach (var c in q + " ")
        {
            if (char.IsAsciiDigit(c))
            {
                current += c;
            }
            else if (current.Length > 0)
            {
                groups.Add(long.Parse(current, CultureInfo.InvariantCulture));
                current = "";
            }
        }
        if (groups.Count == 0 || !_byFamily.TryGetValue(groups[0], out var members))
        {
            return [];
        }
        return members
            .Where(m => groups.Count < 2 || RmMember(m.Patient.Rm) == groups[1])
            .OrderBy(m => m.Patient.Rm, StringComparer.Ordinal)
            .Take(limit)
            .Select(m => new SearchHit(m.Patient, "rm", groups.Count >= 2 ? 1.0 : 0.95) { Match = groups.Count >= 2 ? SearchMatch.Exact : SearchMatch.Partial })
            .ToList();
    }

    private static long? RmMember(string rm)
    {
        var digits = new string(rm.Reverse().SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).Reverse().ToArray());
        return digits.Length > 0 ? long.Parse(digits, CultureInfo.InvariantCulture) : null;
    }

    private static bool HasBirthYearOnly(string q)
    {
        var digitRuns = q.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Any(char.IsAsciiDigit)).ToList();
        return digitRuns.Count == 1 && digitRuns[0].Length == 4 && digitRuns[0].All(char.IsAsciiDigit);
    }

    private IReadOnlyList<SearchHit> SearchName(string q, int limit)
    {
        int? year = null;
        var words = new List<string>();
        foreach (var w in q.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (w.Length == 4 && w.All(char.IsAsciiDigit))
            {
                year = int.Parse(w, CultureInfo.InvariantCulture);
            }
            else
            {
                words.Add(w);
            }
        }
        var qTokens = NameKey.Tokens(string.Join(' ', words));
        if (qTokens.Length == 0)
        {
            return [];
        }
        var matches = qTokens.Select(t => MatchTokens(t, allowPrefix: true)).ToArray();
        var top = new PriorityQueue<(Entry Entry, double Score, double Weakest), (double, string)>(Comparer<(double, string)>.Create((a, b) =>
        {
            // The queue's head is the worst hit kept so far: lowest score, then the name last in order.
            var byScore = a.Item1.CompareTo(b.Item1);
            return byScore != 0 ? byScore : -string.CompareOrdinal(a.Item2, b.Item2);
        }));
        foreach (var entry in Candidates(matches))
        {
            if (Score(entry, matches, out var weakest) is not { } score)
            {
                continue;
            }
            if (year is { } y)
            {
                var diff = Math.Abs(entry.Patient.BirthDate.Year - y);
                if (diff > 1)
                {
                    continue;
                }
                score += diff == 0 ? 0.1 : 0;
            }
            if (entry.Tokens.Length == qTokens.Length)
            {
                score += 0.05;
            }
            var key = (score, entry.Patient.Name);
            if (top.Count < limit)
            {
                top.Enqueue((entry, score, weakest), key);
            }
            else if (top.TryPeek(out _, out var worst) && top.Comparer.Compare(key, worst) > 0)
            {
                top.DequeueEnqueue((entry, score, weakest), key);
            }
        }
        var list = new List<(Entry Entry, double Score, double Weakest)>(top.Count);
        while (top.Count > 0)
        {
            list.Add(top.Dequeue());
        }
        list.Reverse();
        return list.Select(x => new SearchHit(x.Entry.Patient, "name", Math.Round(x.Score, 3)) { Match = SearchMatch.Of(x.Weakest) }).ToList();
    }

    /// <summary>
    /// Entries holding a match of every query word: one bitmap over entry slots per query word (the union of its
    /// matching words' postings), intersected. Tight loops over ints, so common first names stay cheap.
    /// </summary>
    private IEnumerable<Entry> Candidates(Dictionary<string, double>[] matches)
    {
        if (matches.Length == 0 || matches.Any(m => m.Count == 0))
        {
            return [];
        }
        var words = (_slots.Count + 63) >> 6;
        ulong[]? result = null;
        foreach (var m in matches.OrderBy(m => m.Keys.Sum(t => _byToken[t].Count)))
        {
            var bits = new ulong[words];
            foreach (var token in m.Keys)
            {
                foreach (var slot in _byToken[token])
                {
                    bits[slot >> 6] |= 1UL << (slot & 63);
                }
            }
            if (result is null)
            {
                result = bits;
                continue;
            }
            var any = 0UL;
            for (var i = 0; i < words; i++)
            {
                result[i] &= bits[i];
                any |= result[i];
            }
            if (any == 0)
            {
                return [];
            }
        }
        return Slots(result!);
    }

    private IEnumerable<Entry> Slots(ulong[] bits)
    {
        for (var i = 0; i < bits.Length; i++)
        {
            var word = bits[i];
            while (word != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (_slots[(i << 6) + bit] is { } entry)
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>Mean of each query word's best match in the entry, or null if some word matches nothing.</summary>
    private static double? Score(Entry entry, Dictionary<string, double>[] matches) => Score(entry, matches, out _);

    /// <summary>As <see cref="Score(Entry, Dictionary{string, double}[])"/>, also giving the weakest word's match (1 exact, 0.85 prefix, less: typo).</summary>
    private static double? Score(Entry entry, Dictionary<string, double>[] matches, out double weakest)
    {
        weakest = 1.0;
        var total = 0.0;
        var lastPosition = -1;
        var inOrder = true;
        foreach (var m in matches)
        {
            var best = 0.0;
            var bestPosition = -1;
            for (var i = 0; i < entry.Tokens.Length; i++)
            {
                if (m.TryGetValue(entry.Tokens[i], out var s) && s > best)
                {
                    best = s;
                    bestPosition = i;
                }
            }
            if (bestPosition < 0)
            {
                return null;
            }
            inOrder &= bestPosition > lastPosition;
            lastPosition = bestPosition;
            total += best;
            weakest = Math.Min(weakest, best);
        }
        return total / matches.Length + (inOrder ? 0.02 : 0);
    }

    /// <summary>Indexed words matching a query word: exact 1.0, prefix 0.85, one typo 0.75, two typos 0.6.</summary>
    private Dictionary<string, double> MatchTokens(string qToken, bool allowPrefix)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (_byToken.ContainsKey(qToken))
        {
            result[qToken] = 1.0;
        }
        if (allowPrefix)
        {
            foreach (var t in _tokens.GetViewBetween(qToken, qToken + '\uffff'))
            {
                result.TryAdd(t, 0.85);
            }
        }
        var tolerance = NameKey.Tolerance(qToken.Length);
        for (var len = qToken.Length - tolerance; len <= qToken.Length + tolerance && tolerance > 0; len++)
        {
            if (!_tokensByLength.TryGetValue(len, out var sameLength))
            {
                continue;
            }
            foreach (var t in sameLength)
            {
                if (result.ContainsKey(t))
                {
                    continue;
                }
                var d = NameKey.BoundedDistance(qToken, t, tolerance);
                if (d <= tolerance)
                {
                    result[t] = d == 1 ? 0.75 : 0.6;
                }
            }
        }
        return result;
    }

    private void AddUnlocked(Patient p)
    {
        if (p.Voided)
        {
            return;
        }
        var entry = new Entry(p, NameKey.Tokens(p.Name), _slots.Count);
        _slots.Add(entry);
        _byId[p.Id] = entry;
        _byRm[p.Rm] = entry;
        if (p.Nik is { } nik)
        {
            _byNik[nik] = entry;
            _numbers.Add(nik);
        }
        if (p.BpjsNumber is { } bpjs)
        {
            _byBpjs[bpjs] = entry;
            _numbers.Add(bpjs);
        }
        if (!_byFamily.TryGetValue(p.FamilyNumber, out var family))
        {
            _byFamily[p.FamilyNumber] = family = [];
        }
        family.Add(entry);
        foreach (var token in entry.Tokens.Distinct())
        {
            if (!_byToken.TryGetValue(token, out var list))
            {
                _byToken[token] = list = [];
                _tokens.Add(token);
                if (!_tokensByLength.TryGetValue(token.Length, out var byLength))
                {
                    _tokensByLength[token.Length] = byLength = [];
                }
                byLength.Add(token);
            }
            list.Add(entry.Slot);
        }
    }

    private void RemoveUnlocked(Entry entry)
    {
        var p = entry.Patient;
        _slots[entry.Slot] = null;
        _byId.Remove(p.Id);
        _byRm.Remove(p.Rm);
        if (p.Nik is { } nik && _byNik.Remove(nik))
        {
            _numbers.Remove(nik);
        }
        if (p.BpjsNumber is { } bpjs && _byBpjs.Remove(bpjs))
        {
            _numbers.Remove(bpjs);
        }
        if (_byFamily.TryGetValue(p.FamilyNumber, out var family))
        {
            family.Remove(entry);
        }
        foreach (var token in entry.Tokens.Distinct())
        {
            if (_byToken.TryGetValue(token, out var list))
            {
                list.Remove(entry.Slot);
                if (list.Count == 0)
                {
                    _byToken.Remove(token);
                    _tokens.Remove(token);
                    _tokensByLength[token.Length].Remove(token);
                }
            }
        }
    }

    private sealed class Entry(Patient patient, string[] tokens, int slot)
    {
        public Patient Patient { get; } = patient;
        public string[] Tokens { get; } = tokens;
        public int Slot { get; } = slot;
    }
}
