/**
 * Opens a URL in the user's browser, only when a desktop is there to show it: macOS, or a Linux/BSD
 * session with DISPLAY or WAYLAND_DISPLAY. Over SSH or in a container we print the URL instead.
 */
import type { EnvRecord } from "./env.js";
import { nodeChildProcess } from "./lazy-builtins.js";

export function canOpenBrowser(env: EnvRecord, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === "darwin") return true;
  if (platform === "win32") return false;
  return Boolean(env.DISPLAY?.trim() || env.WAYLAND_DISPLAY?.trim());
}

/** The opener command for a platform (the URL is its only argument; never pass secrets here). */
function browserCommand(platform: NodeJS.Platform): string {
  return platform === "darwin" ? "open" : "xdg-open";
}

/** Best effort: resolves true when the opener started, false when it could not (missing xdg-open, ...). */
export function openBrowser(url: string, env: EnvRecord): Promise<boolean> {
  const platform = process.platform;
  if (!canOpenBrowser(env, platform) || !/^https?:\/\//.test(url)) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      // Required only here: onboarding imports this module, and most runs (non-interactive, over SSH, in
      // containers) never open a browser.
      const { spawn } = nodeChildProcess();
      const child = spawn(browserCommand(platform), [url], { stdio: "ignore", detached: true, env: env as NodeJS.ProcessEnv });
      child.once("error", () => resolve(false));
      child.once("spawn", () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
