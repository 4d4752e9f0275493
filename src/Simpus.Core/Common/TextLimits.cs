namespace Simpus.Core.Common;

/// <summary>
/// The longest text each field may hold, by its API (JSON) name; one table for validation, the OpenAPI schema and the
/// database's CHECK constraints. Fields not named here hold <see cref="Default"/> characters. Text never carries control
/// characters other than tab and line breaks (and those only in free-text fields).
/// </summary>
public static class TextLimits
{
    /// <summary>Names, codes, short labels.</summary>
    public const int Default = 200;

    /// <summary>Free text written by clinicians (anamnesis, findings, notes).</summary>
    public const int FreeText = 4000;

    /// <summary>One or two sentences (complaint, reason).</summary>
    public const int Sentence = 1000;

    private static readonly Dictionary<string, int> ByField = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = 120,
        ["fullName"] = 120,
        ["sip"] = 60,
        ["address"] = 300,
        ["complaint"] = Sentence,
        ["reason"] = Sentence,
        ["voidReason"] = Sentence,
        ["cancelReason"] = Sentence,
        ["outcome"] = Sentence,
        ["purpose"] = Sentence,
        ["destination"] = 300,
        ["url"] = 500,
        ["history"] = FreeText,
        ["anamnesis"] = FreeText,
        ["physicalExam"] = FreeText,
        ["findings"] = FreeText,
        ["therapy"] = FreeText,
        ["note"] = FreeText,
        ["notes"] = FreeText,
        ["response"] = FreeText,
        ["riskFactors"] = Sentence,
        ["dose"] = 300,
        ["letterhead"] = Sentence,
    };

    private static readonly HashSet<string> MultiLine = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "complaint", "reason", "voidReason", "cancelReason", "outcome", "purpose", "history", "anamnesis",
        "physicalExam", "findings", "therapy", "note", "notes", "response", "riskFactors", "letterhead",
    };

    /// <summary>The limit of a field, by its JSON name.</summary>
    public static int For(string field) => ByField.TryGetValue(field, out var max) ? max : Default;

    /// <summary>Why a value cannot be stored in the field (an Indonesian message), or null when it can.</summary>
    public static string? Problem(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }
        var max = For(field);
        if (value.Length > max)
        {
            return $"Isian terlalu panjang: paling banyak {max} karakter (sekarang {value.Length}).";
        }
        var lines = MultiLine.Contains(field);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\n' or '\r' or '\t' && lines)
            {
                continue;
            }
            if (char.IsControl(c))
            {
                return "Isian memuat karakter kendali yang tidak boleh disimpan (mis. NUL atau pindah baris).";
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return "Isian memuat karakter Unicode yang rusak.";
            }
        }
        return null;
    }
}
