using Simpus.Clinic.Hosting;

var app = ClinicApp.Build(args);
if (app is null)
{
    return 1;
}
app.Run();
return 0;
