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
const licences = ["vega", "vega-lite", "vega-embed", "world-atlas", "swagger-ui-dist"];

mkdirSync(out, { recursive: true });
for (const [from, to] of files) {
  copyFileSync(join(here, "node_modules", from), join(out, to));
}
const versions = [];
for (const name of licences) {
  const pkg = JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8"));
  versions.push(`${name}\t${pkg.version}\t${pkg.license}`);
  copyFileSync(join(here, "node_modules", name, "LICENSE"), join(out, `LICENSE.${name}.txt`));
}
writeFileSync(join(out, "VERSIONS.tsv"), `package\tversion\tlicense\n${versions.join("\n")}\n`);
console.log(`copied ${files.length} assets and ${licences.length} licences to ${out}`);
