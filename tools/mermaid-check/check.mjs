// Parse each Mermaid file given on the command line with Mermaid's own parser.
// Prints "ok <file>" or "error <file>: <message>" per file; exit status 1 if any failed.
// With --serve, reads the file names from stdin instead (see below).
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { JSDOM } from "jsdom";

const { window } = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = window;
globalThis.document = window.document;
for (const name of ["DOMParser", "Element", "HTMLElement", "Node", "navigator"]) {
  if (!(name in globalThis)) globalThis[name] = window[name];
}

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

async function check(file) {
  try {
    await mermaid.parse(readFileSync(file, "utf8"));
    return `ok ${file}`;
  } catch (err) {
    return `error ${file}: ${String(err && err.message ? err.message : err).split("\n").join(" | ")}`;
  }
}

if (process.argv[2] === "--serve") {
  // One file name a line on stdin, a result line each; an empty line is answered "done". Loading
  // Mermaid and jsdom costs more than parsing a run's files, so a test session keeps one process.
  for await (const line of createInterface({ input: process.stdin })) {
    console.log(line ? await check(line) : "done");
  }
} else {
  const results = [];
  for (const file of process.argv.slice(2)) results.push(await check(file));
  for (const line of results) console.log(line);
  process.exit(results.some((line) => line.startsWith("error")) ? 1 : 0);
}
