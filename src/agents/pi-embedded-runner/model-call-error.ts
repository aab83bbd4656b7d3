/**
 * A failed model call, as shown to the user (code, message, hint) plus what the fallback loop needs to
 * decide: the HTTP status seen on the wire and whether reply text had already been printed.
 */
import { OpenClawError } from "../../infra/errors.js";

export class ModelCallError extends OpenClawError {
  readonly streamed: boolean;

  constructor(error: OpenClawError, details: { status?: number; streamed: boolean }) {
    super(error.code, error.message, {
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.cause !== undefined ? { cause: error.cause } : {}),
      exitCode: error.exitCode,
      ...(details.status !== undefined ? { status: details.status } : {}),
    });
    this.streamed = details.streamed;
  }
}
