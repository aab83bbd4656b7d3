/**
 * Typed, user-facing errors. `message` says what went wrong in one line; `hint` says what to do next
 * (often the exact command). Neither may ever contain a secret.
 */
import { neutralizeControlChars, redact } from "./redact.js";

export class OpenClawError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "OpenClawError";
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

export function isOpenClawError(err: unknown): err is OpenClawError {
  return err instanceof OpenClawError;
}

/** What the user is told about an error: the same fields in the text and the `--json` forms. */
export type ErrorDescription = { code: string; message: string; hint?: string; details?: string; exitCode: number };

/** Every text in it may quote a gateway or an exception, so each passes the one redactor. */
export function describeError(err: unknown): ErrorDescription {
  const raw = describeRaw(err);
  return {
    ...raw,
    message: redact(raw.message),
    ...(raw.hint !== undefined ? { hint: redact(raw.hint) } : {}),
    ...(raw.details !== undefined ? { details: redact(raw.details) } : {}),
  };
}

function describeRaw(err: unknown): ErrorDescription {
  if (isOpenClawError(err)) {
    return {
      code: err.code,
      message: err.message,
      ...(err.hint ? { hint: err.hint } : {}),
      ...(err.cause instanceof Error ? { details: err.cause.message } : {}),
      exitCode: err.exitCode,
    };
  }
  if (err instanceof Error) return { code: "INTERNAL", message: err.message, ...(err.stack ? { details: err.stack } : {}), exitCode: 1 };
  return { code: "INTERNAL", message: String(err), exitCode: 1 };
}

/**
 * The one error format: `Error: …` then `Hint: …` (and `Details: …` with --verbose) for people; with
 * --json, `{"ok": false, "error": {code, message, hint}}` on one line so `… --json | jq` never breaks.
 */
export function renderError(description: ErrorDescription, options: { json?: boolean; verbose?: boolean } = {}): string {
  if (options.json) {
    const { code, message, hint } = description;
    return JSON.stringify({ ok: false, error: { code, message, ...(hint ? { hint } : {}) } });
  }
  const lines = [`Error: ${description.message}`];
  if (description.hint) lines.push(`Hint: ${description.hint}`);
  if (options.verbose && description.details) lines.push(`Details: ${description.details}`);
  // A hostile body must not drive the terminal (JSON output above escapes control characters itself).
  return neutralizeControlChars(lines.join("\n"));
}

/** A wait ended by Ctrl-C or SIGTERM: exit 130 or 143, as a shell would report the signal. */
export function interruptedError(reason?: unknown): OpenClawError {
  const signal = reason instanceof InterruptSignal ? reason.signal : "SIGINT";
  return new OpenClawError("INTERRUPTED", `Interrupted (${signal}).`, { exitCode: signal === "SIGTERM" ? 143 : 130 });
}

/** The abort reason used when a termination signal ends a wait. */
export class InterruptSignal extends Error {
  constructor(readonly signal: "SIGINT" | "SIGTERM") {
    super(`received ${signal}`);
    this.name = "InterruptSignal";
  }
}

/** Formats any thrown value as the lines shown to the user (message, then hint). */
export function formatErrorForUser(err: unknown, verbose = false): string {
  return renderError(describeError(err), { verbose });
}
