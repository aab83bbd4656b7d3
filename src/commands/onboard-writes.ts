/**
 * Onboarding's writes, held back until every prompt is answered, then made in the order that keeps the
 * config and the auth store consistent:
 * 1. both targets and their locks are checked first (a symlink, a FIFO, a broken store, a lock dated in
 *    the future), so a refusal writes nothing;
 * 2. the config change is applied under the config's lock onto a fresh read of the file (another
 *    onboarding may have written it since this one read it);
 * 3. the keys are stored last, under the store's lock. If that fails, the config change is rolled back.
 * Cancelling the wizard therefore leaves both files untouched. A process killed between 2 and 3 leaves a
 * config naming a profile that has no key yet; re-running onboarding stores it (see docs/reliability.md).
 */
import { assertAuthStoreWritable } from "../agents/auth-profiles/index.js";
import { assertConfigWritable, writeConfigChange, type ConfigSnapshot } from "../config/io.js";
import { resolveAuthStorePath } from "../config/paths.js";
import { assertLockUsable } from "../infra/file-lock.js";
import type { OpenClawConfig } from "../config/types.js";
import type { EnvRecord } from "../infra/env.js";
import { setProviderApiKey } from "./onboard-auth.credentials.js";

/** Same shape as `setProviderApiKey`, so the auth-choice code can be given either. */
export type StoreProviderKey = typeof setProviderApiKey;

export type OnboardingWrites = {
  /** Records a key to store at commit time (pass to the auth-choice code instead of `setProviderApiKey`). */
  storeKey: StoreProviderKey;
  /** Writes the config change (`base` -> `next`), then the recorded keys. Returns the config as written. */
  commit: (params: { base: OpenClawConfig; next: OpenClawConfig; configPath: string; snapshot?: ConfigSnapshot }) => Promise<OpenClawConfig>;
};

export function createOnboardingWrites(params: { env: EnvRecord; agentDir: string }): OnboardingWrites {
  const pending: Parameters<StoreProviderKey>[] = [];
  return {
    storeKey: async (...args) => {
      pending.push(args);
    },
    commit: async ({ base, next, configPath, snapshot }) => {
      const io = { env: params.env, configPath };
      assertConfigWritable(io);
      await assertLockUsable(configPath);
      if (pending.length > 0) {
        assertAuthStoreWritable(params.agentDir, params.env);
        await assertLockUsable(resolveAuthStorePath(params.agentDir));
      }
      // The snapshot onboarding started from spares a second parse and validation when the file is unchanged.
      const written = await writeConfigChange(base, next, { ...io, ...(snapshot ? { snapshot } : {}) });
      try {
        for (const args of pending) await setProviderApiKey(...args);
      } catch (err) {
        // Undo only what this run changed, onto whatever the file holds now; the key error is what matters.
        await writeConfigChange(next, base, io).catch(() => undefined);
        throw err;
      }
      return written;
    },
  };
}
