/**
 * `${VAR}` references in config strings. Loading substitutes them from the env; writing puts the
 * template back wherever the value is still what the template resolves to, so a rewrite by onboarding
 * never bakes a secret into the file.
 */
import type { EnvRecord } from "../infra/env.js";
import { OpenClawError } from "../infra/errors.js";
import { isPlainObject } from "../infra/plain-object.js";

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
      out ??= copyObject(value);
      // A plain assignment to "__proto__" would set the prototype instead of a key.
      Object.defineProperty(out, key, { value: item, writable: true, enumerable: true, configurable: true });
    }
    return out ?? value;
  }
  return value;
}

function copyObject(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: value[key], writable: true, enumerable: true, configurable: true });
  return out;
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
 * Puts `${VAR}` templates from `raw` (the file as written) back into `next` wherever the value at the same
 * path equals what the template resolves to now. Values that changed are written as given.
 */
export function restoreEnvTemplates(next: unknown, raw: unknown, env: EnvRecord): unknown {
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

/** A whole value that is one `${VAR}` reference (left unresolved when VAR is unset outside the sections read). */
export function isEnvTemplateValue(value: unknown): value is string {
  return typeof value === "string" && /^\$\{[A-Z_][A-Z0-9_]*\}$/.test(value);
}
