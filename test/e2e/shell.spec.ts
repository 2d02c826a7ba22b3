import { INVOKE_CHANNELS, SUBSCRIPTIONS, apiPath } from '../../electron/shared/contract';
import type { GpJobsApi } from '../../electron/shared/contract';
import { expect, test } from './fixtures';
import { seedProfile } from './workspace-helpers';

type Exposed = Record<string, string[]>;

/** The namespaces and methods the contract says `window.gpjobs` has. */
function contractApi(): Exposed {
  const api: Exposed = { events: Object.keys(SUBSCRIPTIONS).sort() };
  for (const channel of INVOKE_CHANNELS) {
    const [ns, method] = apiPath(channel);
    (api[ns] ??= []).push(method);
  }
  for (const ns of Object.keys(api)) api[ns]?.sort();
  return api;
}

test.describe('the app shell', () => {
  test('loads the renderer in the window without any CSP violation', async ({ app }) => {
    const { page } = app;
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.defineProperty(window, '__cspViolations', { value: seen });
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
      );
    });
    await page.reload();
    await expect(page).toHaveTitle('GP Job Admin');
    await expect(page.locator('#app')).not.toBeEmpty();
    const violations = await page.evaluate(
      () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
    );
    expect(violations).toEqual([]);
  });

  test('blocks an injected inline script and eval under the CSP', async ({ app }) => {
    const violation = await app.page.evaluate(
      () =>
        new Promise<{ directive: string; blocked: string; ran: boolean }>((resolve) => {
          document.addEventListener(
            'securitypolicyviolation',
            (e) => {
              const ran = (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
              resolve({ directive: e.effectiveDirective, blocked: e.blockedURI, ran });
            },
            { once: true },
          );
          const script = document.createElement('script');
          script.textContent = 'window.__inlineRan = true;';
          document.head.append(script);
        }),
    );
    expect(violation).toEqual({ directive: 'script-src-elem', blocked: 'inline', ran: false });

    // Run from a timer: code evaluated by Playwright itself is exempt from the page's CSP.
    const evalOutcome = await app.page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          setTimeout(() => {
            try {
              resolve(String(eval('1 + 1')));
            } catch (error) {
              resolve((error as Error).name);
            }
          });
        }),
    );
    expect(evalOutcome).toBe('EvalError');
  });

  test('exposes exactly the contract’s API on window.gpjobs, and no Node or Electron', async ({ app }) => {
    const seen = await app.page.evaluate(() => {
      const api = (window as unknown as { gpjobs: Record<string, Record<string, unknown>> }).gpjobs;
      const exposed: Record<string, string[]> = {};
      const nonFunctions: string[] = [];
      for (const ns of Reflect.ownKeys(api).map(String)) {
        exposed[ns] = Reflect.ownKeys(api[ns] ?? {})
          .map(String)
          .sort();
        for (const method of exposed[ns] ?? []) {
          if (typeof api[ns]?.[method] !== 'function') nonFunctions.push(`${ns}.${method}`);
        }
      }
      let extended: boolean;
      try {
        (api as Record<string, unknown>).invoke = () => undefined;
        extended = 'invoke' in api;
      } catch {
        extended = false;
      }
      const scope = window as unknown as Record<string, unknown>;
      return {
        exposed,
        nonFunctions,
        extended,
        frozen: Object.isFrozen(api),
        node: ['require', 'process', 'module', 'Buffer', 'global', 'ipcRenderer', 'electron'].filter(
          (name) => typeof scope[name] !== 'undefined',
        ),
        harnessGlobals: Object.getOwnPropertyNames(window).filter((name) => name.startsWith('__gpjobs')),
      };
    });
    expect(seen.exposed).toEqual(contractApi());
    expect(seen.nonFunctions).toEqual([]);
    expect(seen.extended).toBe(false);
    expect(seen.frozen).toBe(true);
    expect(seen.node).toEqual([]);
    expect(seen.harnessGlobals).toEqual([]);
  });

  test('answers a well-formed call and rejects a malformed one with a clear error', async ({ app }) => {
    const [listed, malformed, missing] = await app.page.evaluate(async () => {
      const api = (
        window as unknown as { gpjobs: Record<string, Record<string, (p?: unknown) => Promise<unknown>>> }
      ).gpjobs;
      return Promise.all([
        api.profiles?.list?.(),
        api.jobs?.detail?.({ profileId: 'p-1', service: 42, jobId: 'j1' }),
        api.bulk?.start?.({}),
      ]);
    });
    expect(listed).toEqual({ ok: true, value: { profiles: [], problems: [] } });
    expect(malformed).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: expect.stringMatching(/^Rejected a malformed request to jobs\.detail at "service": .+\.$/),
      },
    });
    expect(missing).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringContaining('bulk.start at "planId"') },
    });
  });

  test('gives an iframe no API', async ({ app }) => {
    const outcome = await app.page.evaluate(() => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const child = frame.contentWindow as unknown as Record<string, unknown>;
      const result = {
        api: typeof child.gpjobs,
        globals: Object.getOwnPropertyNames(child).filter((name) => name.startsWith('__gpjobs')),
      };
      frame.remove();
      return result;
    });
    // The preload runs in the main frame only, and so does the web client (a module of the app's page).
    // In a browser the boundary is the origin: foreign pages are refused by the server (test/integration/web).
    expect(outcome).toEqual({ api: 'undefined', globals: [] });
  });

  test('delivers pushed events to subscribers until they unsubscribe', async ({ app, startSimulator }) => {
    // Real events from the core on either path: testing a connection pushes "connecting" then "connected".
    const sim = await startSimulator({ jobs: 5, seed: 3 });
    const profileId = await seedProfile(app.page, sim, { name: 'Events site' });
    const received = await app.page.evaluate(async (id) => {
      const api = (window as unknown as { gpjobs: GpJobsApi }).gpjobs;
      const first: unknown[] = [];
      const all: unknown[] = [];
      const unsubscribe = api.events.onConnectionState((event) => {
        first.push(event);
        unsubscribe();
      });
      let stopAll = (): void => undefined;
      const both = new Promise<void>((resolve) => {
        // Only the first two: the window's own listing of the server it was just given may push a later
        // connecting/connected pair before this subscriber stops (seen once in CI with two workers).
        stopAll = api.events.onConnectionState((event) => {
          if (all.length < 2 && all.push(event) === 2) resolve();
        });
      });
      const tested = await api.profiles.test({ profileId: id });
      await both;
      stopAll();
      return { first, all, ok: tested.ok };
    }, profileId);
    expect(received.ok).toBe(true);
    expect(received.all).toEqual([
      { profileId, state: 'connecting', error: null, lastRefresh: null },
      { profileId, state: 'connected', error: null, lastRefresh: expect.any(Number) },
    ]);
    expect(received.first).toEqual([received.all[0]]);
  });

  test('saves a screenshot of the window', async ({ app }, testInfo) => {
    const file = testInfo.outputPath('shell.png');
    await app.page.screenshot({ path: file, fullPage: true });
    await testInfo.attach('shell', { path: file, contentType: 'image/png' });
    const { size } = await import('node:fs').then((fs) => fs.statSync(file));
    expect(size).toBeGreaterThan(1_000);
  });
});
