import { describe, expect, it } from "vitest";
import { formatUsd, parseAccountBalance, parseAccountProfile } from "./account-api.js";
import { accountOrigin } from "../../providers/account-spec.js";
import { applyOrganizationConfig, resolveOrganizationFlag } from "./organization.js";
import { findAccountSpec } from "../../providers/account-spec.js";

const KILOCODE_ACCOUNT = findAccountSpec("kilocode")!;

describe("account API parsing", () => {
  it("tolerates extra and missing fields, and skips organisations without an id", () => {
    expect(parseAccountProfile({ user: { email: "a@b", name: "A", extra: 1 }, organizations: [{ id: "o1", name: "One", role: "owner" }, { name: "no id" }, { id: 7 }] })).toEqual({
      email: "a@b",
      name: "A",
      organizations: [{ id: "o1", name: "One", role: "owner" }, { id: "7", name: "7" }],
    });
    expect(parseAccountProfile(null)).toEqual({ organizations: [] });
    expect(parseAccountProfile({ user: "x", organizations: "y" })).toEqual({ organizations: [] });
  });

  it("reads the balance as a number or numeric string, and formats dollars", () => {
    expect(parseAccountBalance({ balance: 12.345 })).toBe(12.345);
    expect(parseAccountBalance({ balance: "3.5" })).toBe(3.5);
    expect(parseAccountBalance({ balance: "lots" })).toBeUndefined();
    expect(parseAccountBalance({})).toBeUndefined();
    expect(formatUsd(12.34)).toBe("$12.34");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(-0.5)).toBe("-$0.50");
  });

  it("derives the account origin from the effective base URL", () => {
    expect(accountOrigin("https://api.kilo.ai/api/gateway/")).toBe("https://api.kilo.ai");
    expect(accountOrigin("http://127.0.0.1:4000/api/gateway")).toBe("http://127.0.0.1:4000");
  });
});

describe("organisation choice", () => {
  const profile = { organizations: [{ id: "org_1", name: "Acme" }] };
  it("takes an id, a name (any case) or personal, and names the choices otherwise", () => {
    expect(resolveOrganizationFlag(KILOCODE_ACCOUNT, profile, "org_1")).toBe("org_1");
    expect(resolveOrganizationFlag(KILOCODE_ACCOUNT, profile, "acme")).toBe("org_1");
    expect(resolveOrganizationFlag(KILOCODE_ACCOUNT, profile, "Personal")).toBeNull();
    expect(() => resolveOrganizationFlag(KILOCODE_ACCOUNT, profile, "nope")).toThrow(/not one of your Kilo Gateway organisations \(Acme \(org_1\)\)/);
    expect(() => resolveOrganizationFlag(KILOCODE_ACCOUNT, { organizations: [] }, "x")).toThrow(/this account has none/);
  });

  it("sets and removes organizationId on the provider block, keeping the rest", () => {
    const cfg = { models: { providers: { kilocode: { baseUrl: "https://x/", models: [], headers: { A: "1" } } } } };
    const withOrg = applyOrganizationConfig(cfg, "kilocode", "org_1");
    expect(withOrg.models?.providers?.kilocode).toEqual({ baseUrl: "https://x/", models: [], headers: { A: "1" }, organizationId: "org_1" });
    expect(applyOrganizationConfig(withOrg, "kilocode", null).models?.providers?.kilocode).toEqual(cfg.models.providers.kilocode);
    expect(cfg.models.providers.kilocode).not.toHaveProperty("organizationId");
  });
});
