/**
 * The auth-profile store: tolerant reads, and writes that re-read under a lock file and replace the
 * file atomically (mode 0600), so two concurrent onboardings never lose each other's profiles.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import lockfile from "proper-lockfile";
import { OpenClawError } from "../../infra/errors.js";
import { ensurePrivateDir, readTextFileIfExists, writeJsonFileAtomic } from "../../infra/json-file.js";
import { resolveAuthStorePath, resolveOpenClawAgentDir, type PathEnv } from "../../config/paths.js";
import { isPlainObject } from "../../config/env-substitution.js";
import { AUTH_STORE_VERSION, type AuthProfileCredential, type AuthProfileStore } from "./types.js";

const CREDENTIAL_TYPES = new Set(["api_key", "token", "oauth"]);

export function emptyAuthProfileStore(): AuthProfileStore {
  return { version: AUTH_STORE_VERSION, profiles: {} };
}

/** Strips line breaks (incl. U+2028/U+2029) and surrounding space from a pasted secret. */
export function normalizeSecretInput(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]/g, "").trim();
}

function coerceStore(raw: unknown): AuthProfileStore {
  const store = emptyAuthProfileStore();
  if (!isPlainObject(raw)) return store;
  if (isPlainObject(raw.profiles)) {
    for (const [id, value] of Object.entries(raw.profiles)) {
      if (!isPlainObject(value)) continue;
      if (typeof value.type !== "string" || !CREDENTIAL_TYPES.has(value.type)) continue;
      if (typeof value.provider !== "string" || !value.provider.trim()) continue;
      store.profiles[id] = value as AuthProfileCredential;
    }
  }
  if (isPlainObject(raw.order)) {
    const order: Record<string, string[]> = {};
    for (const [provider, ids] of Object.entries(raw.order)) {
      if (!Array.isArray(ids)) continue;
      order[provider] = ids.filter((id): id is string => typeof id === "string").map((id) => id.trim()).filter(Boolean);
    }
    store.order = order;
  }
  if (isPlainObject(raw.lastGood)) store.lastGood = raw.lastGood as Record<string, string>;
  if (isPlainObject(raw.usageStats)) store.usageStats = raw.usageStats as AuthProfileStore["usageStats"];
  return store;
}

export function resolveStoreAgentDir(agentDir?: string, env: PathEnv = process.env): string {
  return agentDir ?? resolveOpenClawAgentDir(env);
}

/** Reads `<agentDir>/auth-profiles.json`; missing -> empty store; broken JSON -> error (file untouched). */
export function ensureAuthProfileStore(agentDir?: string, options: { env?: PathEnv; allowKeychainPrompt?: boolean } = {}): AuthProfileStore {
  const storePath = resolveAuthStorePath(resolveStoreAgentDir(agentDir, options.env));
  return readStoreFile(storePath);
}

function readStoreFile(storePath: string): AuthProfileStore {
  const text = readTextFileIfExists(storePath);
  if (text === undefined || text.trim() === "") return emptyAuthProfileStore();
  try {
    return coerceStore(JSON.parse(text));
  } catch (err) {
    throw new OpenClawError("AUTH_STORE_PARSE", `Failed to parse auth store ${storePath}: ${(err as Error).message}`, {
      hint: `Fix or move ${storePath} aside, then re-run \`openclaw onboard\`.`,
      cause: err,
    });
  }
}

function serialiseStore(store: AuthProfileStore): AuthProfileStore {
  return {
    version: AUTH_STORE_VERSION,
    profiles: store.profiles,
    ...(store.order ? { order: store.order } : {}),
    ...(store.lastGood ? { lastGood: store.lastGood } : {}),
    ...(store.usageStats ? { usageStats: store.usageStats } : {}),
  };
}

export async function saveAuthProfileStore(store: AuthProfileStore, agentDir?: string, env: PathEnv = process.env): Promise<void> {
  await writeJsonFileAtomic(resolveAuthStorePath(resolveStoreAgentDir(agentDir, env)), serialiseStore(store));
}

/**
 * Runs `updater` on a fresh read of the store while holding `<store>.lock`, then writes the result.
 * The lock is stale after 5 s (a killed writer), and acquisition retries with backoff for longer than that.
 */
export async function updateAuthProfileStoreWithLock(params: {
  agentDir?: string;
  env?: PathEnv;
  updater: (store: AuthProfileStore) => AuthProfileStore | void;
}): Promise<AuthProfileStore> {
  const storePath = resolveAuthStorePath(resolveStoreAgentDir(params.agentDir, params.env));
  ensurePrivateDir(path.dirname(storePath));
  let release: (() => Promise<void>) | undefined;
  try {
    release = await lockfile.lock(storePath, {
      realpath: false,
      // Writes take milliseconds; a lock older than this belongs to a killed process.
      stale: 5_000,
      retries: { retries: 20, factor: 1.5, minTimeout: 25, maxTimeout: 1_000, randomize: true },
    });
  } catch (err) {
    throw new OpenClawError("AUTH_STORE_LOCKED", `Could not lock ${storePath}: ${(err as Error).message}`, {
      hint: "Another openclaw process is writing credentials; retry in a moment.",
      cause: err,
    });
  }
  try {
    const current = existsSync(storePath) ? readStoreFile(storePath) : emptyAuthProfileStore();
    const next = params.updater(current) ?? current;
    await writeJsonFileAtomic(storePath, serialiseStore(next));
    return next;
  } finally {
    await release();
  }
}

function normalizeCredential(credential: AuthProfileCredential): AuthProfileCredential {
  if (credential.type === "api_key" && typeof credential.key === "string") {
    return { ...credential, key: normalizeSecretInput(credential.key) };
  }
  if (credential.type === "token") return { ...credential, token: normalizeSecretInput(credential.token) };
  return credential;
}

/** Sets one profile (secret normalised), keeping every other profile and the bookkeeping maps. */
export async function upsertAuthProfile(params: {
  profileId: string;
  credential: AuthProfileCredential;
  agentDir?: string;
  env?: PathEnv;
}): Promise<void> {
  const credential = normalizeCredential(params.credential);
  await updateAuthProfileStoreWithLock({
    agentDir: params.agentDir,
    env: params.env,
    updater: (store) => {
      store.profiles[params.profileId] = credential;
    },
  });
}
