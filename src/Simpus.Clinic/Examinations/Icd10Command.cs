using Simpus.Clinic.Hosting;
using Simpus.Core.Catalogue;

namespace Simpus.Clinic.Examinations;

/// <summary><c>import-icd10 FILE.csv [--Simpus:DataDir=...]</c>: adds or updates ICD-10 codes from a CSV (code,name_id,name_en,common) and exits.</summary>
public static class Icd10Command
{
    public const string Name = "import-icd10";

    public static int Run(string[] args, TextWriter? console = null)
    {
        console ??= Console.Out;
        var file = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null || !File.Exists(file))
        {
            console.WriteLine("Pemakaian: import-icd10 FILE.csv [--Simpus:DataDir=FOLDER]   (CSV: code,name_id,name_en,common)");
            return 2;
        }
        var app = ClinicApp.Build(args.Skip(1).Where(a => a != file).ToArray(), console);
        if (app is null)
        {
            return 1;
        }
        var catalogue = app.Services.GetRequiredService<Icd10Catalogue>();
        catalogue.EnsureLoaded();
        using var reader = new StreamReader(file, System.Text.Encoding.UTF8);
        var result = catalogue.Import(reader);
        console.WriteLine($"ICD-10: {result.Added} kode ditambahkan, {result.Updated} diperbarui, {result.Rejected} baris ditolak" +
            (result.Rejected > 0 ? $" (baris {string.Join(", ", result.RejectedLines)})" : "") + $". Katalog kini {catalogue.Count} kode aktif.");
        app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }
}
