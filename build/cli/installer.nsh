; GP Job Admin installer: puts the install folder (with gpjobs.cmd) on PATH, for all users when installed
; per-machine (HKLM) and for the current user when installed per-user (HKCU); removed again on uninstall.
!include "StrFunc.nsh"
${StrStr}
${UnStrRep}

!macro gpjobsPathKey
  ${if} $installMode == "all"
    StrCpy $R8 "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"
    ReadRegStr $R9 HKLM $R8 "Path"
  ${else}
    StrCpy $R8 "Environment"
    ReadRegStr $R9 HKCU $R8 "Path"
  ${endif}
!macroend

!macro customInstall
  !insertmacro gpjobsPathKey
  ${StrStr} $R7 "$R9;" "$INSTDIR;"
  ${if} $R7 == ""
    ${if} $R9 == ""
      StrCpy $R9 "$INSTDIR"
    ${else}
      StrCpy $R9 "$R9;$INSTDIR"
    ${endif}
    ${if} $installMode == "all"
      WriteRegExpandStr HKLM $R8 "Path" $R9
    ${else}
      WriteRegExpandStr HKCU $R8 "Path" $R9
    ${endif}
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${endif}
!macroend

!macro customUnInstall
  !insertmacro gpjobsPathKey
  ${UnStrRep} $R9 "$R9" ";$INSTDIR" ""
  ${UnStrRep} $R9 "$R9" "$INSTDIR;" ""
  ${UnStrRep} $R9 "$R9" "$INSTDIR" ""
  ${if} $installMode == "all"
    WriteRegExpandStr HKLM $R8 "Path" $R9
  ${else}
    WriteRegExpandStr HKCU $R8 "Path" $R9
  ${endif}
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
!macroend
