/**
 * The string catalogue holds every user-facing word: this test parses each component with Svelte's own
 * parser and fails on a text node or a user-facing attribute (aria-label, title, placeholder, ...) whose
 * words are written in the component instead of coming from `t` (renderer/src/lib/strings). The renderer's
 * TypeScript modules (errors, formats, form checks, chips) and components' scripts are checked too, by the heuristic documented in
 * ./module-literals.ts: prose in a string or template literal that is not a machine value.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { catalogueFor, t } from '../../../renderer/src/lib/strings';
import { moduleLiterals } from './module-literals';

const ROOT = path.resolve(import.meta.dirname, '../../../renderer/src');
const CATALOGUE = path.join(ROOT, 'lib/strings');
const SHOWN_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);
/** A piece of text an administrator reads: anything with a letter in it. */
const WORDS = /\p{L}/u;

/** Source files under a folder with the given ending, leaving out the catalogue itself. */
function sourceFiles(dir: string, ending: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === CATALOGUE ? [] : sourceFiles(full, ending);
    return entry.name.endsWith(ending) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Node {
  type?: string;
  name?: string;
  data?: string;
  value?: unknown;
  [key: string]: unknown;
}

/** Literal words in a component's markup: text nodes and the text parts of shown attributes. */
function literalWords(source: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (n.type === 'Text' && typeof n.data === 'string' && WORDS.test(n.data)) found.push(n.data.trim());
    if (n.type === 'Attribute' && SHOWN_ATTRIBUTES.has(n.name ?? '') && Array.isArray(n.value)) {
      for (const part of n.value as Node[])
        if (part.type === 'Text' && WORDS.test(part.data ?? '')) found.push(`${n.name}="${part.data}"`);
    }
    for (const [key, child] of Object.entries(n)) {
      // Attribute values were checked above (class names and URLs are not words to translate); style
      // directives hold CSS.
      if (key === 'parent' || (n.type === 'Attribute' && key === 'value') || n.type === 'StyleDirective')
        continue;
      visit(child);
    }
  };
  visit(parse(source, { modern: true }).fragment);
  return found;
}

describe('string catalogue', () => {
  it('finds a literal in markup (the check can fail)', () => {
    expect(literalWords('<button title="Refresh">Go</button>')).toEqual(['title="Refresh"', 'Go']);
    expect(literalWords('<button title={t.x}>{t.y}</button>')).toEqual([]);
  });

  it('leaves no literal words in any component', () => {
    const literals = sourceFiles(ROOT, '.svelte').flatMap((file) =>
      literalWords(fs.readFileSync(file, 'utf8')).map((words) => `${path.relative(ROOT, file)}: ${words}`),
    );
    expect(literals).toEqual([]);
  });

  it('finds prose in a module (the check can fail)', () => {
    const probe = [
      "export const hint = (ok: boolean) => (ok ? t.errors.hints.tls : 'Check the network, then refresh.');",
      'export const ago = (m: number) => `${m} min ago`;',
      'export const rate = (n: number) => `${n} jobs/s`;',
      "notice = 'Saved.';",

      "import x from 'some module'; if (s === 'esriJob Failed') throw new Error('not shown to people');",
      "export const sep = ' · '; export const key = `${a}:${b}`;",
    ].join('\n');
    expect(moduleLiterals(probe)).toEqual([
      'Check the network, then refresh.',
      '`${m} min ago`',
      '`${n} jobs/s`',
      'Saved.',
    ]);
  });

  it("leaves no prose in the renderer's modules and component scripts (it comes from the catalogue)", () => {
    const scripts = (file: string): string[] =>
      file.endsWith('.svelte')
        ? [...fs.readFileSync(file, 'utf8').matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
        : [fs.readFileSync(file, 'utf8')];
    const literals = [...sourceFiles(ROOT, '.ts'), ...sourceFiles(ROOT, '.svelte')].flatMap((file) =>
      scripts(file).flatMap((code) =>
        moduleLiterals(code, file).map((words) => `${path.relative(ROOT, file)}: ${words}`),
      ),
    );
    expect(literals).toEqual([]);
  });

  it('falls back to English for a language without a catalogue', () => {
    expect(catalogueFor('de-DE')).toBe(catalogueFor('en-GB'));
    expect(t.app.name).toBe('GP Job Admin');
  });
});
