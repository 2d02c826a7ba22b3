import { describe, expect, it } from 'vitest';
import {
  ambiguousNameError,
  nameClash,
  nameClashError,
  nameTwinProblems,
  profileNameKey,
  profilesNamed,
  sameProfileName,
} from '../../../../electron/core/profiles/profile-name';

/** "Zürich" with the ü as one character (NFC) and as u + combining diaeresis (NFD). */
const COMPOSED = 'Z\u00fcrich';
const DECOMPOSED = 'Zu\u0308rich';

describe('profile names', () => {
  it('are the same name whatever the case, the surrounding spaces and the Unicode form', () => {
    expect(COMPOSED).not.toBe(DECOMPOSED);
    expect(sameProfileName(COMPOSED, DECOMPOSED)).toBe(true);
    expect(sameProfileName('  Production ', 'PRODUCTION')).toBe(true);
    expect(sameProfileName(` ${DECOMPOSED.toUpperCase()}\t`, COMPOSED)).toBe(true);
    expect(profileNameKey(DECOMPOSED)).toBe(profileNameKey(COMPOSED));
  });

  it('are different names when any letter differs, including inside', () => {
    expect(sameProfileName('Zurich', COMPOSED)).toBe(false);
    expect(sameProfileName('Prod A', 'ProdA')).toBe(false);
    expect(sameProfileName('Prod', 'Prod 2')).toBe(false);
  });

  it('finds the clash with another profile, never with the one being edited', () => {
    const profiles = [
      { id: 'a', name: COMPOSED },
      { id: 'b', name: 'Staging' },
    ];
    expect(nameClash(profiles, ` zu\u0308RICH `)).toBe(profiles[0]);
    expect(nameClash(profiles, DECOMPOSED, 'a')).toBeUndefined();
    expect(nameClash(profiles, 'staging', 'a')).toBe(profiles[1]);
    expect(nameClash(profiles, 'Test')).toBeUndefined();
  });

  it("lets a stored twin keep its own name in an edit, but not take its twin's spelling", () => {
    const twins = [
      { id: 'a', name: COMPOSED },
      { id: 'b', name: DECOMPOSED },
    ];
    expect(nameClash(twins, ` ${COMPOSED} `, 'a')).toBeUndefined();
    expect(nameClash(twins, DECOMPOSED, 'a')).toBe(twins[1]);
    expect(nameClash(twins, COMPOSED.toUpperCase(), 'a')).toBe(twins[1]);
    expect(nameClash(twins, COMPOSED)).toBe(twins[0]);
  });

  it('says which profile has the name, in its own spelling, and what to do', () => {
    expect(nameClashError({ name: COMPOSED })).toEqual({
      kind: 'invalid-input',
      message: `A profile named "${COMPOSED}" already exists: choose another name.`,
    });
  });

  it('finds every stored twin a name names, and the error names each with its spelling and id', () => {
    const profiles = [
      { id: 'a', name: COMPOSED },
      { id: 'b', name: DECOMPOSED },
      { id: 'c', name: 'Staging' },
    ];
    expect(profilesNamed(profiles, 'zurich')).toEqual([]);
    expect(profilesNamed(profiles, ' ZÜRICH ')).toEqual([profiles[0], profiles[1]]);
    expect(profilesNamed(profiles, 'staging')).toEqual([profiles[2]]);
    const e = ambiguousNameError(` ${COMPOSED} `, profilesNamed(profiles, COMPOSED));
    expect(e.kind).toBe('config');
    expect(e.message).toBe(
      `"${COMPOSED}" names 2 servers whose names differ only in letter case or in how an accented letter ` +
        `is encoded: "${COMPOSED}" (written "Z\\u00fcrich", id a) and "${DECOMPOSED}" (written ` +
        `"Zu\\u0308rich", id b). Choose one by its id, and rename one so each name is unique (gpjobs ` +
        'servers edit ID --name NEW, or Edit server in the window; a managed one is renamed in the managed file).',
    );
  });

  it("names each twin's server URL when it has one, so the window (which shows no ids) can tell them apart", () => {
    const twins = [
      { id: 'a', name: COMPOSED, serverUrl: 'https://gis-a.example.com/arcgis' },
      { id: 'b', name: DECOMPOSED, serverUrl: 'https://gis-b.example.com/server' },
    ];
    const parts = [
      `"${COMPOSED}" (written "Z\\u00fcrich", id a, https://gis-a.example.com/arcgis)`,
      `"${DECOMPOSED}" (written "Zu\\u0308rich", id b, https://gis-b.example.com/server)`,
    ];
    expect(ambiguousNameError(COMPOSED, twins).message).toContain(parts.join(' and '));
    expect(nameTwinProblems(twins).map((e) => e.message.includes(parts.join(' and ')))).toEqual([true]);
  });
});
