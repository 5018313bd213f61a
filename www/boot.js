// The first script the page runs (a few lines, so it runs as soon as the HTML is parsed): compiles
// the .wasm while it downloads — the response index.html's <link rel="preload"> started — while
// the page's module (dist/app.js) is still arriving. dist/app.js instantiates the package from
// this compiled module; should it fail, the package fetches the .wasm itself.
self.billcalcWasm = WebAssembly.compileStreaming(fetch("./dist/billcalc_bg.wasm")).catch(() => null);
