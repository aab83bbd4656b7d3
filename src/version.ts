import { OpenClawError } from "./infra/errors.js";

declare const __OPENCLAW_VERSION__: string | undefined;
declare const __OPENCLAW_MIN_NODE__: string | undefined;

/** Injected by the build (scripts/build.mjs); unbundled runs (tests) report a dev version. */
export const VERSION: string = typeof __OPENCLAW_VERSION__ === "string" ? __OPENCLAW_VERSION__ : "0.0.0-dev";

/**
 * The oldest Node the bundle runs on: package.json's `engines.node`, injected by the build (which checks it
 * covers every bundled library). npm only warns about `engines`, so the CLI says it itself.
 */
export const MIN_NODE_VERSION: string = typeof __OPENCLAW_MIN_NODE__ === "string" ? __OPENCLAW_MIN_NODE__ : "20.18.1";

function parts(version: string): number[] {
  return version.replace(/^v/, "").split(".").map((part) => Number.parseInt(part, 10) || 0);
}

/** The error to stop with when `current` (e.g. process.versions.node) is older than the minimum. */
export function unsupportedNodeError(current: string, minimum: string = MIN_NODE_VERSION): OpenClawError | undefined {
  const [a = 0, b = 0, c = 0] = parts(current);
  const [x = 0, y = 0, z = 0] = parts(minimum);
  const older = a - x || b - y || c - z;
  if (older >= 0) return undefined;
  return new OpenClawError("NODE_VERSION", `openclaw needs Node ${minimum} or newer; this is Node ${current.replace(/^v/, "")}.`, {
    hint: "Install a current Node (nodejs.org, or your version manager, e.g. `nvm install 22`), then run openclaw again.",
  });
}
