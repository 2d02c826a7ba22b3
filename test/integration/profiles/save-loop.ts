/**
 * Child process for the kill-mid-save test: saves one profile over and over, each time as a new
 * "generation" whose every field says which generation it is, and prints `saved <n>` after each save.
 * Usage: node --import tsx save-loop.ts <configDir>
 */
import { ProfileStore } from '../../../electron/core/profiles/store';
import { TEST_CA_PEM } from '../../fixtures/test-ca';

const PEM_LINES = 800;

/** The profile of generation `n`: its name, colour and a ~50 KiB PEM (text lines, then a real certificate) all carry `n`. */
export function generation(n: number) {
  const line = `GEN${n}`.padEnd(64, 'A');
  return {
    id: 'kill-test',
    name: `gen-${n}`,
    serverUrl: `https://gen${n}.example.com/arcgis`,
    username: `user${n}`,
    color: `#${(n % 0xffffff).toString(16).padStart(6, '0')}`,
    caCertPem: `${Array(PEM_LINES).fill(line).join('\n')}\n${TEST_CA_PEM}\n`,
  };
}

async function main(): Promise<void> {
  const configDir = process.argv[2];
  if (!configDir) throw new Error('usage: save-loop.ts <configDir>');
  const store = new ProfileStore({ configDir, managedPath: null });
  const current = await store.get('kill-test');
  let n = current.ok ? Number(current.value.name.slice('gen-'.length)) : 0;
  process.stdout.write('started\n');
  for (;;) {
    n++;
    const saved = await store.save(generation(n));
    if (!saved.ok) throw new Error(saved.error.message);
    process.stdout.write(`saved ${n}\n`);
  }
}

if (process.argv[1]?.endsWith('save-loop.ts')) {
  main().catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  });
}
