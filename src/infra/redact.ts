/**
 * The one redactor. Every text that can reach a terminal, a log or a session from outside our own code
 * (gateway bodies, exception messages, --verbose details) passes through `redact`, which replaces every
 * secret registered in this process (resolved API keys, Authorization values) and the usual key shapes.
 * `forTerminal` additionally neutralises control characters, so a hostile body cannot drive the terminal.
 */

const MASK = "***";
/** Shorter values are too likely to occur by chance in ordinary text to be replaced everywhere. */
const MIN_SECRET_LENGTH = 6;

const knownSecrets = new Set<string>();
let sortedSecrets: string[] = [];

/** Remembers a secret for the rest of the process, with the encodings a gateway may echo it in. */
export function registerSecret(value: string | undefined): void {
  const secret = value?.trim();
  if (!secret || secret.length < MIN_SECRET_LENGTH) return;
  const variants = [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
  for (const variant of variants) knownSecrets.add(variant);
  // Longest first, so a secret containing another is replaced whole.
  sortedSecrets = [...knownSecrets].sort((a, b) => b.length - a.length);
}

/** For tests: forget the registered secrets. */
export function clearRegisteredSecrets(): void {
  knownSecrets.clear();
  sortedSecrets = [];
}

const PATTERNS: readonly [RegExp, string][] = [
  // Authorization values, whatever the scheme's token looks like.
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, `$1 ${MASK}`],
  // The sk-/sk-or-/sk-ant- key shapes of OpenAI-compatible providers.
  [/\bsk-[A-Za-z0-9_-]{8,}/g, `sk-${MASK}`],
  // key=... / "api_key": "..." pairs in URLs, JSON and form bodies.
  [/(["']?(?:api[_-]?key|access[_-]?token|x-api-key)["']?\s*[:=]\s*["']?)[^\s"'&,}]{6,}/gi, `$1${MASK}`],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of sortedSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

// C0 controls except tab and newline, DEL, and the C1 range (which includes the 8-bit CSI).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Makes control characters visible instead of executable: C0 ones become their Unicode control
 * pictures (ESC -> ␛), DEL and C1 ones the replacement character. CRLF keeps meaning a line break.
 */
export function neutralizeControlChars(text: string): string {
  if (!CONTROL.test(text)) return text;
  CONTROL.lastIndex = 0;
  return text.replace(/\r\n/g, "\n").replace(CONTROL, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : "\uFFFD";
  });
}

const NOT_HEADER_SAFE = /[^\u0020-\u007E]/;

/** Whether a key can be sent as an HTTP header value (printable ASCII; no newline, NUL or other control). */
export function isHeaderSafeSecret(value: string): boolean {
  return !NOT_HEADER_SAFE.test(value);
}
