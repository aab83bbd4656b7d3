/**
 * `${VAR}` references in config strings. Loading substitutes them from the env; writing puts the
 * template back wherever the value is still what the template resolves to, so a rewrite by onboarding
 * never bakes a secret into the file.
 */
import type { EnvRecord } from "../infra/env.js";
import { OpenClawError } from "../infra/errors.js";
import { copyPlainObject, isPlainObject, setOwnKey } from "../infra/plain-object.js";

const TEMPLATE = /\$?\$\{([A-Z_][A-Z0-9_]*)\}/g;

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

function substituteString(value: string, env: EnvRecord, at: readonly (string | number)[], configPath: string, onMissing?: OnMissingEnvVar): string {
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

/** Resolves templates below `value`; returns `value` itself when it holds none, so unchanged subtrees are not copied. */
function substituteAt(value: unknown, env: EnvRecord, configPath: string, at: (string | number)[], onMissing?: OnMissingEnvVar): unknown {
  if (typeof value === "string") {
    // Most strings hold no template; skipping the regex for them matters on configs with thousands of models.
    return value.includes("${") ? substituteString(value, env, [...at], configPath, onMissing) : value;
  }
  // `at` is one shared stack, pushed and popped on the way (no path array per value).
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      at.push(index);
      const item = substituteAt(value[index], env, configPath, at, onMissing);
      at.pop();
      if (item !== value[index]) (out ??= [...value])[index] = item;
    }
    return out ?? value;
  }
  if (isPlainObject(value)) {
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      at.push(key);
      const item = substituteAt(value[key], env, configPath, at, onMissing);
      at.pop();
      if (item === value[key]) continue;
      setOwnKey((out ??= copyPlainObject(value)), key, item);
    }
    return out ?? value;
  }
  return value;
}

/**
 * Returns `value` with every `${VAR}` in its strings resolved: the objects on the way to a template are
 * copied, everything else is shared with `value` (treat both as read-only). An unset variable throws,
 * unless `onMissing` is given: then it is reported and left unresolved.
 */
export function substituteEnvVars(value: unknown, env: EnvRecord, configPath: string, at: (string | number)[] = [], onMissing?: OnMissingEnvVar): unknown {
  return substituteAt(value, env, configPath, [...at], onMissing);
}

function containsTemplate(value: string): boolean {
  TEMPLATE.lastIndex = 0;
  return TEMPLATE.test(value);
}

/**
 * Whether a config file's text may hold a `${VAR}` template anywhere: a literal `${`, or an escape that could
 * spell one (JSON's `\u0024`, JSON5's `\x24` or `\$`). False means substitution and restoration have
 * nothing to do, which spares a walk over every value of a big config.
 */
export function mayHoldEnvTemplates(text: string): boolean {
  return text.includes("${") || (text.includes("\\") && /\\[${xu]/.test(text));
}

/**
 * Puts `${VAR}` templates from `raw` (the file as written) back into `next` wherever the value at the same
 * path equals what the template resolves to now. Values that changed are written as given. Returns `next`
 * itself where nothing is restored below it (so an unchanged 10 000-model list is neither walked twice
 * nor copied): a subtree that is the file's own object holds its templates already.
 */
export function restoreEnvTemplates(next: unknown, raw: unknown, env: EnvRecord): unknown {
  if (next === raw) return next;
  if (typeof raw === "string" && typeof next === "string" && containsTemplate(raw)) {
    try {
      return substituteString(raw, env, [], "") === next ? raw : next;
    } catch {
      return next;
    }
  }
  if (Array.isArray(next) && Array.isArray(raw)) {
    let out: unknown[] | undefined;
    for (let index = 0; index < next.length; index++) {
      const item = restoreEnvTemplates(next[index], raw[index], env);
      if (item !== next[index]) (out ??= [...next])[index] = item;
    }
    return out ?? next;
  }
  if (isPlainObject(next) && isPlainObject(raw)) {
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(next)) {
      const item = restoreEnvTemplates(next[key], Object.hasOwn(raw, key) ? raw[key] : undefined, env);
      if (item !== next[key]) setOwnKey((out ??= copyPlainObject(next)), key, item);
    }
    return out ?? next;
  }
  return next;
}

/** A whole value that is one `${VAR}` reference (left unresolved when VAR is unset outside the sections read). */
export function isEnvTemplateValue(value: unknown): value is string {
  return typeof value === "string" && /^\$\{[A-Z_][A-Z0-9_]*\}$/.test(value);
}
