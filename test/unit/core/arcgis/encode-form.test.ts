import { describe, expect, it } from 'vitest';
import { encodeForm } from '../../../../electron/core/arcgis/transport';

/** What the WHATWG form encoding (`URLSearchParams`) writes for the same pairs. */
const reference = (params: Record<string, string | number | boolean | undefined>): string =>
  new URLSearchParams(
    Object.entries(params).flatMap(([k, v]): Array<[string, string]> =>
      v === undefined ? [] : [[k, String(v)]],
    ),
  ).toString();

describe('encodeForm', () => {
  const samples = [
    'a',
    'x y',
    "!'()~*-._",
    'ü€𝄞',
    '\ud800x',
    'a+b=c&d/e?f#g%h',
    'tok3n-_.AB==',
    '\u0000\u007f',
    '[]{}|\\^`"<>',
    '',
  ];

  it('writes every pair byte for byte as URLSearchParams does, skipping undefined values', () => {
    const pairs = samples.flatMap((k) => samples.map((v) => ({ [k]: v, n: 2, b: true, skip: undefined })));
    expect(pairs.map(encodeForm)).toEqual(pairs.map(reference));
  });

  it('agrees with URLSearchParams on random text across the first planes', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: 12 }, () => String.fromCharCode(next() % 0x3000)).join('');
      expect(encodeForm({ k: text })).toBe(reference({ k: text }));
    }
  });
});
