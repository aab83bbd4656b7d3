import { defineConfig } from "vitest/config";

// Live suites talk to the real Kilo Gateway; they skip themselves when KILOCODE_API_KEY is unset.
export default defineConfig({
  test: {
    include: ["test/**/*.live.test.ts"],
    testTimeout: 120_000,
  },
});
