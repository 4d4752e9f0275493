using System.Globalization;
using System.Runtime.InteropServices;

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
/// What the index keeps of a live patient: the name (words and tie-break), sex and birth date for ranking and duplicates,
/// and what narrows a search by place and family (family, relation to its head, desa/kelurahan code, RT, RW, address words).
/// </summary>
public readonly record struct IndexedPatient(
    long Id, string Name, string Sex, DateOnly BirthDate, long FamilyId = 0, string? Relation = null,
    string? RegionCode = null, string? Rt = null, string? Rw = null, string? Address = null)
{
    public static IndexedPatient Of(Patient p) =>
        new(p.Id, p.Name, p.Sex, p.BirthDate, p.FamilyNumber, p.Relation, p.RegionCode, p.Rt, p.Rw, p.Address);
}

/// <summary>A patient found in the index: its id, how it was found (<c>name</c>, <c>name+alamat</c>, <c>family</c>), score and match kind.</summary>
public readonly record struct IndexHit(long Id, string MatchedBy, double Score, string Match);

/// <summary>
/// In-memory index of live (not voided) patients for the desk's one search box: names (partial, case-insensitive, spelling-
/// and typo-tolerant, optionally with a birth year), narrowed by RT/RW, village, address words and the family head's name
/// (<see cref="PatientSearchIndex"/>.Context.cs). Numbers (No. RM, NIK, BPJS) are found in the database by its unique
/// indexes instead, and hits are read from the database (<see cref="PatientFinder"/>), so the index holds only what
/// ranking and narrowing need, compactly: one struct per patient in an array (id, family, birth date, sex, relation,
/// desa code id, RT and RW as small numbers), each distinct folded word once (an int id), the word ids of every name
/// followed by its address's in one int pool, postings (names only) as int lists. Loaded once and kept current by
/// <see cref="PatientService"/> after each committed change.
/// </summary>
public sealed partial class PatientSearchIndex
{
    private readonly ReaderWriterLockSlim _lock = new();

    // One slot per indexed patient, never reused (a changed patient gets a new slot; the old one is marked dead).
    private Slot[] _slots = new Slot[1024];
    private string?[] _names = new string?[1024];
    private int _slotCount;
    private int[] _wordPool = new int[4096];
    private int _wordPoolCount;
    private readonly Dictionary<long, int> _slotById = [];

    // Distinct folded words (of names and addresses): id -> text, text -> id. Name words also have postings (the slots
    // holding them), a place in the sorted set (prefixes) and in the lists by length (typos); address words have none.
    private readonly Dictionary<string, int> _wordIds = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private readonly List<List<int>?> _postings = [];
    private readonly SortedSet<string> _sortedWords = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<int>> _wordsByLength = [];

    [StructLayout(LayoutKind.Auto)]
    private struct Slot
    {
        public long Id;
        public long Family;
        public int WordStart;
        public int BirthDay;
        /// <summary>The next live slot of the same family (higher slot), or -1.</summary>
        public int NextInFamily;
        /// <summary>1 + index in the desa/kelurahan codes seen; 0 when none.</summary>
        public int Region;
        public short BirthYear;
        /// <summary>RT/RW 1–999; 0 when none.</summary>
        public short Rt;
        public short Rw;
        public byte WordCount;
        public byte AddressCount;
        /// <summary>1 + index in the relation names seen; 0 when none.</summary>
        public byte Relation;
        public bool Female;
        public bool Live;
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _slotById.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>Adds the patients; <paramref name="expected"/> (their number, if known) sizes the arrays once instead of by doubling.</summary>
    public void Load(IEnumerable<IndexedPatient> patients, int expected = 0)
    {
        _lock.EnterWriteLock();
        try
        {
            if (expected > _slots.Length - _slotCount)
            {
                var capacity = _slotCount + expected + expected / 32;
                Array.Resize(ref _slots, capacity);
                Array.Resize(ref _names, capacity);
            }
            foreach (var p in patients)
            {
                AddUnlocked(p);
            }
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>Adds or replaces a patient; a voided patient leaves the index.</summary>
    public void Upsert(IndexedPatient patient, bool voided)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_slotById.TryGetValue(patient.Id, out var old))
            {
                RemoveUnlocked(old);
            }
            if (!voided)
            {
                AddUnlocked(patient);
            }
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>
    /// A text query (no number, no No. RM): RT/RW or a relation word narrow at once (<c>siti rt 3</c>, <c>anak budi
    /// santoso</c>); otherwise the name as typed, and only when that finds nothing or only similar hits, the words split
    /// into name and place/family words (<c>siti dukuh</c>). Best first.
    /// </summary>
    public IReadOnlyList<IndexHit> Search(string text, int limit = 20)
    {
        if (limit <= 0 || string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var parsed = SearchQuery.Parse(text);
        _lock.EnterReadLock();
        try
        {
            if (parsed.HasContext)
            {
                return SearchWithContext(parsed, limit);
            }
            var byName = SearchNameUnlocked(text, limit);
            return byName.Count > 0 && byName[0].Match != SearchMatch.Similar || parsed.Words.Count < 2
                ? byName
                : Merge(SearchWithContext(parsed, limit), byName, limit);
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// Patients whose name matches every query word (exact, prefix, or within 1–2 typos by word length), best first;
    /// a 4-digit word is a birth year (±1, exact year ranks higher).
    /// </summary>
    public IReadOnlyList<IndexHit> SearchName(string query, int limit)
    {
        _lock.EnterReadLock();
        try { return SearchNameUnlocked(query, limit); }
        finally { _lock.ExitReadLock(); }
    }

    private List<IndexHit> SearchNameUnlocked(string query, int limit)
    {
        int? year = null;
        var words = new List<string>();
        foreach (var w in query.Split(' ', StringSplitOptions.RemoveEmptyEntries))
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
        var qWords = NameKey.Tokens(string.Join(' ', words));
        if (qWords.Length == 0 || limit <= 0)
        {
            return [];
        }
        var matches = qWords.Select(t => MatchWords(t, allowPrefix: true)).ToArray();
        var top = new PriorityQueue<(int Slot, double Score, double Weakest), (double, string)>(Comparer<(double, string)>.Create((a, b) =>
        {
            // The queue's head is the worst hit kept so far: lowest score, then the name last in order.
            var byScore = a.Item1.CompareTo(b.Item1);
            return byScore != 0 ? byScore : -string.CompareOrdinal(a.Item2, b.Item2);
        }));
        foreach (var slot in Candidates(matches))
        {
            if (Score(slot, matches, out var weakest) is not { } score)
            {
                continue;
            }
            ref readonly var s = ref _slots[slot];
            if (year is { } y)
            {
                var diff = Math.Abs(s.BirthYear - y);
                if (diff > 1)
                {
                    continue;
                }
                score += diff == 0 ? 0.1 : 0;
            }
            if (s.WordCount == qWords.Length)
            {
                score += 0.05;
            }
            var key = (score, _names[slot]!);
            if (top.Count < limit)
            {
                top.Enqueue((slot, score, weakest), key);
            }
            else if (top.TryPeek(out _, out var worst) && top.Comparer.Compare(key, worst) > 0)
            {
                top.DequeueEnqueue((slot, score, weakest), key);
            }
        }
        var list = new List<IndexHit>(top.Count);
        while (top.Count > 0)
        {
            var (slot, score, weakest) = top.Dequeue();
            list.Add(new IndexHit(_slots[slot].Id, "name", Math.Round(score, 3), SearchMatch.Of(weakest)));
        }
        list.Reverse();
        return list;
    }

    /// <summary>Live patients whose name is like <paramref name="name"/> (every word matches, allowing spelling variants and typos), same sex, birth year ±1; best first.</summary>
    public IReadOnlyList<IndexHit> FindSimilar(string name, string sex, int birthYear, long? exceptId = null, int limit = 10)
    {
        var qWords = NameKey.Tokens(name);
        if (qWords.Length == 0)
        {
            return [];
        }
        var female = sex == "P";
        _lock.EnterReadLock();
        try
        {
            var matches = qWords.Select(t => MatchWords(t, allowPrefix: false)).ToArray();
            var result = new List<(IndexHit Hit, string Name)>();
            foreach (var slot in Candidates(matches))
            {
                ref readonly var s = ref _slots[slot];
                if (s.Female != female || Math.Abs(s.BirthYear - birthYear) > 1 || s.Id == exceptId)
                {
                    continue;
                }
                if (Score(slot, matches, out var weakest) is not { } score || Math.Abs(s.WordCount - qWords.Length) > 1)
                {
                    continue;
                }
                result.Add((new IndexHit(s.Id, "name", Math.Round(score, 3), SearchMatch.Of(weakest)), _names[slot]!));
            }
            return result.OrderByDescending(r => r.Hit.Score).ThenBy(r => r.Name, StringComparer.Ordinal).Take(limit).Select(r => r.Hit).ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// Slots holding a match of every query word: one bitmap over slots per query word (the union of its matching words'
    /// postings), intersected. Tight loops over ints, so common first names stay cheap. Live slots, in slot order.
    /// </summary>
    private List<int> Candidates(Dictionary<int, double>[] matches)
    {
        if (matches.Length == 0 || matches.Any(m => m.Count == 0))
        {
            return [];
        }
        var words = (_slotCount + 63) >> 6;
        ulong[]? result = null;
        foreach (var m in matches.OrderBy(m => m.Keys.Sum(w => _postings[w]!.Count)))
        {
            var bits = new ulong[words];
            foreach (var word in m.Keys)
            {
                foreach (var slot in CollectionsMarshal.AsSpan(_postings[word]))
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
        var slots = new List<int>();
        for (var i = 0; i < result!.Length; i++)
        {
            var word = result[i];
            while (word != 0)
            {
                var slot = (i << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (_slots[slot].Live)
                {
                    slots.Add(slot);
                }
            }
        }
        return slots;
    }

    /// <summary>
    /// Mean of each query word's best match in the name, or null if some word matches nothing; also the weakest word's
    /// match (1 exact, 0.85 prefix, less: typo).
    /// </summary>
    private double? Score(int slot, Dictionary<int, double>[] matches, out double weakest)
    {
        weakest = 1.0;
        var nameWords = NameWords(slot);
        var total = 0.0;
        var lastPosition = -1;
        var inOrder = true;
        foreach (var m in matches)
        {
            var best = 0.0;
            var bestPosition = -1;
            for (var i = 0; i < nameWords.Length; i++)
            {
                if (m.TryGetValue(nameWords[i], out var score) && score > best)
                {
                    best = score;
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

    private ReadOnlySpan<int> NameWords(int slot) => _wordPool.AsSpan(_slots[slot].WordStart, _slots[slot].WordCount);

    private ReadOnlySpan<int> AddressWords(int slot) =>
        _wordPool.AsSpan(_slots[slot].WordStart + _slots[slot].WordCount, _slots[slot].AddressCount);

    /// <summary>Indexed name words matching a query word: exact 1.0, prefix 0.85, one typo 0.75, two typos 0.6.</summary>
    private Dictionary<int, double> MatchWords(string qWord, bool allowPrefix)
    {
        var result = new Dictionary<int, double>();
        if (_wordIds.TryGetValue(qWord, out var exact) && _postings[exact] is { Count: > 0 })
        {
            result[exact] = 1.0;
        }
        if (allowPrefix)
        {
            foreach (var t in _sortedWords.GetViewBetween(qWord, qWord + '\uffff'))
            {
                result.TryAdd(_wordIds[t], 0.85);
            }
        }
        var tolerance = NameKey.Tolerance(qWord.Length);
        for (var len = qWord.Length - tolerance; len <= qWord.Length + tolerance && tolerance > 0; len++)
        {
            if (!_wordsByLength.TryGetValue(len, out var sameLength))
            {
                continue;
            }
            foreach (var id in sameLength)
            {
                if (result.ContainsKey(id))
                {
                    continue;
                }
                var d = NameKey.BoundedDistance(qWord, _words[id], tolerance);
                if (d <= tolerance)
                {
                    result[id] = d == 1 ? 0.75 : 0.6;
                }
            }
        }
        return result;
    }

    private void AddUnlocked(IndexedPatient p)
    {
        var words = Truncated(NameKey.Tokens(p.Name));
        var address = p.Address is { } text ? Truncated(NameKey.Tokens(text)) : [];
        if (_slotCount == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _names, _names.Length * 2);
        }
        var needed = words.Length + address.Length;
        if (_wordPoolCount + needed > _wordPool.Length)
        {
            // Grown by half: the pool is the index's largest array, and doubling it would leave up to half of it unused.
            Array.Resize(ref _wordPool, Math.Max(_wordPool.Length + _wordPool.Length / 2, _wordPoolCount + needed));
        }
        var slot = _slotCount++;
        var start = _wordPoolCount;
        _slots[slot] = new Slot
        {
            Id = p.Id,
            Family = p.FamilyId,
            WordStart = start,
            WordCount = (byte)words.Length,
            AddressCount = (byte)address.Length,
            BirthDay = p.BirthDate.DayNumber,
            BirthYear = (short)p.BirthDate.Year,
            Female = p.Sex == "P",
            Relation = RelationId(p.Relation),
            Region = RegionId(p.RegionCode),
            Rt = SmallNumber(p.Rt),
            Rw = SmallNumber(p.Rw),
            NextInFamily = -1,
            Live = true,
        };
        _names[slot] = p.Name;
        _slotById[p.Id] = slot;
        foreach (var word in words)
        {
            var id = WordId(word, name: true);
            if (!_wordPool.AsSpan(start, _wordPoolCount - start).Contains(id))
            {
                _postings[id]!.Add(slot);
            }
            _wordPool[_wordPoolCount++] = id;
        }
        foreach (var word in address)
        {
            _wordPool[_wordPoolCount++] = WordId(word, name: false);
        }
        LinkFamily(slot);
    }

    private static string[] Truncated(string[] words) => words.Length > byte.MaxValue ? words[..byte.MaxValue] : words;

    /// <summary>The id of a folded word; a name word also enters the lists name searches walk (an address word does not).</summary>
    private int WordId(string word, bool name)
    {
        if (!_wordIds.TryGetValue(word, out var id))
        {
            id = _words.Count;
            _words.Add(word);
            _wordIds[word] = id;
            _postings.Add(null);
        }
        if (name && _postings[id] is null)
        {
            _postings[id] = [];
            _sortedWords.Add(word);
            if (!_wordsByLength.TryGetValue(word.Length, out var byLength))
            {
                _wordsByLength[word.Length] = byLength = [];
            }
            byLength.Add(id);
        }
        return id;
    }

    private void RemoveUnlocked(int slot)
    {
        UnlinkFamily(slot);
        ref var s = ref _slots[slot];
        s.Live = false;
        _slotById.Remove(s.Id);
        _names[slot] = null;
        foreach (var id in NameWords(slot).ToArray().Distinct())
        {
            if (_postings[id] is { } list)
            {
                // Postings grow in slot order, so they are sorted.
                var at = list.BinarySearch(slot);
                if (at >= 0)
                {
                    list.RemoveAt(at);
                }
                if (list.Count == 0)
                {
                    // The word stays known (its id is kept, addresses may use it) but leaves the lists searches walk.
                    _postings[id] = null;
                    _sortedWords.Remove(_words[id]);
                    _wordsByLength[_words[id].Length].Remove(id);
                }
            }
        }
    }

    /// <summary>1–999 as typed (<c>003</c>); 0 for none or anything else.</summary>
    private static short SmallNumber(string? text) =>
        short.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 999 ? n : (short)0;
}
