using Simpus.Web.Hosting;

namespace Simpus.District.Hosting;

public static class DistrictPages
{
    public static void MapDistrictPages(this WebApplication app)
    {
        var assembly = typeof(DistrictPages).Assembly;
        app.MapAssets(assembly);
        app.MapPage("/login", assembly, "login.html").AllowAnonymous();
        app.MapPage("/", assembly, "index.html", DistrictPolicies.Staff);
        app.MapPage("/unggah", assembly, "unggah.html", DistrictPolicies.Staff);
        app.MapPage("/puskesmas", assembly, "puskesmas.html", DistrictPolicies.Staff);
    }
}
