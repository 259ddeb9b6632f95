; Inno Setup script for the Windows till. Build the bundle first (on Windows):
;     python installer\build.py
; then:  iscc /DAppVersion=0.1.0 installer\omnitill.iss   ->  dist\omnitill-0.1.0-setup.exe
;
; The bundle holds two programs (installer/omnitill.spec): OmniTill.exe, the till without a
; console window (Start menu, desktop, "Start OmniTill" after setup), and omnitill-cli.exe,
; the console program for `self-test`, `journal verify`, `support-bundle`, `hub …`.
;
; Installing over an older version replaces the program only, and uninstalling removes the
; program only: the data folder (%LOCALAPPDATA%\omnitill: the till database, its journal,
; hub.json, devices.toml, logs) is never touched — it is not under {app}, and nothing below
; names it. The till migrates it on start. Not run here (no Windows in CI); standard sections
; only, so any Inno Setup 6 builds it.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1E3F0A-7D2B-4B8E-9F61-0A5D2C7E4B19}
AppName=OmniTill
AppVersion={#AppVersion}
AppPublisher=OmniTill contributors
DefaultDirName={autopf}\OmniTill
DefaultGroupName=OmniTill
OutputDir=..\dist
OutputBaseFilename=omnitill-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
UninstallDisplayIcon={app}\OmniTill.exe
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

; Upgrades: before 0.2 the bundle had one console program, omnitill.exe. Windows file names
; ignore case, so OmniTill.exe replaces it in place: no [InstallDelete] is needed.

[Files]
Source: "..\dist\omnitill\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\OmniTill"; Filename: "{app}\OmniTill.exe"
Name: "{group}\OmniTill support bundle"; Filename: "{app}\omnitill-cli.exe"; Parameters: "support-bundle --output ""{userdesktop}\omnitill-support.zip"""
Name: "{group}\Uninstall OmniTill"; Filename: "{uninstallexe}"
Name: "{autodesktop}\OmniTill"; Filename: "{app}\OmniTill.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\omnitill-cli.exe"; Parameters: "self-test"; Flags: runhidden; StatusMsg: "Checking the installation…"
Filename: "{app}\OmniTill.exe"; Description: "Start OmniTill"; Flags: postinstall nowait skipifsilent
