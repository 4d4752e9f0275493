using Simpus.District.Hosting;

var app = DistrictApp.Build(args);
app.Run();
