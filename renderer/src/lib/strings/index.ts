/**
 * Every user-facing word of the renderer, in one catalogue with typed keys (`t.servers.add`), so the app
 * can be translated: a translation is another object of type `Strings`, picked for `appLocale()` here.
 * Messages with values are functions, so word order and plurals stay the translator's choice. Components
 * take their text only from `t` (test/unit/renderer/strings-catalogue.test.ts fails on a literal).
 */
import { en } from './en/index';
import { appLocale } from './locale';

/** The shape every translation has: the English catalogue's keys and message signatures. */
export type Strings = typeof en;

const catalogues: Readonly<Record<string, Strings>> = { en };

/** The catalogue for a locale (its language, else English). */
export function catalogueFor(locale: string | undefined): Strings {
  const language = (locale ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  return catalogues[language] ?? en;
}

/** The catalogue of the OS language. */
export const t: Strings = catalogueFor(appLocale());

export { appLocale };
