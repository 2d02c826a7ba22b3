/**
 * Chromium as every headless use here launches it: the icon renderer, the e2e tests without an Electron
 * binary, and the table benchmark. Debian's package by default (GPJOBS_CHROMIUM overrides the path); the
 * switches keep a sandbox-less CI container quiet and offline.
 */
export const CHROMIUM_PATH = process.env.GPJOBS_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);
