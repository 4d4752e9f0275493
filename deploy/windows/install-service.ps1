<#
.SYNOPSIS
  Installs a published SIMPUS service (clinic or district) as a Windows service that starts with the PC.
.EXAMPLE
  # In an administrator PowerShell, from the repository (after: dotnet publish src/Simpus.Clinic -p:PublishProfile=win-x64)
  .\deploy\windows\install-service.ps1 -Service clinic -DataDir D:\simpus-data -BackupFolder E:\cadangan-simpus
  .\deploy\windows\install-service.ps1 -Service district -DataDir D:\simpus-dinkes
  # Remove:  Stop-Service SimpusKlinik; sc.exe delete SimpusKlinik
#>
param(
  [ValidateSet("clinic", "district")] [string] $Service = "clinic",
  [string] $Source,
  [string] $InstallDir,
  [Parameter(Mandatory = $true)] [string] $DataDir,
  [string] $BackupFolder,
  [int] $Port,
  # The admin's password when the database is created (first install); otherwise a random one is printed to a console nobody sees.
  [string] $AdminPassword
)
$ErrorActionPreference = "Stop"
$repo = Resolve-Path (Join-Path $PSScriptRoot "..\..")
if ($Service -eq "clinic") {
  $name = "SimpusKlinik"; $display = "SIMPUS Klinik"; $exe = "Simpus.Clinic.exe"; $folder = "simpus-clinic-win-x64"; if (-not $Port) { $Port = 5080 }
} else {
  $name = "SimpusDinkes"; $display = "SIMPUS Dinas Kesehatan"; $exe = "Simpus.District.exe"; $folder = "simpus-dinkes-win-x64"; if (-not $Port) { $Port = 5090 }
}
if (-not $Source) { $Source = Join-Path $repo "artifacts\publish\$folder" }
if (-not $InstallDir) { $InstallDir = Join-Path $env:ProgramFiles "SIMPUS\$Service" }
if (-not (Test-Path (Join-Path $Source $exe))) { throw "$exe not found in $Source: publish first (see README, Installing)" }

New-Item -ItemType Directory -Force -Path $InstallDir, $DataDir | Out-Null
Copy-Item -Path (Join-Path $Source "*") -Destination $InstallDir -Recurse -Force
$binPath = "`"$(Join-Path $InstallDir $exe)`" --Simpus:DataDir=`"$DataDir`" --urls=http://0.0.0.0:$Port"
if ($BackupFolder) { $binPath += " --Simpus:Backup:Folder=`"$BackupFolder`"" }

if (Get-Service -Name $name -ErrorAction SilentlyContinue) {
  Stop-Service -Name $name -ErrorAction SilentlyContinue
  sc.exe config $name binPath= $binPath start= delayed-auto | Out-Null
} else {
  New-Service -Name $name -DisplayName $display -BinaryPathName $binPath -StartupType Automatic -Description "SIMPUS ($Service), data in $DataDir" | Out-Null
}
if ($AdminPassword) {
  # Read only at the first start (database creation); remove the value afterwards if you like.
  Set-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\$name" -Name Environment -Type MultiString -Value @("Simpus__AdminPassword=$AdminPassword")
}
sc.exe failure $name reset= 86400 actions= restart/5000/restart/5000/restart/60000 | Out-Null
New-NetFirewallRule -DisplayName $display -Direction Inbound -Protocol TCP -LocalPort $Port -Action Allow -ErrorAction SilentlyContinue | Out-Null
Start-Service -Name $name
Write-Host "$display runs as service '$name' on port $Port. Data: $DataDir, logs: $DataDir\logs, backups: $(if ($BackupFolder) { $BackupFolder } else { "$DataDir\backup (choose a second disk on the admin page)" })."
