/**
 * "Sign in with browser", shared by the wizard and non-interactive onboarding: runs the device-code flow
 * for a provider, shows the URL and code (a QR code when it fits, the browser when a desktop is there),
 * counts down while polling, and stops cleanly on Ctrl-C. Returns the token; never prints it.
 */
import type { EnvRecord } from "../../infra/env.js";
import { openBrowser } from "../../infra/open-browser.js";
import { renderQrIfFits, type TerminalSize } from "../../infra/qr-terminal.js";
import type { ProviderAccountSpec } from "../../providers/account-spec.js";
import { runDeviceCodeFlow, withInterruptAbort, type DeviceCode, type DeviceSignIn } from "./device-code.js";

export type SignInProgress = { update: (message: string) => void; stop: (message?: string) => void };

/** Where the sign-in talks to the user: stderr for scripts, the WizardPrompter in the wizard. */
export type SignInSurface = {
  /** Shows the instructions (lines) and, when it fits, the QR code. */
  show: (lines: string[], qr: string | undefined) => Promise<void>;
  startProgress: (message: string) => SignInProgress;
  terminal: TerminalSize;
};

function formatCountdown(secondsLeft: number): string {
  const minutes = Math.floor(secondsLeft / 60);
  const seconds = secondsLeft % 60;
  return minutes > 0 ? `${minutes}m ${String(seconds).padStart(2, "0")}s` : `${seconds}s`;
}

function describeDeviceCode(spec: ProviderAccountSpec, code: DeviceCode, browserOpened: boolean): string[] {
  return [
    browserOpened ? `Opened your browser to sign in to ${spec.label}. If it did not open, visit:` : `To sign in to ${spec.label}, open:`,
    `  ${code.verificationUrl}`,
    `and confirm the code: ${code.code}`,
  ];
}

export async function signInWithBrowser(params: {
  spec: ProviderAccountSpec;
  baseUrl: string;
  env: EnvRecord;
  surface: SignInSurface;
  noBrowser?: boolean;
}): Promise<DeviceSignIn> {
  const { spec, surface } = params;
  let progress: SignInProgress | undefined;
  try {
    return await withInterruptAbort((signal) =>
      runDeviceCodeFlow({
        spec,
        baseUrl: params.baseUrl,
        env: params.env,
        signal,
        onCode: async (code) => {
          const opened = params.noBrowser ? false : await openBrowser(code.verificationUrl, params.env);
          await surface.show(describeDeviceCode(spec, code, opened), renderQrIfFits(code.verificationUrl, surface.terminal));
          progress = surface.startProgress(`Waiting for approval in the browser (Ctrl-C to cancel)…`);
        },
        onWaiting: (secondsLeft) => progress?.update(`Waiting for approval in the browser… ${formatCountdown(secondsLeft)} left (Ctrl-C to cancel)`),
      }),
    );
  } finally {
    progress?.stop();
  }
}
