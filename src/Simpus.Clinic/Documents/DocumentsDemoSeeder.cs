using Simpus.Core.Demo;
using Simpus.Core.Documents;

namespace Simpus.Clinic.Documents;

/// <summary>The demo puskesmas' letterhead: address, phone and email under its name (the kab/kota comes from its region).</summary>
public sealed class DocumentsDemoSeeder(DocumentSettingsStore store) : IDemoSeeder
{
    public int Order => 91;

    public string Name => "kop surat";

    public void Seed(DemoContext context) => store.Save(new DocumentSettingsInput
    {
        Address = "Jl. Kesehatan No. 12, Kel. Kecandran, Kec. Sidomukti, Salatiga 50722",
        Phone = "(0298) 321456",
        Email = "pkm.sukamaju@example.id",
    });
}
