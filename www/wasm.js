// Evaluated first (app.js imports it before anything that calls the package): instantiates the
// package from the module index.html's inline script has been compiling while everything downloaded — or, should
// that have failed, from the .wasm fetched here. js/browser.js, evaluated next, finds this
// instantiation under way and awaits it (wasm-bindgen's init runs once).
import init from "../pkg/billcalc.js";

export const wasm = init({
  module_or_path: Promise.resolve(globalThis.billcalcWasm).then((m) => m ?? fetch(new URL("./billcalc_bg.wasm", import.meta.url))),
});
