/** English: the server form's field checks and the notices its actions leave. */

/** Server form validation and notices. */
export const form = {
  nameMissing: 'Give the server a name, e.g. "Production GIS".',
  serverUrlMissing: 'Paste the server URL, e.g. https://gis.example.com/arcgis.',
  portalUrlMissing: 'A federated server signs in through its portal: paste the portal URL.',
  usernameMissing: 'Enter the administrator account name.',
  concurrencyRange: 'Use a whole number from 1 to 64.',
  colorMissing: 'Pick a colour.',
  serviceTypesMissing: 'Choose at least one kind of service.',
  saved: 'Saved.',
  tagsInvalid: 'A tag is one word of letters, digits, "-" or "_" (up to 32); separate tags with commas.',
  passwordKeptForSession: 'Password kept for this session only.',
  passwordForgotten: 'Password forgotten.',
  diagnosticsCopied: 'Diagnostics copied: answer shapes only, no names, ids or tokens.',
  diagnosticsNotCopied: 'Could not copy the diagnostics; use "gpjobs servers diagnose" instead.',
};
