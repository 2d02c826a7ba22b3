/**
 * The Policies panel's state: the policies (with their last run), a fresh preview per policy, the run
 * awaiting confirmation, and each server's job retention. Run now previews again and confirms that exact
 * plan; the run itself is followed by the app's bulk progress like any other run.
 */
import type {
  AppError,
  ChannelResults,
  GpJobsApi,
  PayloadOf,
  PolicyPreviewView,
  PolicyView,
  ServerRetentionView,
} from '../../lib/contract-types';
import type { Replanned } from '../../lib/bulk-runs.svelte';
import { call } from '../../lib/errors';

/** Where a started run goes to be followed (the app's BulkRuns). */
export interface RunFollower {
  follow(runId: string, plan: PolicyPreviewView['plan']): void;
  readonly active: boolean;
}

const key = (name: string) => name.toLowerCase();

/** See the module comment. */
export class PolicyPanelState {
  policies = $state.raw<PolicyView[]>([]);
  problems = $state.raw<AppError[]>([]);
  error = $state.raw<AppError | null>(null);
  loading = $state(false);
  /** The latest preview of each policy, by lower-cased name. */
  previews = $state.raw<Readonly<Record<string, PolicyPreviewView>>>({});
  /** The policy being listed now. */
  previewing = $state<string | null>(null);
  /** The preview whose plan awaits confirmation. */
  confirming = $state.raw<PolicyPreviewView | null>(null);
  /** Set when the preview awaiting confirmation replaces one the backend refused at its start. */
  replanned = $state.raw<Replanned | null>(null);
  /** Each server's retention (or why it could not be read), by profile id. */
  retention = $state.raw<Readonly<Record<string, ServerRetentionView | AppError>>>({});

  readonly #api: GpJobsApi;
  readonly #runs: RunFollower;

  constructor(api: GpJobsApi, runs: RunFollower) {
    this.#api = api;
    this.#runs = runs;
  }

  /** Reads the policies and their last runs. */
  async load(): Promise<void> {
    this.loading = true;
    const r = await call(() => this.#api.policies.list());
    this.loading = false;
    this.error = r.ok ? null : r.error;
    if (!r.ok) return;
    this.policies = r.value.policies;
    this.problems = r.value.problems;
  }

  /** Lists what `name` would touch now. */
  async preview(name: string): Promise<PolicyPreviewView | null> {
    this.previewing = name;
    this.error = null;
    const r = await call(() => this.#api.policies.preview({ name }));
    this.previewing = null;
    if (!r.ok) {
      this.error = r.error;
      return null;
    }
    this.previews = { ...this.previews, [key(name)]: r.value };
    return r.value;
  }

  /** Previews `name` afresh and asks for confirmation of that plan (refused over the cap). */
  async runNow(name: string, replanned: Replanned | null = null): Promise<void> {
    if (this.#runs.active) return;
    const p = await this.preview(name);
    if (p && !p.overCap && p.plan.eligible > 0) {
      this.replanned = replanned;
      this.confirming = p;
    }
  }

  /**
   * Runs the confirmed preview. When the backend refuses it (no longer held, or its jobs changed since),
   * the policy is previewed again and that plan awaits confirmation, with why (`replanned`).
   */
  async confirm(): Promise<void> {
    const p = this.confirming;
    this.closeConfirmation();
    if (!p) return;
    const r = await call(() => this.#api.policies.start({ previewId: p.previewId }));
    if (!r.ok) {
      const refused = r.error;
      if (refused.kind === 'invalid-input' || refused.kind === 'not-found')
        await this.runNow(p.name, { reason: refused.message, eligibleBefore: p.plan.eligible });
      // No new plan to confirm (nothing left, or the preview failed): say why nothing ran.
      if (!this.confirming) this.error ??= refused;
      return;
    }
    const { [key(p.name)]: _ran, ...rest } = this.previews;
    this.previews = rest;
    this.#runs.follow(r.value.runId, r.value.plan);
  }

  /** Closes the confirmation without running it. */
  closeConfirmation(): void {
    this.confirming = null;
    this.replanned = null;
  }

  /** Saves a policy (new, or replacing `replacing`); returns whether it was saved. */
  async save(policy: PayloadOf<'policies.save'>['policy'], replacing?: string): Promise<AppError | null> {
    const r = await call(() => this.#api.policies.save({ policy, ...(replacing ? { replacing } : {}) }));
    if (r.ok) await this.load();
    return r.ok ? null : r.error;
  }

  /** Deletes a user policy. */
  async remove(name: string): Promise<void> {
    const r = await call(() => this.#api.policies.remove({ name }));
    this.error = r.ok ? null : r.error;
    if (r.ok) await this.load();
  }

  /** Imports a policies file's text; returns what was added and skipped (the list is read again). */
  async importText(text: string): Promise<ChannelResults['policies.import'] | null> {
    const r = await call(() => this.#api.policies.import({ text }));
    this.error = r.ok ? null : r.error;
    if (r.ok) await this.load();
    return r.ok ? r.value : null;
  }

  /** Every policy as a policies file's text, or null (the error shown) when it cannot be read. */
  async exportText(): Promise<string | null> {
    const r = await call(() => this.#api.policies.export({}));
    this.error = r.ok ? null : r.error;
    return r.ok ? r.value.json : null;
  }

  /** Reads each server's job retention. */
  async loadRetention(profileIds: readonly string[]): Promise<void> {
    const read = await Promise.all(
      profileIds.map(async (profileId) => {
        const r = await call(() => this.#api.profiles.retention({ profileId }));
        return [profileId, r.ok ? r.value : r.error] as const;
      }),
    );
    this.retention = Object.fromEntries(read);
  }
}
