@echo off
rem gpjobs, installed with GP Job Admin: the command line inside the app's own executable (no window).
"%~dp0GP Job Admin.exe" --gpjobs-cli %*
exit /b %ERRORLEVEL%
