// Browser and bundler entry: fetches and instantiates the .wasm next to pkg/billcalc.js (a URL
// built from import.meta.url, which Vite and other bundlers turn into an asset). Uses top-level
// await, so the functions are ready as soon as the import resolves (ES2022 targets).
import init from "../pkg/billcalc.js";

await init();

export * from "./exports.js";
/** Resolved once the module is instantiated (already so after the import). */
export const ready = Promise.resolve();
