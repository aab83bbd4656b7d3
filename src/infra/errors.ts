/**
 * Typed, user-facing errors. `message` says what went wrong in one line; `hint` says what to do next
 * (often the exact command). Neither may ever contain a secret.
 */
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

/** Formats any thrown value as the lines shown to the user (message, then hint). */
export function formatErrorForUser(err: unknown, verbose = false): string {
  if (isOpenClawError(err)) {
    const lines = [`Error: ${err.message}`];
    if (err.hint) lines.push(`Hint: ${err.hint}`);
    if (verbose && err.cause instanceof Error) lines.push(`Details: ${err.cause.message}`);
    return lines.join("\n");
  }
  if (err instanceof Error) {
    return verbose && err.stack ? `Error: ${err.stack}` : `Error: ${err.message}`;
  }
  return `Error: ${String(err)}`;
}
