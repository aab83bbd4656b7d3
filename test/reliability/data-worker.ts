/**
 * A writer process for the data reliability tests: `node data-worker.mjs <id> <count>` with OPENCLAW_STATE_DIR
 * set. It reads the config once (a stale copy, as onboarding does), then for each i adds its own entry to the
 * config (`writeConfigChange`, onboarding's path) and to the auth store (`upsertAuthProfile`), and prints
 * `ack <i>` once both are written. Bundled with esbuild by the tests; never shipped.
 */
import { upsertAuthProfile } from "../../src/agents/auth-profiles/index.js";
import { readConfigFileSnapshot, writeConfigChange } from "../../src/config/io.js";
import { resolveOpenClawAgentDir } from "../../src/config/paths.js";
import type { OpenClawConfig } from "../../src/config/types.js";

const [id = "0", countText = "1"] = process.argv.slice(2);
const count = Number(countText);
const env = process.env;
const agentDir = resolveOpenClawAgentDir(env);

const snapshot = await readConfigFileSnapshot({ env });
if (snapshot.error) throw snapshot.error;
const base = snapshot.config;
for (let i = 0; i < count; i += 1) {
  const profileId = `w${id}-${i}:default`;
  const next: OpenClawConfig = {
    ...base,
    auth: { ...base.auth, profiles: { ...base.auth?.profiles, [profileId]: { provider: `w${id}`, mode: "api_key" } } },
  };
  await writeConfigChange(base, next, { env, configPath: snapshot.path });
  await upsertAuthProfile({ profileId, credential: { type: "api_key", provider: `w${id}`, key: `k-${id}-${i}` }, agentDir, env });
  process.stdout.write(`ack ${i}\n`);
}
