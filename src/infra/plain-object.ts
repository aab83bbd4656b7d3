/** A non-null, non-array object: a JSON object read from disk or the wire. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets an own, enumerable key; plain assignment would treat a `__proto__` key from a file as the prototype. */
export function setOwnKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A shallow copy of a JSON object (a `__proto__` key copied as data). */
export function copyPlainObject(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwnKey(out, key, value[key]);
  return out;
}
