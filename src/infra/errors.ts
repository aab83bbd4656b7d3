/**
 * Typed, user-facing errors. `message` says what went wrong in one line; `hint` says what to do next
 * (often the exact command). Neither may ever contain a secret.
 */
import { neutralizeControlChars, redact } from "./redact.js";

/** Every error code the CLI raises, by area. Tests and callers branch on these, never on message text. */
export type OpenClawErrorCode =
  // config file and env substitution
  | "CONFIG_INVALID"
  | "CONFIG_MISSING_ENV"
  | "CONFIG_PARSE"
  | "CONFIG_UNREADABLE"
  // files: locks, refusals, and errno failures as `FS_<errno>`
  | "FILE_LOCKED"
  | "FILE_LOCK_FUTURE"
  | "FILE_LOCK_INVALID"
  | "FILE_NOT_REGULAR"
  | "FILE_SYMLINK"
  | `FS_${string}`
  // auth profile store and key lookup
  | "API_KEY_INVALID"
  | "AUTH_STORE_PARSE"
  | "NO_API_KEY"
  // onboarding flags and keys
  | "ONBOARD_BAD_KEY"
  | "ONBOARD_EMPTY_KEY"
  | "ONBOARD_FLAG"
  | "ONBOARD_MISSING_KEY"
  | "ONBOARD_MODE"
  | "ONBOARD_NO_TTY"
  | "ONBOARD_RESET"
  | "ONBOARD_SECRET_REF"
  | "ONBOARD_STDIN"
  | "ONBOARD_UNKNOWN_ORG"
  // provider accounts: browser (device-code) sign-in and the account API
  | "ACCOUNT_BAD_REPLY"
  | "ACCOUNT_HTTP"
  | "ACCOUNT_KEY_REJECTED"
  | "ACCOUNT_NO_BASE_URL"
  | "ACCOUNT_NO_PROVIDER"
  | "DEVICE_AUTH_BAD_REPLY"
  | "DEVICE_AUTH_CANCELLED"
  | "DEVICE_AUTH_DENIED"
  | "DEVICE_AUTH_EXPIRED"
  | "DEVICE_AUTH_RATE_LIMITED"
  | "DEVICE_AUTH_START_FAILED"
  // models and refs
  | "MODELS_FLAG"
  | "PROBE_HTTP"
  | "PROBE_REJECTED"
  | "FALLBACK_IS_PRIMARY"
  | "FALLBACK_NOT_FOUND"
  | "MODEL_REF"
  | "UNKNOWN_PROVIDER"
  | "UNSUPPORTED_API"
  // live catalogs and the HTTP client
  | "CATALOG_FETCH"
  | "CATALOG_SHAPE"
  | "CATALOG_TOO_LARGE"
  | "HTTP_ABORTED"
  | "HTTP_BAD_JSON"
  | "HTTP_NETWORK"
  | "HTTP_STATUS"
  | "HTTP_TIMEOUT"
  // a model request at the gateway
  | "ANONYMOUS_LIMIT"
  | "GATEWAY_AUTH"
  | "GATEWAY_BAD_STREAM"
  | "GATEWAY_CUT_OFF"
  | "GATEWAY_IDLE"
  | "GATEWAY_NOT_A_STREAM"
  | "GATEWAY_ORG_FORBIDDEN"
  | "GATEWAY_REDIRECT"
  | "GATEWAY_REPLY_TOO_LARGE"
  | "GATEWAY_RETRY_LATER"
  | "GATEWAY_CREDITS"
  | "GATEWAY_DROPPED"
  | "GATEWAY_ERROR"
  | "GATEWAY_MODEL_NOT_FOUND"
  | "GATEWAY_RATE_LIMITED"
  | "GATEWAY_SERVER_ERROR"
  | "GATEWAY_TIMEOUT"
  | "GATEWAY_UNREACHABLE"
  // the process: shell completion, Node version, Ctrl-C
  | "COMPLETION_SHELL"
  | "EMPTY_MESSAGE"
  | "INTERRUPTED"
  | "NODE_VERSION"
  // sessions
  | "SESSION_ID"
  | "SESSION_UNREADABLE";

export type OpenClawErrorOptions = {
  hint?: string;
  cause?: unknown;
  exitCode?: number;
  /** The HTTP status behind the error, when there was one. */
  status?: number;
};

export class OpenClawError extends Error {
  readonly code: OpenClawErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;
  readonly status: number | undefined;

  constructor(code: OpenClawErrorCode, message: string, options: OpenClawErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "OpenClawError";
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
    this.status = options.status;
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
