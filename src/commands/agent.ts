/** `openclaw agent`: one turn, streamed to stdout (or one JSON object with --json). */
import type { OpenClawConfig } from "../config/types.js";
import type { AgentRunParams, AgentRunResult } from "../agents/pi-embedded-runner/run.js";
import type { ThinkingLevel } from "../agents/pi-embedded-runner/extra-params.js";
import type { RuntimeEnv } from "../runtime.js";

export type AgentCommandOptions = {
  message: string;
  model?: string;
  sessionId?: string;
  thinking?: ThinkingLevel;
  json?: boolean;
  timeoutSeconds?: number;
};

export type AgentCommandDeps = {
  run: (params: AgentRunParams) => Promise<AgentRunResult>;
  write: (text: string) => void;
  /** Pushes out text `write` may still hold (a coalescing writer), before errors and at the end. */
  flush?: () => void;
  /** Shows a spinner until the first token; returns the function that stops it. */
  startSpinner?: () => () => void;
  env?: Record<string, string | undefined>;
};

export async function agentCommand(cfg: OpenClawConfig, opts: AgentCommandOptions, runtime: RuntimeEnv, deps: AgentCommandDeps): Promise<AgentRunResult> {
  let stopSpinner = deps.startSpinner?.();
  const stop = () => {
    stopSpinner?.();
    stopSpinner = undefined;
  };
  let wroteText = false;
  try {
    const result = await deps.run({
      cfg,
      ...(deps.env ? { env: deps.env } : {}),
      message: opts.message,
      ...(opts.model ? { model: opts.model } : {}),
      ...(opts.sessionId ? { sessionId: opts.sessionId } : {}),
      ...(opts.thinking ? { thinking: opts.thinking } : {}),
      ...(opts.timeoutSeconds ? { timeoutSeconds: opts.timeoutSeconds } : {}),
      onNotice: (line) => {
        // A running spinner would draw over the note: take it down, print, put it back.
        const spinning = stopSpinner !== undefined;
        stop();
        runtime.error(line);
        if (spinning) stopSpinner = deps.startSpinner?.();
      },
      onText: (delta) => {
        stop();
        if (opts.json) return;
        wroteText = true;
        deps.write(delta);
      },
    });
    stop();
    if (opts.json) runtime.log(JSON.stringify(result, null, 2));
    else if (wroteText) deps.write("\n");
    return result;
  } catch (err) {
    // A reply cut off half-way still ends its line, so the error starts on a fresh one.
    if (wroteText) deps.write("\n");
    throw err;
  } finally {
    stop();
    deps.flush?.();
  }
}
