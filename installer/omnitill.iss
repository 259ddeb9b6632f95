; Inno Setup script for the Windows till. Build the bundle first (on Windows):
;     python installer\build.py
; then:  iscc /DAppVersion=0.1.0 installer\omnitill.iss   ->  dist\omnitill-0.1.0-setup.exe
; Installing over an older version replaces the program only: the data folder
; (%LOCALAPPDATA%\omnitill) is never touched, and the till migrates it on start.
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
UninstallDisplayIcon={app}\omnitill.exe
CloseApplications=yes

[Files]
Source: "..\dist\omnitill\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\OmniTill"; Filename: "{app}\omnitill.exe"; Parameters: "run"
Name: "{group}\OmniTill support bundle"; Filename: "{app}\omnitill.exe"; Parameters: "support-bundle --output ""{userdesktop}\omnitill-support.zip"""
Name: "{group}\Uninstall OmniTill"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\omnitill.exe"; Parameters: "self-test"; Flags: runhidden; StatusMsg: "Checking the installation…"
Filename: "{app}\omnitill.exe"; Parameters: "run"; Description: "Start OmniTill"; Flags: postinstall nowait skipifsilent
