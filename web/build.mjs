// Copy the browser builds of the third-party assets into the Python package, so the
// page and the API docs work offline. Run `npm ci && npm run build`; commit the output.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "tidings", "web", "static", "vendor");
const files = [
  ["vega/build/vega.min.js", "vega.min.js"],
  ["vega-lite/build/vega-lite.min.js", "vega-lite.min.js"],
  ["vega-embed/build/vega-embed.min.js", "vega-embed.min.js"],
  ["world-atlas/countries-110m.json", "countries-110m.json"],
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui.css", "swagger-ui.css"],
];
const licences = ["vega", "vega-lite", "vega-embed", "vega-interpreter", "world-atlas",
  "swagger-ui-dist"];

// vega-interpreter ships only as an ES module importing vega-util; the vega bundle
// re-exports those helpers, so rewrite it into a script that sets a global. The
// interpreter lets the page run Vega without eval, under a strict CSP.
function interpreterScript() {
  const src = readFileSync(
    join(here, "node_modules", "vega-interpreter", "build", "vega-interpreter.js"), "utf8");
  const body = src
    .replace(/^import \{([^}]*)\} from 'vega-util';$/m, "const {$1} = window.vega;")
    .replace(/^export \{ expression as expressionInterpreter \};$/m,
      "window.vegaInterpreter = { expressionInterpreter: expression };")
    .replace(/^\/\/# sourceMappingURL=.*$/m, "");
  if (body.includes("import ") || body.includes("export ")) {
    throw new Error("vega-interpreter changed shape; update build.mjs");
  }
  return `(function () {\n${body}\n})();\n`;
}

mkdirSync(out, { recursive: true });
for (const [from, to] of files) {
  copyFileSync(join(here, "node_modules", from), join(out, to));
}
writeFileSync(join(out, "vega-interpreter.js"), interpreterScript());
const versions = [];
for (const name of licences) {
  const pkg = JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8"));
  versions.push(`${name}\t${pkg.version}\t${pkg.license}`);
  copyFileSync(join(here, "node_modules", name, "LICENSE"), join(out, `LICENSE.${name}.txt`));
}
writeFileSync(join(out, "VERSIONS.tsv"), `package\tversion\tlicense\n${versions.join("\n")}\n`);
console.log(`copied ${files.length + 1} assets and ${licences.length} licences to ${out}`);
