using Simpus.Web.Hosting;

namespace Simpus.Clinic.Hosting;

public static class ClinicPages
{
    public static void MapClinicPages(this WebApplication app)
    {
        var assembly = typeof(ClinicPages).Assembly;
        app.MapAssets(assembly);
        app.MapPage("/login", assembly, "login.html").AllowAnonymous();
        // The head's home page is the dashboard; everyone else gets the menu with today's queue.
        app.MapGet("/", (HttpContext http) => Pages.Page(http, assembly, http.User.IsInRole("kepala") ? "dasbor.html" : "index.html"))
            .ExcludeFromDescription();
        app.MapPage("/pendaftaran", assembly, "pendaftaran.html", Policies.Desk);
        app.MapPage("/admin", assembly, "admin.html", Policies.Admin);
    }
}
