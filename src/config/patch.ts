/**
 * A config change as data: the difference between the config a command read and the one it built, so the
 * change can be re-applied to a fresh copy of the file under the lock (another process may have written it
 * meanwhile). Objects are compared key by key; arrays and scalars are replaced whole.
 */
import { copyPlainObject, isPlainObject, setOwnKey } from "../infra/plain-object.js";

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

/**
 * Copy on write: the objects this call created or copied may be changed in place; any other object is
 * shared with the caller's input and is copied (once) before a change.
 */
class PathCopier {
  private readonly own = new WeakSet<object>();

  writable(value: Record<string, unknown>): Record<string, unknown> {
    if (this.own.has(value)) return value;
    const copy = copyPlainObject(value);
    this.own.add(copy);
    return copy;
  }

  created(): Record<string, unknown> {
    const created: Record<string, unknown> = {};
    this.own.add(created);
    return created;
  }

  /** The writable object holding the last segment of `path` in the writable `root`; missing parents are created. */
  parentOf(root: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
    let parent = root;
    for (let index = 0; index < path.length - 1; index++) {
      const child = ownChild(parent, path[index]!);
      const next = isPlainObject(child) ? this.writable(child) : this.created();
      if (next !== child) setOwnKey(parent, path[index]!, next);
      parent = next;
    }
    return parent;
  }
}

/** Own properties only: `parent["__proto__"]` would otherwise reach Object.prototype. */
function ownChild(parent: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(parent, key) ? parent[key] : undefined;
}

/** The existing object holding the last segment of `path`, read only. */
function existingParent(root: Record<string, unknown>, path: readonly string[]): Record<string, unknown> | undefined {
  let parent = root;
  for (let index = 0; index < path.length - 1; index++) {
    const child = ownChild(parent, path[index]!);
    if (!isPlainObject(child)) return undefined;
    parent = child;
  }
  return parent;
}

/**
 * Returns `target` with `patch` applied; missing or non-object parents are created as objects. Only the
 * objects on the way to a change are copied: everything else, and every value the patch sets, is shared
 * with the inputs (a 10 000-model list is not copied to change one key). `target` itself is never changed;
 * treat the result as read-only too.
 */
export function applyConfigPatch<T>(target: T, patch: ConfigPatch): T {
  const whole = patch.find((op) => op.path.length === 0);
  if (whole) return (whole.op === "set" ? whole.value : {}) as T;
  const copier = new PathCopier();
  let root: Record<string, unknown> = isPlainObject(target) ? target : {};
  for (const op of patch) {
    const last = op.path[op.path.length - 1]!;
    // Deleting what is already gone changes nothing, so nothing is copied for it.
    if (op.op === "delete" && !Object.hasOwn(existingParent(root, op.path) ?? {}, last)) continue;
    root = copier.writable(root);
    const parent = copier.parentOf(root, op.path);
    // Adding an empty object must not wipe one that another writer filled meanwhile.
    if (op.op === "set" && isPlainObject(op.value) && Object.keys(op.value).length === 0 && Object.hasOwn(parent, last) && isPlainObject(parent[last])) continue;
    if (op.op === "delete") delete parent[last];
    else setOwnKey(parent, last, op.value);
  }
  return root as T;
}
