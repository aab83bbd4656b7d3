/**
 * Drives a program in a real terminal for tests: tmux runs it, the test types like a user (send-keys) and
 * reads the screen (capture-pane).
 */
import { execFileSync, spawnSync } from "node:child_process";

export const hasTmux = spawnSync("tmux", ["-V"], { stdio: "ignore" }).status === 0;

export type TmuxDriver = {
  tmux: (...args: string[]) => string;
  screen: () => string;
  keys: (...sequence: string[]) => string;
  /** Polls the screen until it shows `text`; the error carries the screen, for a readable failure. */
  waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<string>;
};

/**
 * The end of an `openclaw onboard` run: a paid default model is followed by the free-fallback question,
 * which Enter answers with its first suggestion. Returns the final screen (with `WIZARD_EXIT=`).
 */
export async function finishWizard(driver: Pick<TmuxDriver, "keys" | "waitFor">): Promise<string> {
  if (!(await driver.waitFor(/Fallback when Kilo Gateway credits run out|WIZARD_EXIT=/)).includes("WIZARD_EXIT=")) driver.keys("Enter");
  return driver.waitFor("WIZARD_EXIT=");
}

/** `session` is read on every call, so a test file can start a new session per test. */
export function tmuxDriver(session: () => string): TmuxDriver {
  const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
  const screen = () => tmux("capture-pane", "-p", "-t", session(), "-S", "-200");
  return {
    tmux,
    screen,
    keys: (...sequence) => tmux("send-keys", "-t", session(), ...sequence),
    waitFor: async (text, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = screen();
        if (typeof text === "string" ? current.includes(text) : text.test(current)) return current;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(text)}; screen:\n${current}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
