// Runs the README's JavaScript examples against the built package, so they cannot rot.
import { test } from "node:test";
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test("the README has a JavaScript example", () => {
  if (blocks.length === 0) throw new Error("no ```js block in README.md");
});

blocks.forEach((code, i) => {
  test(`README example ${i + 1} runs`, () => {
    const file = new URL(`./.readme-example-${i}.mjs`, import.meta.url);
    writeFileSync(file, code);
    try {
      execFileSync("node", [file.pathname], { stdio: "pipe" });
    } finally {
      rmSync(file, { force: true });
    }
  });
});
