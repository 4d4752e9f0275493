using Simpus.Clinic.Hosting;

if (args.Length > 0 && args[0] == Simpus.Clinic.Examinations.Icd10Command.Name)
{
    return Simpus.Clinic.Examinations.Icd10Command.Run(args);
}

var app = ClinicApp.Build(args);
if (app is null)
{
    return 1;
}
app.Run();
return 0;
