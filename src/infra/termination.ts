/**
 * Ctrl-C and SIGTERM as an AbortSignal, so a command can end its waits cleanly (finish the line, say
 * "Interrupted", write nothing half-done). A second signal exits at once, in case something ignores it.
 */
import { InterruptSignal } from "./errors.js";


/** How many pieces of running code currently turn Ctrl-C into their own cancellation. */
let interruptOwners = 0;

/**
 * Whether running code handles Ctrl-C itself (then a spinner leaves the interrupt to it instead of ending
 * the process). Counted explicitly: counting SIGINT listeners also counted whatever libraries had added.
 */
export function interruptHandledByCaller(): boolean {
  return interruptOwners > 0;
}

/** Calls `handler` on Ctrl-C until the returned function is called. */
export function onInterrupt(handler: () => void): () => void {
  interruptOwners++;
  process.on("SIGINT", handler);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    interruptOwners--;
    process.off("SIGINT", handler);
  };
}

export function abortOnTermination(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (name: "SIGINT" | "SIGTERM") => {
    if (controller.signal.aborted) process.exit(name === "SIGTERM" ? 143 : 130);
    controller.abort(new InterruptSignal(name));
  };
  const releaseInterrupt = onInterrupt(() => onSignal("SIGINT"));
  const onTerm = () => onSignal("SIGTERM");
  process.on("SIGTERM", onTerm);
  return {
    signal: controller.signal,
    dispose: () => {
      releaseInterrupt();
      process.off("SIGTERM", onTerm);
    },
  };
}
