using Simpus.Core.Common;
using Simpus.Exchange;

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

    // The caps of one package, sized from the demo puskesmas' real month (1,333 values, 143 drugs, 71 LB1 codes, 218 KB) and a
    // large puskesmas extrapolated from it (about 7,500 values: 300 drugs × 13 LPLPO values, 400 codes), with room to spare.

    /// <summary>Largest package file accepted, in bytes (body of <c>POST /api/packages</c>, each uploaded file).</summary>
    public long MaxPackageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most <c>values</c> one package may carry.</summary>
    public int MaxPackageValues { get; set; } = 20_000;

    /// <summary>Most drugs one package (schema 2) may name, in <c>drugs</c> and in the <c>drug</c> of its LPLPO values: rows of the LPLPO recap.</summary>
    public int MaxPackageDrugs { get; set; } = 1_000;

    /// <summary>Most distinct LB1 diagnosis codes one package may carry: rows of the LB1 sheets.</summary>
    public int MaxPackageLb1Codes { get; set; } = 1_000;

    /// <summary>Most values outside LB1 and the pharmacy one package may carry: rows of the report sheets (Kunjungan … Lainnya).</summary>
    public int MaxPackageReportRows { get; set; } = 1_000;

    /// <summary>
    /// How far a revision may jump: the first revision of a puskesmas and month is at most this, a later one at most the
    /// current revision plus this (so a revision near <see cref="int.MaxValue"/> that nothing could supersede is refused).
    /// </summary>
    public int MaxRevisionStep { get; set; } = 50;

    public PackageLimits Limits => new(MaxPackageBytes, MaxPackageValues, MaxPackageDrugs, MaxPackageLb1Codes, MaxPackageReportRows);

    public bool IsValid() => DueDay is >= 1 and <= 28 && TimeZones.Codes.Contains(TimeZone) && Paper is "A4" or "F4"
        && Limits.IsValid() && MaxPackageBytes <= 256 * 1024 * 1024 && MaxRevisionStep is >= 1 and <= 10_000;
}
