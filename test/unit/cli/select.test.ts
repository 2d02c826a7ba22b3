/**
 * Choosing servers by name on the command line when two stored profiles share a name (twins in Unicode
 * form or case, from an old or managed file): the name is refused with both named, never one picked; each
 * is still chosen by its id.
 */
import { describe, expect, it } from 'vitest';
import { chooseProfiles, findProfile } from '../../../electron/cli/select';
import type { ProfileEntry } from '../../../electron/core';

const entry = (id: string, name: string): ProfileEntry =>
  ({ id, name, serverUrl: `https://${id}.corp/arcgis`, username: 'u', managed: false }) as ProfileEntry;
const nfc = entry('nfc', 'Z\u00fcrich');
const nfd = entry('nfd', 'Zu\u0308rich');
const other = entry('oth', 'Staging');
const profiles = [nfc, nfd, other];

describe('choosing servers whose stored names are twins', () => {
  it('refuses the shared name, naming both and what to do, whichever form is typed', () => {
    for (const typed of ['Z\u00fcrich', 'Zu\u0308rich', 'zürich']) {
      const found = findProfile(profiles, typed);
      expect(found.ok).toBe(false);
      if (found.ok) continue;
      expect(found.error.message).toMatch(/names 2 servers whose names differ only in letter case or in how/);
      expect(found.error.message).toContain('id nfc, https://nfc.corp/arcgis) and ');
      expect(found.error.message).toContain('id nfd, https://nfd.corp/arcgis)');
      expect(found.error.message).toMatch(/Choose one by its id, and rename one so each name is unique/);
      expect(chooseProfiles(profiles, [typed])).toMatchObject({ ok: false, error: found.error });
    }
    expect(chooseProfiles(profiles, ['Staging,Zürich'])).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('"Zürich" names 2 servers') },
    });
  });

  it('chooses each twin by its id, and a unique name as before', () => {
    expect(chooseProfiles(profiles, ['nfd', 'nfc'])).toEqual({ ok: true, value: [nfd, nfc] });
    expect(chooseProfiles(profiles, ['staging'])).toEqual({ ok: true, value: [other] });
    expect(findProfile(profiles, 'Nowhere')).toEqual({ ok: true, value: undefined });
  });
});
