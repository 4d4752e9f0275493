using Simpus.Core.Common;

namespace Simpus.District.Hosting;

/// <summary>The <c>Simpus:District</c> section: when reports are due and the office's time zone.</summary>
public sealed class DistrictOptions
{
    public const string Section = "Simpus:District";

    /// <summary>Reports are on time when first received by this day of the following month (default the 10th).</summary>
    public int DueDay { get; set; } = 10;

    /// <summary>The Dinas Kesehatan's time zone (WIB, WITA or WIT): decides "on time" and "future period".</summary>
    public string TimeZone { get; set; } = "WIB";

    /// <summary>Paper the district workbook is laid out for: <c>A4</c> or <c>F4</c> (folio 215 × 330 mm).</summary>
    public string Paper { get; set; } = "A4";

    public bool IsValid() => DueDay is >= 1 and <= 28 && TimeZones.Codes.Contains(TimeZone) && Paper is "A4" or "F4";
}
