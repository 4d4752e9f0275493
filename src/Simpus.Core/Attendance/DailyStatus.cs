using System.Globalization;

namespace Simpus.Core.Attendance;

/// <summary>
/// Lateness (TL) and early-departure (PSW) bands: minutes 1..Band1Max → 1, ..Band2Max → 2, ..Band3Max → 3, more → 4.
/// A missing clock record counts as band 4. Defaults 30/60/90 (DOMAIN: 1–30, 31–60, 61–90, ≥91); districts set their own.
/// </summary>
public sealed record LatenessBands(int Band1Max, int Band2Max, int Band3Max)
{
    public static readonly LatenessBands Default = new(30, 60, 90);

    public int BandOf(int minutes) =>
        minutes <= 0 ? 0 : minutes <= Band1Max ? 1 : minutes <= Band2Max ? 2 : minutes <= Band3Max ? 3 : 4;

    public bool IsValid => Band1Max >= 1 && Band2Max > Band1Max && Band3Max > Band2Max && Band3Max <= 24 * 60;

    /// <summary>"30,60,90" → bands; null when the text is not three increasing positive numbers.</summary>
    public static LatenessBands? Parse(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }
        var n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var bands = new LatenessBands(n[0], n[1], n[2]);
        return bands.IsValid ? bands : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Band1Max},{Band2Max},{Band3Max}");
}

/// <summary>One planned duty: local wall-clock start and end (end after start; a night shift ends the next day).</summary>
public sealed record Duty(DateOnly Date, DateTime Start, DateTime End, string? Label = null)
{
    public DateTime Midpoint => Start + (End - Start) / 2;
}

/// <summary>Absence codes the head enters, and their Indonesian names.</summary>
public static class AbsenceCodes
{
    public const string Sakit = "S";
    public const string Izin = "I";
    public const string Cuti = "C";
    public const string DinasLuar = "DL";
    public const string TugasBelajar = "TB";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Sakit] = "Sakit",
        [Izin] = "Izin",
        [Cuti] = "Cuti",
        [DinasLuar] = "Dinas luar",
        [TugasBelajar] = "Tugas belajar",
    };

    /// <summary>Types of cuti for civil servants (PP 11/2017) plus cuti bersama taken individually.</summary>
    public static readonly IReadOnlyDictionary<string, string> LeaveTypes = new Dictionary<string, string>
    {
        ["tahunan"] = "Cuti tahunan",
        ["besar"] = "Cuti besar",
        ["sakit"] = "Cuti sakit",
        ["melahirkan"] = "Cuti melahirkan",
        ["alasan-penting"] = "Cuti karena alasan penting",
        ["luar-tanggungan"] = "Cuti di luar tanggungan negara",
    };
}

/// <summary>The outcome of one day for one employee.</summary>
public sealed record DayStatus(
    string? Code, bool Working, bool Present, int LateBand, int EarlyBand, int MinutesLate, int MinutesEarly,
    DateTime? Arrival, DateTime? Departure)
{
    public static readonly DayStatus Unknown = new(null, false, false, 0, 0, 0, 0, null, null);
    public static readonly DayStatus DayOff = new("L", false, false, 0, 0, 0, 0, null, null);

    public bool Late => LateBand > 0;

    public bool LeftEarly => EarlyBand > 0;
}

/// <summary>
/// The daily status rules (pure). Order: outside the active period or in the future → no code; no duty (holiday, day off)
/// → L; an absence entered by the head → its code; no punch → TK; otherwise the first punch is the arrival and the last the
/// departure, compared with the duty: H, TLn, PSWn or "TLn/PSWm". A single punch is the arrival (so the departure is missing:
/// PSW4) — unless it lies in the second half of an ended duty, then it is the departure and the arrival is missing (TL4).
/// Today is not final: without a punch it stays empty, and a missing departure is not marked until the day is over.
/// </summary>
public static class DailyStatusRules
{
    public static DayStatus Evaluate(Duty? duty, bool active, string? absenceCode, IReadOnlyList<DateTime> punches,
        DateOnly date, DateTime nowLocal, LatenessBands bands)
    {
        if (!active || date > DateOnly.FromDateTime(nowLocal))
        {
            return DayStatus.Unknown;
        }
        if (duty is null)
        {
            return DayStatus.DayOff;
        }
        if (absenceCode is not null)
        {
            return new DayStatus(absenceCode, true, false, 0, 0, 0, 0, null, null);
        }
        var ended = nowLocal >= duty.End;
        // Today is not final: the log of the day may not be imported yet, so no TK and no missing departure until tomorrow.
        var final = ended && date < DateOnly.FromDateTime(nowLocal);
        var sorted = punches.Distinct().Order().ToList();
        if (sorted.Count == 0)
        {
            return final ? new DayStatus("TK", true, false, 0, 0, 0, 0, null, null) : DayStatus.Unknown;
        }

        DateTime? arrival = sorted[0];
        DateTime? departure = sorted.Count > 1 ? sorted[^1] : null;
        if (sorted.Count == 1 && ended && sorted[0] >= duty.Midpoint)
        {
            departure = sorted[0];
            arrival = null;
        }

        var minutesLate = arrival is { } a ? Math.Max(0, (int)Math.Floor((a - duty.Start).TotalMinutes)) : 0;
        var lateBand = arrival is null ? 4 : bands.BandOf(minutesLate);
        var minutesEarly = departure is { } d ? Math.Max(0, (int)Math.Floor((duty.End - d).TotalMinutes)) : 0;
        var earlyBand = departure is null ? (final ? 4 : 0) : bands.BandOf(minutesEarly);

        return new DayStatus(Compose(lateBand, earlyBand), true, true, lateBand, earlyBand, minutesLate, minutesEarly, arrival, departure);
    }

    public static string Compose(int lateBand, int earlyBand) => (lateBand, earlyBand) switch
    {
        (0, 0) => "H",
        (> 0, 0) => "TL" + lateBand.ToString(CultureInfo.InvariantCulture),
        (0, > 0) => "PSW" + earlyBand.ToString(CultureInfo.InvariantCulture),
        _ => "TL" + lateBand.ToString(CultureInfo.InvariantCulture) + "/PSW" + earlyBand.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Gives each punch to the duty it belongs to: the duty whose [start, end] is nearest (a punch inside a duty has distance 0),
/// if within <see cref="MaxDistance"/>. So the 06:55 departure of a 21:00–07:00 night shift belongs to the duty that started
/// the evening before, and a punch on a day off far from any duty is ignored.
/// </summary>
public static class PunchAttribution
{
    public static readonly TimeSpan MaxDistance = TimeSpan.FromHours(6);

    public static Dictionary<DateOnly, List<DateTime>> Assign(IReadOnlyList<Duty> duties, IEnumerable<DateTime> punches)
    {
        var result = new Dictionary<DateOnly, List<DateTime>>();
        foreach (var p in punches)
        {
            Duty? best = null;
            var bestDistance = TimeSpan.MaxValue;
            foreach (var duty in duties)
            {
                var distance = p < duty.Start ? duty.Start - p : p > duty.End ? p - duty.End : TimeSpan.Zero;
                if (distance < bestDistance)
                {
                    best = duty;
                    bestDistance = distance;
                }
            }
            if (best is not null && bestDistance <= MaxDistance)
            {
                if (!result.TryGetValue(best.Date, out var list))
                {
                    result[best.Date] = list = [];
                }
                list.Add(p);
            }
        }
        return result;
    }
}
