/**
 * A config change as data: the difference between the config a command read and the one it built, so the
 * change can be re-applied to a fresh copy of the file under the lock (another process may have written it
 * meanwhile). Objects are compared key by key; arrays and scalars are replaced whole.
 */
import { isPlainObject } from "../infra/plain-object.js";

export type ConfigPatchOp = { path: readonly string[]; op: "set"; value: unknown } | { path: readonly string[]; op: "delete" };
export type ConfigPatch = ConfigPatchOp[];

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
  }
  return false;
}

/** The operations that turn `base` into `next`. Iterative, so deep input cannot overflow the stack. */
export function diffConfig(base: unknown, next: unknown): ConfigPatch {
  const ops: ConfigPatch = [];
  const stack: [unknown, unknown, string[]][] = [[base, next, []]];
  while (stack.length > 0) {
    const [from, to, at] = stack.pop()!;
    if (!isPlainObject(from) || !isPlainObject(to)) {
      if (!sameJson(from, to)) ops.push({ path: at, op: "set", value: to });
      continue;
    }
    for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) ops.push({ path: [...at, key], op: "delete" });
    for (const [key, value] of Object.entries(to)) {
      // A new object is added leaf by leaf, so a sibling another writer added to the same parent survives.
      if (!Object.hasOwn(from, key) && isPlainObject(value) && Object.keys(value).length > 0) stack.push([{}, value, [...at, key]]);
      else if (!Object.hasOwn(from, key)) ops.push({ path: [...at, key], op: "set", value });
      else stack.push([from[key], value, [...at, key]]);
    }
  }
  return ops;
}

function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Plain assignment would treat a `__proto__` key in the file as the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The object holding the last segment of `path`; created along the way only when `create`. */
function parentOf(root: Record<string, unknown>, path: readonly string[], create: boolean): Record<string, unknown> | undefined {
  let parent = root;
  for (const key of path.slice(0, -1)) {
    // Own properties only: `parent["__proto__"]` would otherwise reach Object.prototype.
    const child = Object.hasOwn(parent, key) ? parent[key] : undefined;
    if (isPlainObject(child)) {
      parent = child;
      continue;
    }
    if (!create) return undefined;
    const created: Record<string, unknown> = {};
    setOwn(parent, key, created);
    parent = created;
  }
  return parent;
}

/** Returns a copy of `target` with `patch` applied; missing or non-object parents are created as objects. */
export function applyConfigPatch<T>(target: T, patch: ConfigPatch): T {
  if (patch.some((op) => op.path.length === 0)) {
    const whole = patch.find((op) => op.path.length === 0)!;
    return (whole.op === "set" ? cloneJson(whole.value) : {}) as T;
  }
  const root: Record<string, unknown> = isPlainObject(target) ? cloneJson(target) : {};
  for (const op of patch) {
    const parent = parentOf(root, op.path, op.op === "set");
    const last = op.path[op.path.length - 1]!;
    if (!parent) continue;
    // Adding an empty object must not wipe one that another writer filled meanwhile.
    if (op.op === "set" && isPlainObject(op.value) && Object.keys(op.value).length === 0 && Object.hasOwn(parent, last) && isPlainObject(parent[last])) continue;
    if (op.op === "delete") delete parent[last];
    else setOwn(parent, last, cloneJson(op.value));
  }
  return root as T;
}
