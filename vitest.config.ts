import ts from 'typescript';
import { compileModule } from 'svelte/compiler';
import { defineConfig, type Plugin } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Compiles the renderer's rune modules (`*.svelte.ts`) for the client, as the app's build does, so unit tests
 * run the real `$state`/`$derived` reactivity in Node (Svelte's own plugin would compile them for the server,
 * where runes are plain values). Types are stripped first; the Svelte compiler reads JavaScript.
 */
function svelteRunes(): Plugin {
  return {
    name: 'svelte-runes-for-tests',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.svelte.ts')) return null;
      const js = ts.transpileModule(code, {
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          verbatimModuleSyntax: true,
        },
        fileName: id,
      }).outputText;
      const out = compileModule(js, { filename: id, generate: 'client', dev: true });
      return { code: out.js.code, map: out.js.map };
    },
  };
}

/**
 * Integration files first (they hold the long ones: the benchmark's smoke run, the demo, the CLI's), each
 * group in Vitest's own order (longest last time first, else largest first), so with two workers no long
 * file starts last and leaves one worker idle.
 */
class IntegrationFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const integration = (f: TestSpecification): boolean => f.moduleId.includes('/test/integration/');
    return [...sorted.filter(integration), ...sorted.filter((f) => !integration(f))];
  }
}

/** Unit tests (pure logic and the renderer's rune classes) and integration tests (core against simulators and the real keychain). */
export default defineConfig({
  plugins: [svelteRunes()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, so every file ran in
    // turn while most of them wait on simulators and child processes. See CONTRIBUTING.md, Tests.
    maxWorkers: 2,
    sequence: { sequencer: IntegrationFirst },
    globalSetup: ['test/global-setup.ts'],
  },
});
