/**
 * Ctrl-C and SIGTERM as an AbortSignal, so a command can end its waits cleanly (finish the line, say
 * "Interrupted", write nothing half-done). A second signal exits at once, in case something ignores it.
 */
import { InterruptSignal } from "./errors.js";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

export function abortOnTermination(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (name: (typeof SIGNALS)[number]) => {
    if (controller.signal.aborted) process.exit(name === "SIGTERM" ? 143 : 130);
    controller.abort(new InterruptSignal(name));
  };
  const handlers = SIGNALS.map((name) => [name, () => onSignal(name)] as const);
  for (const [name, handler] of handlers) process.on(name, handler);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
