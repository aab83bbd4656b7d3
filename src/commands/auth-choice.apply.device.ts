/**
 * The wizard's "Sign in with browser" choice, for any provider whose account spec has a device-code
 * sign-in: the token lands in the provider's API-key profile (`<provider>:default`), as a pasted key would.
 */
import { findApiKeyProvider } from "../providers/api-key-providers.js";
import { findAccountSpecByDeviceChoice } from "../providers/account-spec.js";
import { resolveAccountBaseUrl } from "./account/account-api.js";
import { signInWithBrowser } from "./account/device-sign-in.js";
import { wizardSignInSurface } from "./account/onboard-account.js";
import { applyProviderCredentialConfig, type ApplyAuthChoiceParams, type ApplyAuthChoiceResult } from "./auth-choice.apply.api-providers.js";
import { setProviderApiKey } from "./onboard-auth.credentials.js";
import { OpenClawError } from "../infra/errors.js";

export async function applyAuthChoiceDevice(params: ApplyAuthChoiceParams & { noBrowser?: boolean }): Promise<ApplyAuthChoiceResult | null> {
  const account = findAccountSpecByDeviceChoice(params.authChoice);
  const spec = account ? findApiKeyProvider(account.providerId) : undefined;
  if (!account || !spec) return null;
  const env = params.env ?? process.env;
  const baseUrl = resolveAccountBaseUrl({ cfg: params.config, env, providerId: spec.id, ...(params.agentDir ? { agentDir: params.agentDir } : {}) });
  if (!baseUrl) throw new OpenClawError("ACCOUNT_NO_BASE_URL", `No base URL is known for ${account.label}.`);

  const signedIn = await signInWithBrowser({ spec: account, baseUrl, env, surface: wizardSignInSurface(params.prompter), noBrowser: params.noBrowser ?? false });
  await (params.storeKey ?? setProviderApiKey)(spec.id, signedIn.token, params.agentDir, { ...(signedIn.email ? { email: signedIn.email } : {}) });
  await params.prompter.note(`Signed in as ${signedIn.email ?? "(email not reported)"}`, account.label);

  const applied = await applyProviderCredentialConfig(spec, params, {
    profileId: spec.profileId,
    mode: "api_key",
    ...(signedIn.email ? { email: signedIn.email } : {}),
  });
  return {
    ...applied,
    credential: { provider: spec.id, profileId: spec.profileId, source: "browser", preview: signedIn.email ? `signed in as ${signedIn.email}` : "browser sign-in" },
  };
}
