/**
 * The string catalogue holds every user-facing word: this test parses each component with Svelte's own
 * parser and fails on a text node or a user-facing attribute (aria-label, title, placeholder, ...) whose
 * words are written in the component instead of coming from `t` (renderer/src/lib/strings).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { catalogueFor, t } from '../../../renderer/src/lib/strings';

const ROOT = path.resolve(import.meta.dirname, '../../../renderer/src');
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

function svelteFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return svelteFiles(full);
    return entry.name.endsWith('.svelte') ? [full] : [];
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
    const literals = svelteFiles(ROOT).flatMap((file) =>
      literalWords(fs.readFileSync(file, 'utf8')).map((words) => `${path.relative(ROOT, file)}: ${words}`),
    );
    expect(literals).toEqual([]);
  });

  it('falls back to English for a language without a catalogue', () => {
    expect(catalogueFor('de-DE')).toBe(catalogueFor('en-GB'));
    expect(t.app.name).toBe('GP Job Admin');
  });
});
