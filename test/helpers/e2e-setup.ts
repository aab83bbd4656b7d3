/** The usual end-to-end fixture: one fake gateway for the file (reset per test) and a fresh temp state per test. */
import { useFakeGateway, type FakeGateway } from "./fake-gateway.js";
import { useTempState, type TempState } from "./temp-state.js";

type Hooks = {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
  beforeEach: (fn: () => void) => void;
  afterEach: (fn: () => void) => void;
};

export function useGatewayAndState(hooks: Hooks): { gateway: () => FakeGateway; state: () => TempState } {
  return { gateway: useFakeGateway(hooks), state: useTempState(hooks) };
}
