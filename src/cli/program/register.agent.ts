/** `openclaw agent`: the run path and the LLM transport are imported only when the action runs. */
import { InvalidArgumentError, Option, type Command } from "commander";
// Loaded only when `agent` runs; the transport itself stays behind run.ts's dynamic import.
import { runAgentTurn } from "../../agents/pi-embedded-runner/turn.js";
import { agentCommand } from "../../commands/agent.js";
import { loadConfig } from "../../config/io.js";
import { createCoalescedWriter } from "../../infra/coalesced-writer.js";
import { neutralizeControlChars } from "../../infra/redact.js";
import { startStderrSpinner } from "../../infra/stderr-spinner.js";
import { abortOnTermination } from "../../infra/termination.js";
import { normalizeVerboseLevel, type VerboseLevel } from "../verbose.js";
import { defaultRuntime } from "../../runtime.js";
import { commandDescription } from "./command-descriptions.js";

const THINKING_LEVELS = ["off", "minimal", "low", "medium", "high"] as const;

function parseTimeout(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError("expected a positive number of seconds");
  return seconds;
}

function parseVerbose(value: string): VerboseLevel {
  const level = normalizeVerboseLevel(value);
  if (!level) throw new InvalidArgumentError('use "on" or "off" (or "full").');
  return level;
}

export function registerAgentCommand(program: Command): void {
  program
    .command("agent")
    .description(commandDescription("agent"))
    .requiredOption("-m, --message <text>", "The message to send")
    .option("--model <ref>", "Model as provider/model (or an alias), e.g. kilocode/anthropic/claude-opus-4.6")
    .option("--session-id <id>", "Keep the conversation in <stateDir>/agents/main/sessions/<id>.jsonl and replay it next turn")
    .addOption(new Option("--thinking <level>", "Reasoning effort for reasoning models").choices(THINKING_LEVELS))
    .option("--timeout <seconds>", "Give up on the whole turn (retries included) after this many seconds", parseTimeout)
    .option("--json", "Print one JSON object (text, model, usage and cost, stopReason, fallbackFrom) instead of streaming", false)
    .option("--local", "Run embedded (accepted for compatibility; this slice always runs embedded)", false)
    .option("--verbose [level]", "on|off (bare --verbose means on): error details, and one usage line (tokens, cost) on stderr after the reply", parseVerbose)
    .action(async (opts: { message: string; model?: string; sessionId?: string; thinking?: (typeof THINKING_LEVELS)[number]; timeout?: number; json?: boolean; verbose?: VerboseLevel | true }) => {
      const cfg = await loadConfig({ env: process.env });
      const termination = abortOnTermination();
      // Model text is the gateway's: on a terminal, control sequences in it are shown, not executed.
      const toStdout = process.stdout.isTTY ? neutralizeControlChars : (text: string) => text;
      const stdout = createCoalescedWriter((text) => process.stdout.write(toStdout(text)));
      try {
        await agentCommand(
          cfg,
          {
            message: opts.message,
            ...(opts.model ? { model: opts.model } : {}),
            ...(opts.sessionId ? { sessionId: opts.sessionId } : {}),
            ...(opts.thinking ? { thinking: opts.thinking } : {}),
            ...(opts.timeout ? { timeoutSeconds: opts.timeout } : {}),
            json: opts.json === true,
            verbose: opts.verbose !== undefined && opts.verbose !== "off",
          },
          defaultRuntime,
          {
            run: (params) => runAgentTurn({ ...params, signal: termination.signal }),
            write: stdout.write,
            flush: stdout.flush,
            ...(process.stderr.isTTY && !opts.json ? { startSpinner: () => startStderrSpinner("Thinking…") } : {}),
          },
        );
      } finally {
        termination.dispose();
      }
    });
}
