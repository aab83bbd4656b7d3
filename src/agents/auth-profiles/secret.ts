import type { AuthProfileCredential } from "./types.js";
import type { EnvRecord } from "../../infra/env.js";

/** The usable secret of a credential: the key/token itself, or the env var a `keyRef` points to. */
export function resolveProfileSecret(credential: AuthProfileCredential, env: EnvRecord = process.env): string | undefined {
  switch (credential.type) {
    case "api_key": {
      const key = credential.key?.trim();
      if (key) return key;
      if (credential.keyRef?.source === "env") return env[credential.keyRef.id]?.trim() || undefined;
      return undefined;
    }
    case "token":
      return credential.token?.trim() || undefined;
    case "oauth":
      return (typeof credential.access === "string" && credential.access.trim()) || undefined;
  }
}
