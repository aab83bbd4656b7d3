/**
 * `${VAR}` references in config strings. Loading substitutes them from the env; writing puts the
 * template back wherever the value is still what the template resolves to, so a rewrite by onboarding
 * never bakes a secret into the file.
 */
import type { EnvRecord } from "../infra/env.js";
import { OpenClawError } from "../infra/errors.js";

const TEMPLATE = /\$?\$\{([A-Z_][A-Z0-9_]*)\}/g;

export type EnvLike = EnvRecord;

export function formatConfigPath(segments: readonly (string | number)[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out || "<root>";
}

/** Called for an unset variable instead of throwing; the `${VAR}` text is then left as is. */
export type OnMissingEnvVar = (name: string, at: string) => void;

function substituteString(value: string, env: EnvLike, at: readonly (string | number)[], configPath: string, onMissing?: OnMissingEnvVar): string {
  return value.replace(TEMPLATE, (match: string, name: string) => {
    // `$${VAR}` is the escape for a literal `${VAR}`.
    if (match.startsWith("$$")) return match.slice(1);
    const resolved = env[name];
    if (resolved === undefined || resolved === "") {
      if (onMissing) {
        onMissing(name, formatConfigPath(at));
        return match;
      }
      throw new OpenClawError(
        "CONFIG_MISSING_ENV",
        `Missing env var "${name}" referenced at config path: ${formatConfigPath(at)} (in ${configPath})`,
        { hint: `Set ${name} in your environment (or in the config's env block), or write $\${${name}} for a literal.` },
      );
    }
    return resolved;
  });
}

/**
 * Returns a copy of `value` with every `${VAR}` in its strings resolved. An unset variable throws, unless
 * `onMissing` is given: then it is reported and left unresolved.
 */
export function substituteEnvVars(value: unknown, env: EnvLike, configPath: string, at: (string | number)[] = [], onMissing?: OnMissingEnvVar): unknown {
  if (typeof value === "string") return substituteString(value, env, at, configPath, onMissing);
  if (Array.isArray(value)) return value.map((item, index) => substituteEnvVars(item, env, configPath, [...at, index], onMissing));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: substituteEnvVars(item, env, configPath, [...at, key], onMissing), writable: true, enumerable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function containsTemplate(value: string): boolean {
  TEMPLATE.lastIndex = 0;
  return TEMPLATE.test(value);
}

/**
 * Puts `${VAR}` templates from `raw` (the file as written) back into `next` wherever the value at the same
 * path equals what the template resolves to now. Values that changed are written as given.
 */
export function restoreEnvTemplates(next: unknown, raw: unknown, env: EnvLike): unknown {
  if (typeof raw === "string" && typeof next === "string" && containsTemplate(raw)) {
    try {
      return substituteString(raw, env, [], "") === next ? raw : next;
    } catch {
      return next;
    }
  }
  if (Array.isArray(next) && Array.isArray(raw)) {
    return next.map((item, index) => restoreEnvTemplates(item, raw[index], env));
  }
  if (isPlainObject(next) && isPlainObject(raw)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(next)) out[key] = restoreEnvTemplates(item, raw[key], env);
    return out;
  }
  return next;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
