; Inno Setup script: a Windows installer for the PyInstaller one-folder bundle.
;
; 1. On Windows, build the bundle:  pyinstaller --noconfirm --distpath dist\pyinstaller
;        --workpath build\pyinstaller packaging\pyinstaller\plnjournal.spec
; 2. Compile this script:           iscc packaging\windows\plnjournal.iss
;    (Inno Setup 6: https://jrsoftware.org/isinfo.php). Result: dist\PLNJournal-0.1.0-setup.exe
;
; Installs per user by default (no administrator rights needed; the dialog offers all users),
; adds a Start menu entry that opens plnjournal-gui.exe (no console window), and leaves the
; journal alone on uninstall: it lives in %LOCALAPPDATA%\plnjournal, not in the program folder.

#define AppName "PLN Journal"
#define AppVersion "0.1.0"
#define AppId "io.github.plnjournal.PLNJournal"
#define Bundle "..\..\dist\pyinstaller\plnjournal"

[Setup]
; AppId identifies the app to Windows' uninstaller: never change it between versions.
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=PLN Journal team
AppPublisherURL=https://github.com/plnjournal/plnjournal
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\PLN Journal
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
SetupIconFile=plnjournal.ico
UninstallDisplayIcon={app}\plnjournal-gui.exe
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=PLNJournal-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ChangesEnvironment=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the plnjournal command to PATH (for the command line)"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\plnjournal-gui.exe"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\plnjournal-gui.exe"; AppUserModelID: "{#AppId}"; Tasks: desktopicon

[Registry]
; Per-user PATH entry for plnjournal.exe, only when the task is chosen.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\plnjournal-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKCU, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
