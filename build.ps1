# Windows helper: thin wrapper over plain dotnet commands (see README.md).
param(
    [ValidateSet('build', 'test', 'run', 'demo')]
    [string]$Task = 'build'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
switch ($Task) {
    'build' { dotnet build Simpus.sln }
    'test'  { dotnet test Simpus.sln }
    'run'   { dotnet run --project src/Simpus.Clinic }
    'demo'  { dotnet run --project src/Simpus.Clinic -- --demo }
}
exit $LASTEXITCODE
