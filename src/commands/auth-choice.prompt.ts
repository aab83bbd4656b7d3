/** The grouped provider picker: a group with a single option returns it without a second question. */
import type { AuthProfileStore } from "../agents/auth-profiles/index.js";
import type { WizardPrompter } from "../wizard/prompts.js";
import { buildAuthChoiceGroups } from "./auth-choice-options.js";
import type { AuthChoice, AuthChoiceGroupId } from "./onboard-types.js";

const BACK = "__back" as const;

export async function promptAuthChoiceGrouped(params: {
  prompter: WizardPrompter;
  store?: AuthProfileStore;
  includeSkip: boolean;
  /** The group the cursor starts on (the provider already configured), when it is one of the groups. */
  initialGroup?: string;
}): Promise<AuthChoice> {
  const { groups, skipOption } = buildAuthChoiceGroups({ store: params.store, includeSkip: params.includeSkip });
  const initial = groups.find((group) => group.value === params.initialGroup)?.value;
  for (;;) {
    const picked = await params.prompter.select<AuthChoiceGroupId | "skip">({
      ...(initial ? { initialValue: initial } : {}),
      message: "Model/auth provider",
      options: [
        ...groups.map((group) => ({ value: group.value, label: group.label, ...(group.hint ? { hint: group.hint } : {}) })),
        ...(skipOption ? [{ value: "skip" as const, label: skipOption.label }] : []),
      ],
    });
    if (picked === "skip") return "skip";
    const group = groups.find((entry) => entry.value === picked);
    if (!group) continue;
    if (group.options.length === 1) return group.options[0]!.value;
    const choice = await params.prompter.select<AuthChoice | typeof BACK>({
      message: `${group.label} auth method`,
      options: [...group.options, { value: BACK, label: "Back" }],
    });
    if (choice !== BACK) return choice;
  }
}
