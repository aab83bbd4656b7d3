export * from "./types.js";
export * from "./store.js";
export * from "./order.js";
export * from "./secret.js";
