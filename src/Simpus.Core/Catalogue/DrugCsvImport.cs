using System.Globalization;
using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Core.Catalogue;

public sealed record DrugImportError(int Line, string Code, string Message);

public sealed record DrugImportResult(int Lines, int Added, int Updated, int Unchanged, int Rejected, IReadOnlyList<DrugImportError> Errors);

/// <summary>
/// Imports the drug catalogue from CSV (the warehouse's or the district's list): header with <c>code</c>, <c>name</c>, <c>unit</c>
/// and optionally <c>form</c>, <c>fornas_class</c>, <c>minimum</c>, <c>active</c> (Indonesian names accepted: kode, nama, satuan,
/// bentuk, kelas_fornas, stok_minimum, aktif); <c>,</c> or <c>;</c> separated. New codes are added, existing ones updated in the
/// columns the file has; bad lines are reported with their line number and skipped; the rest goes in one transaction.
/// </summary>
public sealed class DrugCsvImport(Database db, DrugCatalogue catalogue, TimeProvider clock)
{
    public const int MaxBytes = 2 * 1024 * 1024;

    private static readonly string[][] Names =
    [
        ["code", "kode", "kode_obat"],
        ["name", "nama", "nama_obat"],
        ["unit", "satuan"],
        ["form", "bentuk", "sediaan", "bentuk_sediaan"],
        ["fornas_class", "kelas_fornas", "fornas", "kelas_terapi"],
        ["minimum", "min_stock", "stok_minimum"],
        ["active", "aktif"],
    ];

    public DrugImportResult Import(string text)
    {
        var reader = new StringReader(text);
        var header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0)
        {
            throw ValidationFailedException.For("file", "file.empty", "Berkas CSV kosong.");
        }
        var separator = header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
        var columns = Csv.SplitLine(header.TrimStart('\uFEFF'), separator).Select(h => h.Trim().ToLowerInvariant().Replace(' ', '_')).ToList();
        var at = Names.Select(alternatives => columns.FindIndex(alternatives.Contains)).ToArray();
        if (at[0] < 0 || at[1] < 0 || at[2] < 0)
        {
            throw ValidationFailedException.For("file", "file.header",
                "Baris pertama CSV harus berisi kolom code, name dan unit (boleh juga form, fornas_class, minimum, active).");
        }

        var rows = new List<(int Line, DrugInput Input)>();
        var errors = new List<DrugImportError>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lineNo = 1;
        var lines = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            lines++;
            var f = Csv.SplitLine(line, separator);
            string? Field(int column) => at[column] >= 0 && at[column] < f.Length ? Text.Clean(f[at[column]]) : null;
            var code = Field(0)?.ToUpperInvariant() ?? "";
            if (line.Any(c => char.IsControl(c) && c != '\t'))
            {
                errors.Add(new DrugImportError(lineNo, code, $"Baris {lineNo}: berisi karakter kendali."));
                continue;
            }
            int? minimum = null;
            if (Field(5) is { } minText)
            {
                if (!int.TryParse(minText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m))
                {
                    errors.Add(new DrugImportError(lineNo, code, $"Baris {lineNo}: stok minimum '{minText}' bukan bilangan bulat."));
                    continue;
                }
                minimum = m;
            }
            bool? active = Field(6)?.ToLowerInvariant() switch
            {
                null => null,
                "1" or "ya" or "true" or "aktif" or "y" => true,
                "0" or "tidak" or "false" or "nonaktif" or "n" => false,
                _ => null,
            };
            var input = new DrugInput
            {
                Code = code, Name = Field(1), Unit = Field(2), Form = Field(3), FornasClass = Field(4), MinStock = minimum, Active = active,
            };
            try
            {
                DrugCatalogue.Check(input);
            }
            catch (ValidationFailedException e)
            {
                errors.Add(new DrugImportError(lineNo, code, $"Baris {lineNo}: " + string.Join(" ", e.Errors.Select(x => x.Message))));
                continue;
            }
            if (!seen.Add(code))
            {
                errors.Add(new DrugImportError(lineNo, code, $"Baris {lineNo}: kode {code} sudah ada di baris sebelumnya."));
                continue;
            }
            rows.Add((lineNo, input));
        }
        if (rows.Count == 0)
        {
            var first = string.Join(" ", errors.Take(3).Select(e => e.Message));
            throw ValidationFailedException.For("file", "file.unreadable",
                lines == 0 ? "Berkas CSV tidak berisi baris obat." : "Tidak ada baris yang dapat diimpor. " + first);
        }

        var now = clock.GetUtcNow();
        var (added, updated, unchanged) = db.InTransaction((c, t) =>
        {
            var existing = c.Query<Drug>(
                "SELECT code, name, unit, form, fornas_class AS FornasClass, min_stock AS MinStock, active FROM drugs", transaction: t)
                .ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
            int a = 0, u = 0, same = 0;
            foreach (var (_, input) in rows)
            {
                var clean = DrugCatalogue.Check(input);
                if (!existing.TryGetValue(clean.Code!, out var old))
                {
                    c.Execute("""
                        INSERT INTO drugs (code, name, unit, form, fornas_class, min_stock, active, updated_at)
                        VALUES (@Code, @Name, @Unit, @Form, @FornasClass, @MinStock, @active, @now)
                        """, new { clean.Code, clean.Name, clean.Unit, clean.Form, clean.FornasClass, clean.MinStock, active = clean.Active ?? true, now }, t);
                    a++;
                    continue;
                }
                var merged = new Drug
                {
                    Code = old.Code, Name = clean.Name!, Unit = clean.Unit!,
                    Form = at[3] >= 0 ? clean.Form : old.Form,
                    FornasClass = at[4] >= 0 ? clean.FornasClass : old.FornasClass,
                    MinStock = at[5] >= 0 ? clean.MinStock : old.MinStock,
                    Active = clean.Active ?? old.Active,
                };
                if (merged with { UpdatedAt = default } == old with { UpdatedAt = default })
                {
                    same++;
                    continue;
                }
                c.Execute("""
                    UPDATE drugs SET name = @Name, unit = @Unit, form = @Form, fornas_class = @FornasClass, min_stock = @MinStock, active = @Active,
                                     updated_at = @now
                    WHERE code = @Code
                    """, new { merged.Name, merged.Unit, merged.Form, merged.FornasClass, merged.MinStock, merged.Active, now, merged.Code }, t);
                u++;
            }
            return (a, u, same);
        });
        catalogue.Invalidate();
        return new DrugImportResult(lines, added, updated, unchanged, errors.Count, errors.Take(100).ToList());
    }
}
