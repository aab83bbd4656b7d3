/** Cleaning up pasted API keys, validating them, and showing them safely. */

const SHELL_ASSIGNMENT = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(.*)$/s;
const QUOTES = ['"', "'", "`"];

/** Accepts what users paste: `export KEY="sk-..";`, quoted values, stray whitespace. */
export function normalizeApiKeyInput(raw: unknown): string {
  let value = String(raw ?? "").trim();
  if (!value) return "";
  const assignment = SHELL_ASSIGNMENT.exec(value);
  if (assignment) value = (assignment[1] ?? "").trim();
  if (value.endsWith(";")) value = value.slice(0, -1).trim();
  const first = value[0];
  if (value.length >= 2 && first && QUOTES.includes(first) && value.endsWith(first)) value = value.slice(1, -1);
  if (value.endsWith(";")) value = value.slice(0, -1);
  return value.trim();
}

/** Why a normalised key cannot be right, or undefined. API keys never contain spaces or line breaks. */
export function apiKeyProblem(key: string): string | undefined {
  if (!key) return "Required";
  if (/\s/.test(key)) return "An API key has no spaces: paste the key alone (no second word or line break)";
  return undefined;
}

export function validateApiKeyInput(value: unknown): string | undefined {
  return apiKeyProblem(normalizeApiKeyInput(value));
}

/**
 * `sk-a…wxyz`: enough to recognise a key, never enough to use it. At most a quarter of the key is shown:
 * 4 + 4 characters once it has 32, fewer on shorter keys (a 12-character key shows 1 + 1).
 */
export function formatApiKeyPreview(raw: string, options: { head?: number; tail?: number } = {}): string {
  const value = raw.trim();
  const side = Math.floor(value.length / 8);
  const head = Math.min(options.head ?? 4, side);
  const tail = Math.min(options.tail ?? 4, side);
  return `${value.slice(0, head)}…${tail > 0 ? value.slice(-tail) : ""}`;
}
