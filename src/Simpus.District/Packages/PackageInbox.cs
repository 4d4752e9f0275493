using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.District.Hosting;
using Microsoft.Extensions.Options;
using Simpus.District.Registry;
using Simpus.Exchange;

namespace Simpus.District.Packages;

public static class ReceiveStatus
{
    /// <summary>Stored, and it is now the current revision for its puskesmas and period.</summary>
    public const string Accepted = "accepted";
    /// <summary>This exact package was received before: nothing changed.</summary>
    public const string AlreadyReceived = "alreadyReceived";
    /// <summary>Stored for the record, but a newer revision stays current.</summary>
    public const string OlderRevision = "olderRevision";
}

public sealed record ReceiveResult(string Status, string Message, string PuskesmasCode, string Period, int Revision, int CurrentRevision, long PackageId);

public sealed record ReceivedPackage
{
    public long Id { get; init; }
    public required string PuskesmasCode { get; init; }
    public required string Period { get; init; }
    public int Revision { get; init; }
    public DateTimeOffset GeneratedAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public required string ReceivedVia { get; init; }
    public string? ReceivedBy { get; init; }
    public required string ContentHash { get; init; }
    public int ValueCount { get; init; }
    public bool IsCurrent { get; init; }
}

/// <summary>
/// Receives package files: checks schema, sender and signature and that the period is not in the future, then stores every
/// revision; the highest revision of a puskesmas and period is the current one. Receiving the same file again changes nothing.
/// Revisions follow each other: the first of a puskesmas and period is at most <see cref="DistrictOptions.MaxRevisionStep"/>, a
/// newer one at most the current plus that step; an older one arriving late is kept but never becomes current.
/// </summary>
public sealed class PackageInbox(Database db, PuskesmasRegistry registry, TimeProvider clock, IOptions<DistrictOptions> options)
{
    public const string Columns = """
        id, puskesmas_code AS PuskesmasCode, period, revision, generated_at AS GeneratedAt, received_at AS ReceivedAt,
        received_via AS ReceivedVia, received_by AS ReceivedBy, content_hash AS ContentHash, value_count AS ValueCount, is_current AS IsCurrent
        """;

    /// <summary>Checks and stores; throws <see cref="PackageRejectedException"/> with the reason when refused.</summary>
    public ReceiveResult Receive(ReadOnlySpan<byte> file, string via, string? user)
    {
        var limits = options.Value.Limits;
        if (file.Length > limits.MaxBytes)
        {
            throw PackageStream.TooLarge(limits);
        }
        var signed = PackageCodec.ParseAndVerify(file, registry.KeyOf);
        var package = signed.Package;
        limits.Check(package);
        var step = options.Value.MaxRevisionStep;
        // "Future" anywhere in Indonesia: a clinic in WIT starts its month two hours before a WIB office does.
        var today = TimeZones.LocalDate(clock.GetUtcNow(), "WIT");
        if (package.Period > MonthPeriod.Of(today))
        {
            throw new PackageRejectedException("period.future",
                $"Periode {package.Period} belum berjalan: laporan bulanan hanya untuk bulan ini atau sebelumnya.", PackageRejection.Refused);
        }
        var hash = signed.ContentHash;
        var text = System.Text.Encoding.UTF8.GetString(file);
        var code = package.PuskesmasCode;
        var period = package.Period.ToString();
        return db.InTransaction((c, t) =>
        {
            var same = c.QuerySingleOrDefault<ReceivedPackage>(
                $"SELECT {Columns} FROM packages WHERE puskesmas_code = @code AND period = @period AND revision = @Revision",
                new { code, period, package.Revision }, t);
            var current = c.ExecuteScalar<int?>(
                "SELECT revision FROM packages WHERE puskesmas_code = @code AND period = @period AND is_current = 1", new { code, period }, t);
            if (same is not null)
            {
                if (same.ContentHash != hash)
                {
                    throw new PackageRejectedException("package.revisionConflict",
                        $"Revisi {package.Revision} periode {period} dari {code} sudah diterima dengan isi berbeda. Buat ulang paket agar nomor revisinya naik.",
                        PackageRejection.Refused);
                }
                return new ReceiveResult(ReceiveStatus.AlreadyReceived,
                    $"Paket {code} {period} revisi {package.Revision} sudah diterima sebelumnya; tidak ada yang berubah.",
                    code, period, package.Revision, current ?? package.Revision, same.Id);
            }
            if (current is null && package.Revision > step)
            {
                throw new PackageRejectedException("package.revisionTooHigh",
                    $"Revisi {package.Revision} tidak dapat menjadi revisi pertama periode {period} dari {code}: revisi pertama paling tinggi {step}. "
                    + "Buat ulang paket dari SIMPUS puskesmas; bila tetap ditolak, hubungi Dinas Kesehatan.", PackageRejection.Refused);
            }
            if (current is { } c0 && package.Revision > (long)c0 + step)
            {
                throw new PackageRejectedException("package.revisionTooHigh",
                    $"Revisi {package.Revision} terlalu jauh dari revisi {c0} yang berlaku untuk periode {period} dari {code}: revisi berikutnya paling tinggi {(long)c0 + step}. "
                    + "Buat ulang paket dari SIMPUS puskesmas; bila tetap ditolak, hubungi Dinas Kesehatan.", PackageRejection.Refused);
            }
            var becomesCurrent = current is null || package.Revision > current;
            if (becomesCurrent)
            {
                c.Execute("UPDATE packages SET is_current = 0 WHERE puskesmas_code = @code AND period = @period AND is_current = 1", new { code, period }, t);
            }
            var id = c.ExecuteScalar<long>("""
                INSERT INTO packages (puskesmas_code, period, revision, schema_version, generated_at, received_at, received_via, received_by,
                                      content_hash, value_count, is_current, file)
                VALUES (@code, @period, @Revision, @SchemaVersion, @GeneratedAt, @now, @via, @user, @hash, @count, @becomesCurrent, @text)
                RETURNING id
                """, new
            {
                code, period, package.Revision, package.SchemaVersion, package.GeneratedAt, now = clock.GetUtcNow(), via, user, hash,
                count = package.Values.Count, becomesCurrent, text,
            }, t);
            InsertValues(c, t, id, package.Values);
            foreach (var d in package.Drugs)
            {
                c.Execute("INSERT INTO package_drugs (package_id, code, name, unit, fornas_class) VALUES (@id, @Code, @Name, @Unit, @FornasClass)",
                    new { id, d.Code, d.Name, d.Unit, d.FornasClass }, t);
            }
            return becomesCurrent
                ? new ReceiveResult(ReceiveStatus.Accepted,
                    current is null
                        ? $"Paket {code} {period} revisi {package.Revision} diterima ({package.Values.Count} nilai)."
                        : $"Paket {code} {period} revisi {package.Revision} diterima dan menggantikan revisi {current}.",
                    code, period, package.Revision, package.Revision, id)
                : new ReceiveResult(ReceiveStatus.OlderRevision,
                    $"Paket {code} {period} revisi {package.Revision} disimpan, tetapi revisi {current} yang lebih baru tetap dipakai.",
                    code, period, package.Revision, current!.Value, id);
        });
    }

    public IReadOnlyList<ReceivedPackage> List(string? period, string? puskesmas, int limit = 200)
    {
        using var c = db.Open();
        return c.Query<ReceivedPackage>($"""
            SELECT {Columns} FROM packages
            WHERE (@period IS NULL OR period = @period) AND (@puskesmas IS NULL OR puskesmas_code = @puskesmas)
            ORDER BY received_at DESC, id DESC LIMIT @limit
            """, new { period, puskesmas, limit }).ToList();
    }

    /// <summary>The stored file of a received revision, exactly as it arrived.</summary>
    public string File(long id)
    {
        using var c = db.Open();
        return c.ExecuteScalar<string?>("SELECT file FROM packages WHERE id = @id", new { id })
            ?? throw new NotFoundException("package.notFound", "Paket tidak ditemukan.");
    }

    private static void InsertValues(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction t, long packageId, IReadOnlyList<PackageValue> values)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = t;
        cmd.CommandText = "INSERT INTO package_values (package_id, data_element, disaggregation, value) VALUES ($p, $e, $d, $v)";
        var p = cmd.Parameters.Add("$p", Microsoft.Data.Sqlite.SqliteType.Integer);
        var e = cmd.Parameters.Add("$e", Microsoft.Data.Sqlite.SqliteType.Text);
        var d = cmd.Parameters.Add("$d", Microsoft.Data.Sqlite.SqliteType.Text);
        var v = cmd.Parameters.Add("$v", Microsoft.Data.Sqlite.SqliteType.Real);
        cmd.Prepare();
        p.Value = packageId;
        foreach (var value in values)
        {
            e.Value = value.DataElement;
            d.Value = value.DisaggregationKey;
            v.Value = (double)value.Value;
            cmd.ExecuteNonQuery();
        }
    }
}
