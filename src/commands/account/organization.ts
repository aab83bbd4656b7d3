/**
 * Choosing the organisation a provider account works in: validated against the account profile,
 * stored as `models.providers.<id>.organizationId` (where the catalog and the agent read it), which
 * makes every request carry the spec's organisation header.
 */
import type { OpenClawConfig } from "../../config/types.js";
import { OpenClawError } from "../../infra/errors.js";
import type { ProviderAccountSpec } from "../../providers/account-spec.js";
import type { WizardPrompter } from "../../wizard/prompts.js";
import type { AccountOrganization, AccountProfile } from "./account-api.js";

/** The value that means "no organisation" on the command line and in the picker. */
export const PERSONAL = "personal";

export function describeOrganization(org: AccountOrganization): string {
  return `${org.name} (${org.id}${org.role ? `, ${org.role}` : ""})`;
}

/** `--<provider>-org <value>`: an organisation id (or its exact name), or `personal`; null means personal. */
export function resolveOrganizationFlag(spec: ProviderAccountSpec, profile: AccountProfile, value: string): string | null {
  const wanted = value.trim();
  if (wanted.toLowerCase() === PERSONAL) return null;
  const match =
    profile.organizations.find((org) => org.id === wanted) ?? profile.organizations.find((org) => org.name.toLowerCase() === wanted.toLowerCase());
  if (match) return match.id;
  const known = profile.organizations.map(describeOrganization).join(", ");
  throw new OpenClawError(
    "ONBOARD_UNKNOWN_ORG",
    `${spec.organization.cliFlag} "${wanted}" is not one of your ${spec.label} organisations (${known || "this account has none"}); nothing was saved. Pass one of their ids, or \`${PERSONAL}\`.`,
  );
}

/** Sets (or with null, removes) the provider's organisation in its config block. */
export function applyOrganizationConfig(cfg: OpenClawConfig, providerId: string, organizationId: string | null): OpenClawConfig {
  const providers = { ...cfg.models?.providers };
  const block = providers[providerId];
  if (!block) return cfg;
  const { organizationId: _previous, ...rest } = block;
  providers[providerId] = organizationId ? { ...rest, organizationId } : rest;
  return { ...cfg, models: { ...cfg.models, providers } };
}

export function configuredOrganization(cfg: OpenClawConfig, providerId: string): string | undefined {
  return cfg.models?.providers?.[providerId]?.organizationId?.trim() || undefined;
}

/** The wizard's "Personal or one of your organisations" question; returns null for personal. */
export async function promptOrganization(params: {
  prompter: WizardPrompter;
  spec: ProviderAccountSpec;
  profile: AccountProfile;
  current?: string;
}): Promise<string | null> {
  const { profile } = params;
  const picked = await params.prompter.select<string>({
    message: `${params.spec.label} organisation`,
    options: [
      { value: PERSONAL, label: "Personal", hint: profile.email ? `your own account (${profile.email})` : "your own account" },
      ...profile.organizations.map((org) => ({ value: org.id, label: org.name, hint: `${org.id}${org.role ? ` · ${org.role}` : ""}` })),
    ],
    initialValue: params.current && profile.organizations.some((org) => org.id === params.current) ? params.current : PERSONAL,
  });
  return picked === PERSONAL ? null : picked;
}
