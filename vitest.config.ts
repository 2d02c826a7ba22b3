import ts from 'typescript';
import { compileModule } from 'svelte/compiler';
import { defineConfig, type Plugin } from 'vitest/config';

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

/** Unit tests (pure logic and the renderer's rune classes) and integration tests (core against simulators and the real keychain). */
export default defineConfig({
  plugins: [svelteRunes()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
