/**
 * Reading and writing `openclaw.json` (JSON5 in, plain JSON out). Loading applies the `env` block, the
 * opt-in login-shell import and `${VAR}` substitution, then validates the sections this slice owns.
 * Writing validates first, restores `${VAR}` references, keeps every key it does not own, backs up the
 * previous file and replaces it atomically with mode 0600, holding `openclaw.json.lock` throughout.
 * A symlink at `openclaw.json` is refused (never followed, never replaced); one at `openclaw.json.bak` is
 * replaced by the new backup.
 *
 * Not supported in this slice: `$include` (kept verbatim, not expanded).
 */
import JSON5 from "json5";
import { OpenClawError } from "../infra/errors.js";
import { nodeCrypto } from "../infra/lazy-builtins.js";
import { withFileLock } from "../infra/file-lock.js";
import { warnIfSecretFileExposed, warnIfStateDirExposed } from "../infra/file-permissions.js";
import { exceedsJsonDepth, MAX_JSON_DEPTH } from "../infra/json-depth.js";
import { assertWritableTarget, decodeText, readFileIfExists, writeTextFileAtomicSync, PRIVATE_FILE_MODE } from "../infra/json-file.js";
import { warnOnce } from "../infra/warnings.js";
import { isTruthyEnvValue, loadShellEnvFallback } from "../infra/shell-env.js";
import { VERSION } from "../version.js";
import { mayHoldEnvTemplates, restoreEnvTemplates, substituteEnvVars } from "./env-substitution.js";
import type { EnvRecord } from "../infra/env.js";
import { copyPlainObject, isPlainObject } from "../infra/plain-object.js";
import { applyConfigPatch, diffConfig } from "./patch.js";
import { resolveConfigPath, resolveStateDir } from "./paths.js";
import { isValidConfigWithinDepth, validateConfigObject, type ConfigIssue } from "./schema.js";
import type { OpenClawConfig } from "./types.js";

/** Keys the login-shell import may copy into the env (order as upstream). */
export const SHELL_ENV_EXPECTED_KEYS: readonly string[] = [
  "OPENAI_API_KEY",
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_OAUTH_TOKEN",
  "GEMINI_API_KEY",
  "ZAI_API_KEY",
  "OPENROUTER_API_KEY",
  "AI_GATEWAY_API_KEY",
  "MINIMAX_API_KEY",
  "SYNTHETIC_API_KEY",
  "KILOCODE_API_KEY",
  "ELEVENLABS_API_KEY",
  "TELEGRAM_BOT_TOKEN",
  "DISCORD_BOT_TOKEN",
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "OPENCLAW_GATEWAY_TOKEN",
  "OPENCLAW_GATEWAY_PASSWORD",
];

export type ConfigIoOptions = { env?: EnvRecord; configPath?: string };

/**
 * Options for a locked read-modify-write. `snapshot` is what the caller already read: when the file still
 * holds exactly that text under the lock, it is used as is instead of parsing and validating the file again
 * (a big config costs a parse and a validation per pass).
 */
export type ConfigUpdateOptions = ConfigIoOptions & { snapshot?: ConfigSnapshot };

export type ConfigSnapshot = {
  path: string;
  exists: boolean;
  raw: string | null;
  /** The file as parsed, with `${VAR}` templates unresolved. */
  parsed: unknown;
  /** After env substitution: what the slice works with. */
  config: OpenClawConfig;
  valid: boolean;
  issues: ConfigIssue[];
  hash: string | null;
  /** The first problem as a typed error (parse, env or validation), for callers that stop on it. */
  error?: OpenClawError;
};

const CONFIG_LINK_HINT = "or point OPENCLAW_CONFIG_PATH at the real file";

/** Top-level sections this CLI reads: an unset `${VAR}` there is an error; elsewhere only a warning. */
const SECTIONS_READ = new Set(["env", "auth", "models", "agents"]);

/** The file's bytes (null when it does not exist), with a config-specific error when it cannot be read. */
function readBytes(configPath: string): Buffer | null {
  try {
    return readFileIfExists(configPath) ?? null;
  } catch (err) {
    const error = err as OpenClawError;
    throw new OpenClawError("CONFIG_UNREADABLE", error.message.replace(/^Cannot read /, "Cannot read config "), {
      hint: error.hint ?? "Check the file's permissions, or point OPENCLAW_CONFIG_PATH / OPENCLAW_STATE_DIR at a readable location.",
      cause: err,
    });
  }
}

/**
 * Plain JSON first: this CLI writes plain JSON, and JSON.parse is more than ten times faster than JSON5 on
 * a large file. JSON5 (comments, trailing commas, unquoted keys) runs only when that fails, and gives the
 * error message with its line and column.
 */
function parseJsonOrJson5(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return JSON5.parse(raw);
  }
}

function tooDeepError(configPath: string): OpenClawError {
  return new OpenClawError("CONFIG_PARSE", `Failed to parse ${configPath}: nested more than ${MAX_JSON_DEPTH} levels deep`, {
    hint: `This is not a config this CLI can use; restore ${configPath}.bak or move the file aside, then re-run.`,
  });
}

export function parseConfigText(raw: string, configPath: string): unknown {
  const parsed = parseConfigSyntax(raw, configPath);
  if (exceedsJsonDepth(parsed)) throw tooDeepError(configPath);
  return parsed;
}

/** The parse, without the depth guard (the caller runs it, or a check that includes it). */
function parseConfigSyntax(raw: string, configPath: string): unknown {
  let parsed: unknown;
  try {
    parsed = raw.trim() === "" ? {} : parseJsonOrJson5(raw);
  } catch (err) {
    if (err instanceof RangeError) throw tooDeepError(configPath);
    const syntax = err as SyntaxError & { lineNumber?: number; columnNumber?: number };
    const reason = syntax.message.replace(/^JSON5:\s*/, "").replace(/\s+at \d+:\d+$/, "");
    const where = syntax.lineNumber ? ` at line ${syntax.lineNumber}, column ${syntax.columnNumber ?? 0}` : "";
    throw new OpenClawError("CONFIG_PARSE", `Failed to parse ${configPath}: ${reason}${where}`, {
      hint: `Fix the syntax error in ${configPath} (JSON5 allows comments and trailing commas), then re-run.`,
    });
  }
  return parsed;
}

/** `${VAR}` substitution: strict in the sections this CLI reads, a warning (text left as is) elsewhere. */
function substituteConfig(parsed: Record<string, unknown>, env: EnvRecord, configPath: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const onMissing = SECTIONS_READ.has(key)
      ? undefined
      : (name: string, at: string) =>
          warnOnce(
            `config-env:${configPath}:${name}:${at}`,
            `Env var "${name}" is not set (referenced at ${at} in ${configPath}); kept as \${${name}}, as this CLI does not need it.`,
            `Set ${name} before running the parts of OpenClaw that use ${key}.`,
          );
    Object.defineProperty(out, key, { value: substituteEnvVars(value, env, configPath, [key], onMissing), writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/** Literal secrets in the file (not `${VAR}` references): then its mode matters. */
function holdsSecrets(parsed: unknown): boolean {
  if (!isPlainObject(parsed)) return false;
  const envBlock = isPlainObject(parsed.env) ? Object.values(parsed.env).some((value) => typeof value === "string") : false;
  const providers = isPlainObject(parsed.models) && isPlainObject(parsed.models.providers) ? Object.values(parsed.models.providers) : [];
  const literalKey = providers.some((provider) => isPlainObject(provider) && typeof provider.apiKey === "string" && !/^\$\{[A-Z0-9_]+\}$/.test(provider.apiKey.trim()));
  return envBlock || literalKey;
}

/** Applies `env.vars` and top-level string keys of the `env` block, never overriding what is already set. */
export function applyConfigEnv(parsed: unknown, env: EnvRecord): void {
  if (!isPlainObject(parsed) || !isPlainObject(parsed.env)) return;
  const block = parsed.env;
  const entries: [string, unknown][] = [
    ...Object.entries(block).filter(([key]) => key !== "vars" && key !== "shellEnv"),
    ...(isPlainObject(block.vars) ? Object.entries(block.vars) : []),
  ];
  for (const [key, value] of entries) {
    if (typeof value === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !env[key]) env[key] = value;
  }
}

/** Whether the login-shell key import is on (`env.shellEnv.enabled` or OPENCLAW_LOAD_SHELL_ENV). */
export function shellEnvEnabled(parsed: unknown, env: EnvRecord): boolean {
  if (isTruthyEnvValue(env.OPENCLAW_LOAD_SHELL_ENV)) return true;
  if (!isPlainObject(parsed) || !isPlainObject(parsed.env) || !isPlainObject(parsed.env.shellEnv)) return false;
  return parsed.env.shellEnv.enabled === true;
}

function shellEnvTimeout(parsed: unknown): number | undefined {
  if (!isPlainObject(parsed) || !isPlainObject(parsed.env) || !isPlainObject(parsed.env.shellEnv)) return undefined;
  const timeout = parsed.env.shellEnv.timeoutMs;
  return typeof timeout === "number" ? timeout : undefined;
}

function invalidConfigError(configPath: string, issues: ConfigIssue[]): OpenClawError {
  const [first] = issues;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new OpenClawError("CONFIG_INVALID", `Invalid config ${configPath}: ${first?.message ?? "unknown problem"}${more}`, {
    hint: `Fix ${issues.map((issue) => issue.path).join(", ")} in ${configPath}, or move the file aside and run \`openclaw onboard\` to write a fresh one.`,
  });
}

/** Adds `hash`, computed on first use: hashing a 5 MB config costs more than most commands need it for. */
function withLazyHash(snapshot: Omit<ConfigSnapshot, "hash">): ConfigSnapshot {
  let hash: string | null | undefined;
  const { raw } = snapshot;
  return Object.defineProperty(snapshot, "hash", {
    enumerable: true,
    get: () => (hash ??= raw === null ? null : nodeCrypto().createHash("sha256").update(raw).digest("hex")),
  }) as ConfigSnapshot;
}

/** Reads and checks the config without throwing on bad content (only an unreadable file throws). */
export async function readConfigFileSnapshot(opts: ConfigIoOptions = {}): Promise<ConfigSnapshot> {
  const env = opts.env ?? process.env;
  const configPath = opts.configPath ?? resolveConfigPath(env);
  return snapshotFromBytes(readBytes(configPath), configPath, env);
}

function snapshotFromBytes(bytes: Buffer | null, configPath: string, env: EnvRecord): ConfigSnapshot {
  const snapshot = snapshotOf(bytes === null ? null : decodeText(bytes), configPath, env);
  if (bytes !== null) snapshotBytes.set(snapshot, bytes);
  return snapshot;
}

/** The bytes each snapshot was read from: the locked writer compares them with the file, and backs them up. */
const snapshotBytes = new WeakMap<ConfigSnapshot, Buffer>();

function snapshotOf(raw: string | null, configPath: string, env: EnvRecord): ConfigSnapshot {
  warnIfStateDirExposed(resolveStateDir(env));
  const base = { path: configPath, exists: raw !== null, raw };
  const fail = (error: OpenClawError, parsed: unknown): ConfigSnapshot =>
    withLazyHash({ ...base, parsed, config: {}, valid: false, issues: [{ path: configPath, message: error.message }], error });

  // Most files hold no `${VAR}` at all: then the file is the config as it is, with nothing to substitute.
  const templated = raw !== null && mayHoldEnvTemplates(raw);
  let parsed: unknown = {};
  // Valid and not too deep, found in one walk (the usual case): no separate depth walk and validation.
  let checked = false;
  if (raw !== null) {
    try {
      parsed = parseConfigSyntax(raw, configPath);
    } catch (err) {
      if (err instanceof OpenClawError) return fail(err, undefined);
      throw err;
    }
    checked = !templated && isPlainObject(parsed) && isValidConfigWithinDepth(parsed);
    if (!checked && exceedsJsonDepth(parsed)) return fail(tooDeepError(configPath), undefined);
    if (!isPlainObject(parsed)) {
      return fail(
        new OpenClawError("CONFIG_INVALID", `Invalid config ${configPath}: the top level must be an object`, {
          hint: `Wrap the settings in { } in ${configPath}.`,
        }),
        parsed,
      );
    }
  }

  if (holdsSecrets(parsed)) warnIfSecretFileExposed(configPath);
  applyConfigEnv(parsed, env);
  loadShellEnvFallback({
    enabled: shellEnvEnabled(parsed, env),
    env,
    expectedKeys: SHELL_ENV_EXPECTED_KEYS,
    timeoutMs: shellEnvTimeout(parsed),
  });

  let resolved: unknown;
  try {
    resolved = !isPlainObject(parsed) ? parsed : templated ? substituteConfig(parsed, env, configPath) : copyPlainObject(parsed);
  } catch (err) {
    if (err instanceof OpenClawError) return fail(err, parsed);
    throw err;
  }
  const issues = checked ? [] : validateConfigObject(resolved);
  if (issues.length > 0) {
    return withLazyHash({ ...base, parsed, config: resolved as OpenClawConfig, valid: false, issues, error: invalidConfigError(configPath, issues) });
  }
  return withLazyHash({ ...base, parsed, config: resolved as OpenClawConfig, valid: true, issues: [] });
}

/** Loads the config for use; a missing file is `{}`, any problem throws a one-line OpenClawError. */
export async function loadConfig(opts: ConfigIoOptions = {}): Promise<OpenClawConfig> {
  const snapshot = await readConfigFileSnapshot(opts);
  if (snapshot.error) throw snapshot.error;
  return snapshot.config;
}

/** Validates and writes the whole config atomically, under the config's lock (see the module comment). */
export async function writeConfigFile(cfg: OpenClawConfig, opts: ConfigIoOptions = {}): Promise<void> {
  const env = opts.env ?? process.env;
  const configPath = opts.configPath ?? resolveConfigPath(env);
  await withFileLock(configPath, () => writeConfigFileLocked(cfg, configPath, env));
}

/**
 * The file as it is now (bytes, text and parse), when the caller has just read it under the lock, and the
 * valid config it was loaded as, if it was (the writer then re-checks only what the change replaced).
 */
type CurrentFile = { bytes: Buffer | null; raw: string | null; parsed: unknown; validConfig?: OpenClawConfig };

function readCurrentFile(configPath: string): CurrentFile {
  const bytes = readBytes(configPath);
  if (bytes === null) return { bytes, raw: null, parsed: undefined };
  const raw = decodeText(bytes);
  try {
    return { bytes, raw, parsed: parseConfigText(raw, configPath) };
  } catch {
    return { bytes, raw, parsed: undefined };
  }
}

function writeConfigFileLocked(cfg: OpenClawConfig, configPath: string, env: EnvRecord, current?: CurrentFile): void {
  const issues = validateConfigObject(cfg, current?.validConfig);
  if (issues.length > 0) throw invalidConfigError(configPath, issues);
  assertWritableTarget(configPath, { linkHint: CONFIG_LINK_HINT });

  const { bytes: currentBytes, raw: currentRaw, parsed: currentParsed } = current ?? readCurrentFile(configPath);
  // A file with no `${VAR}` in it has no template to put back.
  const templated = currentRaw !== null && mayHoldEnvTemplates(currentRaw);
  const restored = (templated ? restoreEnvTemplates(cfg, currentParsed, env) : cfg) as OpenClawConfig;
  const meta = isPlainObject(restored.meta) ? restored.meta : {};
  const output: OpenClawConfig = {
    ...restored,
    meta: { ...meta, lastTouchedVersion: VERSION, lastTouchedAt: new Date().toISOString() },
  };

  if (currentBytes !== null) {
    // The backup is ours to replace: a link there is swapped for a regular file, never written through.
    writeTextFileAtomicSync(`${configPath}.bak`, currentBytes, { mode: PRIVATE_FILE_MODE, symlink: "replace" });
  }
  writeTextFileAtomicSync(configPath, encodeJsonFile(output), { mode: PRIVATE_FILE_MODE, linkHint: CONFIG_LINK_HINT });
}

/** Pretty JSON and a final newline, encoded once: `${json}\n` would first copy a 5 MB text into a new string. */
function encodeJsonFile(value: unknown): Buffer {
  const json = JSON.stringify(value, null, 2);
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(json) + 1);
  bytes.write(json);
  bytes[bytes.length - 1] = 0x0a;
  return bytes;
}

/**
 * The config's read-modify-write: under the lock, re-reads the file and writes `change(fresh)` (unless it
 * returns undefined). A file that became unusable meanwhile is refused with its error, untouched. Returns the
 * config as it now is.
 */
export async function updateConfigFile(
  change: (fresh: OpenClawConfig) => OpenClawConfig | undefined,
  opts: ConfigUpdateOptions = {},
): Promise<OpenClawConfig> {
  const env = opts.env ?? process.env;
  const configPath = opts.configPath ?? resolveConfigPath(env);
  return withFileLock(configPath, async () => {
    const known = opts.snapshot;
    const bytes = readBytes(configPath);
    // The caller's snapshot stands when the file still holds exactly the bytes it was read from.
    const knownBytes = known && snapshotBytes.get(known);
    const unchanged =
      known !== undefined && known.path === configPath && !known.error && (bytes === null ? known.raw === null : knownBytes?.equals(bytes) === true);
    const fresh = unchanged ? known : snapshotFromBytes(bytes, configPath, env);
    if (fresh.error) throw fresh.error;
    const next = change(fresh.config);
    // `undefined`: nothing to change, so the file is not rewritten.
    if (next === undefined) return fresh.config;
    // `fresh` is valid (an invalid one threw above), and `change` builds `next` without mutating it.
    writeConfigFileLocked(next, configPath, env, { bytes, raw: fresh.raw, parsed: fresh.parsed, validConfig: fresh.config });
    return next;
  });
}

/**
 * Writes what a command changed between `base` (the config it read) and `next` (the config it built) onto
 * the current file, so changes made by another process since `base` was read are kept.
 */
export async function writeConfigChange(base: OpenClawConfig, next: OpenClawConfig, opts: ConfigUpdateOptions = {}): Promise<OpenClawConfig> {
  const patch = diffConfig(base, next);
  return updateConfigFile((fresh) => applyConfigPatch(fresh, patch), opts);
}

/** Fails early (before anything is written) when the config could not be written: a symlink or a non-file. */
export function assertConfigWritable(opts: ConfigIoOptions = {}): void {
  const env = opts.env ?? process.env;
  assertWritableTarget(opts.configPath ?? resolveConfigPath(env), { linkHint: CONFIG_LINK_HINT });
}
