import { describe, expect, it } from "vitest";
import { parseOnboardSetupFlags } from "./onboard-flags.js";

describe("parseOnboardSetupFlags", () => {
  it("passes valid values through (normalized) and leaves absent flags absent", () => {
    const raw = {
      mode: "local",
      gatewayBind: "LAN",
      gatewayAuth: "password",
      gatewayPassword: " pw ",
      tailscale: "serve",
      tailscaleResetOnExit: true,
      installDaemon: false,
      daemonRuntime: "bun",
      nodeManager: "pnpm",
      reset: true,
      resetScope: "full",
      tokenExpiresIn: "365d",
      skipSearch: true,
    };
    expect(parseOnboardSetupFlags({ ...raw, gatewayPort: "18789" })).toEqual({ ...raw, gatewayPort: 18789, gatewayBind: "lan", gatewayPassword: "pw" });
    expect(parseOnboardSetupFlags({})).toEqual({});
  });

  it.each([
    [{ mode: "cloud" }, 'Invalid --mode "cloud": use local, remote.'],
    [{ flow: "fast" }, 'Invalid --flow "fast"'],
    [{ gatewayBind: "0.0.0.0" }, 'Invalid --gateway-bind "0.0.0.0": use loopback, lan, auto, custom, tailnet.'],
    [{ gatewayPort: "80a" }, 'Invalid --gateway-port "80a"'],
    [{ gatewayPort: "70000" }, 'Invalid --gateway-port "70000"'],
    [{ gatewayAuth: "none" }, 'Invalid --gateway-auth "none": use token, password.'],
    [{ tailscale: "on" }, 'Invalid --tailscale "on": use off, serve, funnel.'],
    [{ daemonRuntime: "deno" }, 'Invalid --daemon-runtime "deno"'],
    [{ nodeManager: "yarn" }, 'Invalid --node-manager "yarn"'],
    [{ resetScope: "all" }, 'Invalid --reset-scope "all": use config, config+creds+sessions, full.'],
    [{ tokenExpiresIn: "forever" }, 'Invalid --token-expires-in "forever"'],
    [{ gatewayTokenRefEnv: "my-var" }, 'Invalid --gateway-token-ref-env "my-var"'],
    [{ gatewayToken: "  " }, "Missing --gateway-token: the value is empty."],
    [{ gatewayToken: "t", gatewayTokenRefEnv: "T" }, "--gateway-token and --gateway-token-ref-env cannot be used together."],
  ])("rejects %o", (raw, message) => {
    expect(() => parseOnboardSetupFlags(raw)).toThrow(message);
  });
});
