// Parse each Mermaid file given on the command line with Mermaid's own parser.
// Prints "ok <file>" or "error <file>: <message>" per file; exit status 1 if any failed.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const { window } = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = window;
globalThis.document = window.document;
for (const name of ["DOMParser", "Element", "HTMLElement", "Node", "navigator"]) {
  if (!(name in globalThis)) globalThis[name] = window[name];
}

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    await mermaid.parse(readFileSync(file, "utf8"));
    console.log(`ok ${file}`);
  } catch (err) {
    failed += 1;
    console.log(`error ${file}: ${String(err && err.message ? err.message : err).split("\n").join(" | ")}`);
  }
}
process.exit(failed ? 1 : 0);
