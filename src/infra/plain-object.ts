/** A non-null, non-array object: a JSON object read from disk or the wire. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
