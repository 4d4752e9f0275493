using System.Globalization;
using Simpus.Core.Common;

namespace Simpus.Core.Examinations;

/// <summary>Plausible ranges for vital signs at a puskesmas (newborn to adult); outside them the value is almost surely a typing error.</summary>
public static class VitalSigns
{
    public sealed record Range(string Field, string Label, string Unit, double Min, double Max);

    public static readonly Range Systolic = new("systolic", "Tekanan darah sistolik", "mmHg", 50, 260);
    public static readonly Range Diastolic = new("diastolic", "Tekanan darah diastolik", "mmHg", 30, 160);
    public static readonly Range Pulse = new("pulse", "Nadi", "x/menit", 30, 220);
    public static readonly Range Respiration = new("respiration", "Frekuensi napas", "x/menit", 6, 80);
    public static readonly Range Temperature = new("temperature", "Suhu tubuh", "°C", 32, 43);
    public static readonly Range Weight = new("weight", "Berat badan", "kg", 0.5, 250);
    public static readonly Range Height = new("height", "Tinggi badan", "cm", 30, 230);

    public static void Check(Vitals vitals, Validation v)
    {
        Within(v, Systolic, vitals.Systolic);
        Within(v, Diastolic, vitals.Diastolic);
        Within(v, Pulse, vitals.Pulse);
        Within(v, Respiration, vitals.Respiration);
        Within(v, Temperature, vitals.Temperature);
        Within(v, Weight, vitals.Weight);
        Within(v, Height, vitals.Height);
        if (vitals is { Systolic: { } s, Diastolic: { } d } && d >= s && !v.Has("vitals.systolic") && !v.Has("vitals.diastolic"))
        {
            v.Add("vitals.diastolic", "vitals.diastolic.aboveSystolic", "Tekanan diastolik harus lebih rendah dari sistolik.");
        }
        if ((vitals.Systolic is null) != (vitals.Diastolic is null))
        {
            v.Add(vitals.Systolic is null ? "vitals.systolic" : "vitals.diastolic", "vitals.bloodPressure.pair", "Tekanan darah diisi lengkap: sistolik dan diastolik.");
        }
    }

    private static void Within(Validation v, Range r, double? value)
    {
        if (value is not { } x)
        {
            return;
        }
        if (double.IsNaN(x) || x < r.Min || x > r.Max)
        {
            var min = r.Min.ToString("0.#", Cultures.Indonesian);
            var max = r.Max.ToString("0.#", Cultures.Indonesian);
            v.Add("vitals." + r.Field, $"vitals.{r.Field}.range",
                $"{r.Label} {x.ToString("0.#", Cultures.Indonesian)} {r.Unit} tidak masuk akal; harus {min}–{max} {r.Unit}.");
        }
    }
}
