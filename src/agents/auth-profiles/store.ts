/**
 * The auth-profile store: tolerant reads, and writes that re-read under a lock file and replace the
 * file atomically (mode 0600), so two concurrent onboardings never lose each other's profiles.
 *
 * What this slice does not understand is carried through every rewrite untouched: unknown top-level keys,
 * profiles of an unknown type or with malformed fields (set aside with a warning, never used), and a
 * `version` newer than ours.
 */
import { OpenClawError } from "../../infra/errors.js";
import { withFileLock } from "../../infra/file-lock.js";
import { exceedsJsonDepth } from "../../infra/json-depth.js";
import { assertWritableTarget, readTextFileIfExists, writeJsonFileAtomic } from "../../infra/json-file.js";
import { warnIfSecretFileExposed } from "../../infra/file-permissions.js";
import { warnOnce } from "../../infra/warnings.js";
import { resolveAuthStorePath, resolveOpenClawAgentDir } from "../../config/paths.js";
import type { EnvRecord } from "../../infra/env.js";
import { isPlainObject } from "../../infra/plain-object.js";
import { AUTH_STORE_VERSION, type AuthProfileCredential, type AuthProfileStore } from "./types.js";

const STORE_LINK_HINT = "or point OPENCLAW_AGENT_DIR at the directory that holds the real file";
const CREDENTIAL_TYPES = new Set(["api_key", "token", "oauth"]);
const KNOWN_TOP_LEVEL = new Set(["version", "profiles", "order", "lastGood", "usageStats"]);
/** Fields that hold a secret (or an expiry) and must have this type when present. */
const FIELD_TYPES: Record<string, Record<string, "string" | "number" | "object">> = {
  api_key: { key: "string", keyRef: "object", email: "string" },
  token: { token: "string", expires: "number", email: "string" },
  oauth: { access: "string", refresh: "string", expires: "number", email: "string" },
};

function emptyAuthProfileStore(): AuthProfileStore {
  return { version: AUTH_STORE_VERSION, profiles: {} };
}

/** Strips line breaks (incl. U+2028/U+2029) and surrounding space from a pasted secret. */
export function normalizeSecretInput(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]/g, "").trim();
}

/** Why a profile is set aside, or undefined when this slice can use it. */
function profileProblem(value: Record<string, unknown>): string | undefined {
  if (typeof value.type !== "string" || !CREDENTIAL_TYPES.has(value.type)) return undefined;
  for (const [field, type] of Object.entries(FIELD_TYPES[value.type] ?? {})) {
    const actual = value[field];
    if (actual === undefined) continue;
    const ok = type === "object" ? isPlainObject(actual) : typeof actual === type;
    if (!ok) return `"${field}" must be a ${type === "object" ? "JSON object" : type}`;
  }
  return undefined;
}

function coerceStore(raw: Record<string, unknown>, storePath: string): AuthProfileStore {
  const store = emptyAuthProfileStore();
  if (isPlainObject(raw.profiles)) {
    for (const [id, value] of Object.entries(raw.profiles)) {
      if (!isPlainObject(value)) continue;
      if (typeof value.type !== "string" || !CREDENTIAL_TYPES.has(value.type)) continue;
      if (typeof value.provider !== "string" || !value.provider.trim()) continue;
      const problem = profileProblem(value);
      if (problem) {
        warnOnce(
          `auth-profile:${storePath}:${id}`,
          `Ignoring auth profile "${id}" in ${storePath}: ${problem}.`,
          `Re-run \`openclaw onboard\` for ${value.provider} to replace it, or fix that entry by hand.`,
        );
        continue;
      }
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

export function resolveStoreAgentDir(agentDir?: string, env: EnvRecord = process.env): string {
  return agentDir ?? resolveOpenClawAgentDir(env);
}

/** Reads `<agentDir>/auth-profiles.json`; missing -> empty store; broken JSON -> error (file untouched). */
export function ensureAuthProfileStore(agentDir?: string, options: { env?: EnvRecord } = {}): AuthProfileStore {
  const storePath = resolveAuthStorePath(resolveStoreAgentDir(agentDir, options.env));
  return readStoreFile(storePath).store;
}

type StoreRead = { store: AuthProfileStore; raw: Record<string, unknown> };

function invalidStore(storePath: string, reason: string, cause?: unknown): OpenClawError {
  return new OpenClawError("AUTH_STORE_PARSE", `Failed to parse auth store ${storePath}: ${reason}`, {
    hint: `Fix or move ${storePath} aside, then re-run \`openclaw onboard\`.`,
    ...(cause === undefined ? {} : { cause }),
  });
}

function readStoreFile(storePath: string): StoreRead {
  const text = readTextFileIfExists(storePath);
  if (text === undefined || text.trim() === "") return { store: emptyAuthProfileStore(), raw: {} };
  warnIfSecretFileExposed(storePath);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw invalidStore(storePath, (err as Error).message, err);
  }
  if (!isPlainObject(parsed)) throw invalidStore(storePath, "the top level must be a JSON object");
  if (parsed.profiles !== undefined && !isPlainObject(parsed.profiles)) throw invalidStore(storePath, '"profiles" must be a JSON object');
  if (exceedsJsonDepth(parsed)) throw invalidStore(storePath, "it is nested too deeply to be an auth store");
  return { store: coerceStore(parsed, storePath), raw: parsed };
}

/**
 * The file content for `store`: our sections, plus everything from `raw` (the file as last read) that
 * this slice does not understand: unknown top-level keys, set-aside profiles that `store` did not
 * replace, and a newer `version`.
 */
function serialiseStore(store: AuthProfileStore, raw: Record<string, unknown> = {}): Record<string, unknown> {
  const unknownTop = Object.fromEntries(Object.entries(raw).filter(([key]) => !KNOWN_TOP_LEVEL.has(key)));
  const rawProfiles = isPlainObject(raw.profiles) ? raw.profiles : {};
  const setAside = Object.fromEntries(
    Object.entries(rawProfiles).filter(([id, value]) => {
      if (id in store.profiles) return false;
      // Profiles this slice understood and the update removed stay removed.
      return !(isPlainObject(value) && CREDENTIAL_TYPES.has(String(value.type)) && typeof value.provider === "string" && value.provider.trim() && !profileProblem(value));
    }),
  );
  const rawVersion = typeof raw.version === "number" && Number.isFinite(raw.version) ? raw.version : AUTH_STORE_VERSION;
  return {
    ...unknownTop,
    version: Math.max(rawVersion, AUTH_STORE_VERSION),
    profiles: { ...setAside, ...store.profiles },
    ...(store.order ? { order: store.order } : {}),
    ...(store.lastGood ? { lastGood: store.lastGood } : {}),
    ...(store.usageStats ? { usageStats: store.usageStats } : {}),
  };
}

/**
 * Runs `updater` on a fresh read of the store while holding `<store>.lock`, then writes the result.
 * A lock left by a killed writer goes stale after 5 s; see infra/file-lock.ts for what else is refused.
 */
export async function updateAuthProfileStoreWithLock(params: {
  agentDir?: string;
  env?: EnvRecord;
  updater: (store: AuthProfileStore) => AuthProfileStore | void;
}): Promise<AuthProfileStore> {
  const storePath = resolveAuthStorePath(resolveStoreAgentDir(params.agentDir, params.env));
  return withFileLock(storePath, async () => {
    const { store: current, raw } = readStoreFile(storePath);
    const next = params.updater(current) ?? current;
    await writeJsonFileAtomic(storePath, serialiseStore(next, raw), { linkHint: STORE_LINK_HINT });
    return next;
  });
}

/** Fails early (before anything is written) when the store could not be updated: unreadable, invalid, a link. */
export function assertAuthStoreWritable(agentDir?: string, env: EnvRecord = process.env): void {
  const storePath = resolveAuthStorePath(resolveStoreAgentDir(agentDir, env));
  readStoreFile(storePath);
  assertWritableTarget(storePath, { linkHint: STORE_LINK_HINT });
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
  env?: EnvRecord;
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
