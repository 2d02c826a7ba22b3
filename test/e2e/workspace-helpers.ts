/**
 * Helpers for the workspace specs: seeding profiles through the API (setup, not what is under test),
 * opening the workspace once every seeded job is listed, and reading the job grid.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, type TestInfo, type ViewportSize } from '@playwright/test';
import type { SimOptions, Simulator } from '../arcgis-sim/index';
import type { GpJobsApi } from '../../electron/shared/contract';

/** Adds a profile for a simulator through `window.gpjobs`, its password kept for the session; returns its id. */
export async function seedProfile(
  page: Page,
  sim: Simulator,
  options: { name: string; production?: boolean; color?: string; tags?: string[] },
): Promise<string> {
  return page.evaluate(
    async ({ url, caPem, username, password, name, production, color, tags }) => {
      const api = (window as unknown as { gpjobs: GpJobsApi }).gpjobs;
      const saved = await api.profiles.save({
        name,
        serverUrl: url,
        authMode: 'server',
        username,
        caCertPem: caPem,
        production,
        ...(color ? { color } : {}),
        ...(tags ? { tags } : {}),
      });
      if (!saved.ok) throw new Error(saved.error.message);
      const stored = await api.credentials.set({ profileId: saved.value.id, password, sessionOnly: true });
      if (!stored.ok) throw new Error(stored.error.message);
      return saved.value.id;
    },
    {
      url: sim.url,
      caPem: sim.caPem,
      username: sim.username,
      password: sim.password,
      production: options.production ?? false,
      name: options.name,
      color: options.color,
      tags: options.tags,
    },
  );
}

/** Reloads the app so it loads the seeded profiles, and waits until `jobs` jobs are listed. */
export async function openWorkspace(page: Page, jobs: number): Promise<void> {
  await page.reload();
  await expect(page.locator('header.top')).toContainText(`${jobs.toLocaleString('en-US')} jobs on`, {
    timeout: 60_000,
  });
}

/** The window size the layout specs check first (a common laptop screen). */
export const DESKTOP: ViewportSize = { width: 1280, height: 800 };

/** A site to open: its profile's name, colour and production flag, and its simulator's options. */
export interface SiteSpec extends SimOptions {
  name: string;
  jobs: number;
  production?: boolean;
  color?: string;
  tags?: string[];
}

/** Three simulated servers (120 jobs in all), seeded as Site 1-3: the job table specs' workspace. */
export const THREE_SITES: readonly SiteSpec[] = [30, 40, 50].map((jobs, i) => ({
  name: `Site ${i + 1}`,
  color: ['#007ac2', '#35ac46', '#e67a00'][i],
  jobs,
  seed: 21 + i,
}));

/** The sites opened by {@link openSites}: the page, and each site's simulator and profile id in order. */
export interface OpenedSites {
  page: Page;
  sims: Simulator[];
  profileIds: string[];
}

/**
 * Starts a simulator per site (its running jobs never finish on their own unless `jobDurationMs` says so),
 * seeds a profile for each, sizes the window when asked, and opens the workspace once every job is listed:
 * the set-up most workspace specs share.
 */
export async function openSites(
  page: Page,
  start: (options: SimOptions) => Promise<Simulator>,
  sites: readonly SiteSpec[],
  viewport?: ViewportSize,
): Promise<OpenedSites> {
  const sims = await Promise.all(
    sites.map(({ name: _name, production: _production, color: _color, tags: _tags, ...sim }) =>
      start({ jobDurationMs: Infinity, ...sim }),
    ),
  );
  if (viewport) await page.setViewportSize(viewport);
  const profileIds: string[] = [];
  for (const [i, sim] of sims.entries()) profileIds.push(await seedProfile(page, sim, sites[i]!));
  // Every job a simulator holds (GP jobs, and the Export Tiles jobs of a site with tile services).
  await openWorkspace(
    page,
    sims.reduce((sum, sim) => sum + sim.jobs().length, 0),
  );
  return { page, sims, profileIds };
}

/** Opens the "Add server" form and returns its dialog. */
export async function openAddServer(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Add server' }).first().click();
  return page.getByRole('dialog');
}

/**
 * Fills the server form for a simulator: name, URL (the site root unless given), user name, password (the
 * right one unless given) and, unless `trustCa` is false, its CA file.
 */
export async function fillServerForm(
  dialog: Locator,
  sim: Simulator,
  form: { name: string; url?: string; password?: string; trustCa?: boolean },
): Promise<void> {
  await dialog.getByLabel('Name', { exact: true }).fill(form.name);
  await dialog.getByLabel('Server URL').fill(form.url ?? sim.url);
  await dialog.getByLabel('Username', { exact: true }).fill(sim.username);
  if (form.trustCa !== false) await dialog.getByLabel('CA certificate').setInputFiles(sim.caFile);
  await dialog.getByLabel('Password', { exact: true }).fill(form.password ?? sim.password);
}

/** The job grid. */
export function jobGrid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Jobs' });
}

/** How many rows the grid holds (its aria-rowcount, less the header row). */
export async function gridRowCount(page: Page): Promise<number> {
  return Number(await jobGrid(page).getAttribute('aria-rowcount')) - 1;
}

/** Waits until the grid holds exactly `n` rows. */
export async function expectRowCount(page: Page, n: number): Promise<void> {
  await expect(jobGrid(page)).toHaveAttribute('aria-rowcount', String(n + 1));
}

/** The rendered data rows (only a window of them at scale). */
export function renderedRows(page: Page): Locator {
  return jobGrid(page).locator('[role=row][data-index]');
}

/** The action bar's Delete and Cancel buttons. */
export function bulkButtons(page: Page): { del: Locator; cancel: Locator } {
  return { del: page.getByTestId('delete-jobs'), cancel: page.getByTestId('cancel-jobs') };
}

/** Types the count into the confirmation (when asked) and confirms; waits for the run to finish. */
export async function confirmAndFinish(page: Page, count: number): Promise<void> {
  const dialog = page.getByRole('dialog');
  const typed = dialog.getByLabel(/to confirm/);
  if (await typed.count()) await typed.fill(String(count));
  await dialog
    .getByRole('button', { name: new RegExp(`^(Delete|Cancel) ${count.toLocaleString('en-US')} jobs?$`) })
    .click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('progress-panel')).toHaveAttribute('data-finished', 'true', {
    timeout: 60_000,
  });
}

/** Reads a download's text. */
export async function downloadedText(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/** Where the e2e run keeps the screenshots of the main views. */
export function screenshotPath(testInfo: TestInfo, name: string): string {
  return path.join(testInfo.project.outputDir, 'screenshots', `${name}.png`);
}

/** Makes the delete of the simulator's first `n` jobs answer HTTP 500 every time; returns their ids and the remover. */
export function failDeletes(sim: Simulator, n: number): { doomed: Set<string>; remove: () => void } {
  const doomed = new Set(
    sim
      .jobs()
      .slice(0, n)
      .map((j) => j.jobId),
  );
  const remove = sim.addFault({
    kind: 'http500',
    match: ({ path }) => path.endsWith('/delete') && doomed.has(path.split('/').at(-2) ?? ''),
  });
  return { doomed, remove };
}
