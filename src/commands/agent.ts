/** `openclaw agent`: one turn, streamed to stdout (or one JSON object with --json). */
import type { OpenClawConfig } from "../config/types.js";
import type { FallbackRunParams, FallbackRunResult } from "../agents/pi-embedded-runner/fallbacks.js";
import type { AgentUsage } from "../agents/pi-embedded-runner/run.js";
import type { ThinkingLevel } from "../agents/pi-embedded-runner/extra-params.js";
import { OpenClawError } from "../infra/errors.js";
import type { RuntimeEnv } from "../runtime.js";

export type AgentCommandOptions = {
  message: string;
  model?: string;
  sessionId?: string;
  thinking?: ThinkingLevel;
  json?: boolean;
  timeoutSeconds?: number;
  /** One usage line on stderr after the reply. */
  verbose?: boolean;
};

export type AgentCommandDeps = {
  run: (params: FallbackRunParams) => Promise<FallbackRunResult>;
  write: (text: string) => void;
  /** Pushes out text `write` may still hold (a coalescing writer), before errors and at the end. */
  flush?: () => void;
  /** Shows a spinner until the first token; returns the function that stops it. */
  startSpinner?: () => () => void;
  env?: Record<string, string | undefined>;
};

const count = (value: number) => value.toLocaleString("en-US");

/** "Usage: 1,234 in · 56 out · 1,000 cache read · $0.0123 · <provider/model>" */
export function formatUsageLine(usage: AgentUsage, model: string): string {
  const parts = [`${count(usage.input)} in`, `${count(usage.output)} out`];
  if (usage.cacheRead) parts.push(`${count(usage.cacheRead)} cache read`);
  if (usage.cacheWrite) parts.push(`${count(usage.cacheWrite)} cache write`);
  parts.push(usage.costUsd === undefined ? "cost not reported" : `$${usage.costUsd.toFixed(usage.costUsd !== 0 && usage.costUsd < 0.01 ? 6 : 4)}`);
  return `Usage: ${parts.join(" · ")} · ${model}`;
}

export async function agentCommand(cfg: OpenClawConfig, opts: AgentCommandOptions, runtime: RuntimeEnv, deps: AgentCommandDeps): Promise<FallbackRunResult> {
  // An empty turn would still cost a request (and credits): refuse it before anything is sent.
  if (!opts.message.trim()) {
    throw new OpenClawError("EMPTY_MESSAGE", "--message is empty: there is nothing to send.", {
      hint: 'Pass the text to send, e.g. openclaw agent --message "hello".',
    });
  }
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
    if (opts.verbose) {
      // The reply reaches the terminal before the line that sums it up.
      deps.flush?.();
      runtime.error(formatUsageLine(result.usage, result.model));
    }
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
