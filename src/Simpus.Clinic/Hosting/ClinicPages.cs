using Simpus.Web.Hosting;

namespace Simpus.Clinic.Hosting;

public static class ClinicPages
{
    public static void MapClinicPages(this WebApplication app)
    {
        var assembly = typeof(ClinicPages).Assembly;
        app.MapAssets(assembly);
        app.MapPage("/login", assembly, "login.html").AllowAnonymous();
        app.MapPage("/", assembly, "index.html");
        app.MapPage("/pendaftaran", assembly, "pendaftaran.html", Policies.Desk);
        app.MapPage("/admin", assembly, "admin.html", Policies.Admin);
    }
}
