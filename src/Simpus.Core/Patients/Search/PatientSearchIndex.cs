using System.Globalization;
using System.Runtime.InteropServices;

namespace Simpus.Core.Patients.Search;

/// <summary>A search result: the patient and what matched.</summary>
public sealed record SearchHit(Patient Patient, string MatchedBy, double Score);

/// <summary>What the name index keeps of a live patient: the id, the name (words and tie-break), sex and birth year.</summary>
public readonly record struct IndexedName(long Id, string Name, string Sex, int BirthYear);

/// <summary>A patient found by name: its id and score (the caller reads the patient itself from the database).</summary>
public readonly record struct NameHit(long Id, double Score);

/// <summary>
/// In-memory index of live (not voided) patients' names for the desk's one search box: partial, case-insensitive,
/// spelling- and typo-tolerant, optionally with a birth year. Numbers (No. RM, NIK, BPJS) are found in the database by
/// its unique indexes instead, and hits are read from the database, so the index holds only what ranking needs, compactly:
/// one struct per patient in an array, each distinct folded word once (an int id), word ids of all names in one int pool,
/// postings as int lists. Loaded once and kept current by <see cref="PatientService"/> after each committed change.
/// </summary>
public sealed class PatientSearchIndex
{
    private readonly ReaderWriterLockSlim _lock = new();

    // One slot per indexed name, never reused (a changed patient gets a new slot; the old one is marked dead).
    private Slot[] _slots = new Slot[1024];
    private string?[] _names = new string?[1024];
    private int _slotCount;
    private int[] _wordPool = new int[4096];
    private int _wordPoolCount;
    private readonly Dictionary<long, int> _slotById = [];

    // Distinct folded words: id -> text and postings (slots holding the word), text -> id, sorted texts for prefixes.
    private readonly Dictionary<string, int> _wordIds = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private readonly List<List<int>?> _postings = [];
    private readonly SortedSet<string> _sortedWords = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<int>> _wordsByLength = [];

    [StructLayout(LayoutKind.Auto)]
    private struct Slot
    {
        public long Id;
        public int WordStart;
        public short BirthYear;
        public byte WordCount;
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

    public void Load(IEnumerable<IndexedName> patients)
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

    /// <summary>Adds or replaces a patient's name; a voided patient leaves the index.</summary>
    public void Upsert(IndexedName patient, bool voided)
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
    /// Patients whose name matches every query word (exact, prefix, or within 1–2 typos by word length), best first;
    /// a 4-digit word is a birth year (±1, exact year ranks higher).
    /// </summary>
    public IReadOnlyList<NameHit> SearchName(string query, int limit)
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
        _lock.EnterReadLock();
        try
        {
            var matches = qWords.Select(t => MatchWords(t, allowPrefix: true)).ToArray();
            var top = new PriorityQueue<(int Slot, double Score), (double, string)>(Comparer<(double, string)>.Create((a, b) =>
            {
                // The queue's head is the worst hit kept so far: lowest score, then the name last in order.
                var byScore = a.Item1.CompareTo(b.Item1);
                return byScore != 0 ? byScore : -string.CompareOrdinal(a.Item2, b.Item2);
            }));
            foreach (var slot in Candidates(matches))
            {
                if (Score(slot, matches) is not { } score)
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
                    top.Enqueue((slot, score), key);
                }
                else if (top.TryPeek(out _, out var worst) && top.Comparer.Compare(key, worst) > 0)
                {
                    top.DequeueEnqueue((slot, score), key);
                }
            }
            var list = new List<NameHit>(top.Count);
            while (top.Count > 0)
            {
                var (slot, score) = top.Dequeue();
                list.Add(new NameHit(_slots[slot].Id, Math.Round(score, 3)));
            }
            list.Reverse();
            return list;
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Live patients whose name is like <paramref name="name"/> (every word matches, allowing spelling variants and typos), same sex, birth year ±1; best first.</summary>
    public IReadOnlyList<NameHit> FindSimilar(string name, string sex, int birthYear, long? exceptId = null, int limit = 10)
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
            var result = new List<(NameHit Hit, string Name)>();
            foreach (var slot in Candidates(matches))
            {
                ref readonly var s = ref _slots[slot];
                if (s.Female != female || Math.Abs(s.BirthYear - birthYear) > 1 || s.Id == exceptId)
                {
                    continue;
                }
                if (Score(slot, matches) is not { } score || Math.Abs(s.WordCount - qWords.Length) > 1)
                {
                    continue;
                }
                result.Add((new NameHit(s.Id, Math.Round(score, 3)), _names[slot]!));
            }
            return result.OrderByDescending(r => r.Hit.Score).ThenBy(r => r.Name, StringComparer.Ordinal).Take(limit).Select(r => r.Hit).ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// Slots holding a match of every query word: one bitmap over slots per query word (the union of its matching words'
    /// postings), intersected. Tight loops over ints, so common first names stay cheap.
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

    /// <summary>Mean of each query word's best match in the name, or null if some word matches nothing.</summary>
    private double? Score(int slot, Dictionary<int, double>[] matches)
    {
        ref readonly var s = ref _slots[slot];
        var nameWords = _wordPool.AsSpan(s.WordStart, s.WordCount);
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
        }
        return total / matches.Length + (inOrder ? 0.02 : 0);
    }

    /// <summary>Indexed words matching a query word: exact 1.0, prefix 0.85, one typo 0.75, two typos 0.6.</summary>
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

    private void AddUnlocked(IndexedName p)
    {
        var words = NameKey.Tokens(p.Name);
        if (words.Length > byte.MaxValue)
        {
            words = words[..byte.MaxValue];
        }
        if (_slotCount == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _names, _names.Length * 2);
        }
        if (_wordPoolCount + words.Length > _wordPool.Length)
        {
            Array.Resize(ref _wordPool, Math.Max(_wordPool.Length * 2, _wordPoolCount + words.Length));
        }
        var slot = _slotCount++;
        _slots[slot] = new Slot
        {
            Id = p.Id,
            WordStart = _wordPoolCount,
            WordCount = (byte)words.Length,
            BirthYear = (short)Math.Clamp(p.BirthYear, short.MinValue, short.MaxValue),
            Female = p.Sex == "P",
            Live = true,
        };
        _names[slot] = p.Name;
        _slotById[p.Id] = slot;
        var previous = -1;
        foreach (var word in words)
        {
            var id = WordId(word);
            _wordPool[_wordPoolCount++] = id;
            if (id != previous && !_wordPool.AsSpan(_slots[slot].WordStart, _wordPoolCount - 1 - _slots[slot].WordStart).Contains(id))
            {
                _postings[id]!.Add(slot);
            }
            previous = id;
        }
    }

    private int WordId(string word)
    {
        if (_wordIds.TryGetValue(word, out var id))
        {
            if (_postings[id] is null)
            {
                _postings[id] = [];
                _sortedWords.Add(word);
                _wordsByLength[word.Length].Add(id);
            }
            return id;
        }
        id = _words.Count;
        _words.Add(word);
        _wordIds[word] = id;
        _postings.Add([]);
        _sortedWords.Add(word);
        if (!_wordsByLength.TryGetValue(word.Length, out var byLength))
        {
            _wordsByLength[word.Length] = byLength = [];
        }
        byLength.Add(id);
        return id;
    }

    private void RemoveUnlocked(int slot)
    {
        ref var s = ref _slots[slot];
        s.Live = false;
        _slotById.Remove(s.Id);
        _names[slot] = null;
        foreach (var id in _wordPool.AsSpan(s.WordStart, s.WordCount).ToArray().Distinct())
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
                    // The word stays known (its id is kept) but leaves the lists searches walk.
                    _postings[id] = null;
                    _sortedWords.Remove(_words[id]);
                    _wordsByLength[_words[id].Length].Remove(id);
                }
            }
        }
    }
}
