// Preloaded into the jsii kernel's Node (`--require`, set by _cdk.py): the index.js of a prebuilt
// cdktf/cdktn provider package re-exports its ~1,500 generated submodules eagerly, one
// `exports.x = require("./x")` line each (cdktn wraps each in `__importStar(...)`). Node compiles
// all of them when jsii loads the assembly: 1.5-1.7 s for the azurerm bindings, of which a stack
// uses a few dozen (bench/results.md). Each such line becomes a getter that runs the same
// expression on first access and keeps its value, so the exports are the same objects, loaded late.
"use strict";
const Module = require("module");

const PROVIDER_INDEX = /[\\/]node_modules[\\/]@cdk(tf|tn)[\\/]provider-[\w-]+[\\/]lib[\\/]index\.js$/;
const REEXPORT = /^exports\.([A-Za-z_$][\w$]*) = ((?:__importStar\()?require\("\.\/[\w./-]+"\)\)?);$/gm;

function lazy(source) {
  return source.replace(
    REEXPORT,
    (_, name, value) =>
      `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get() {` +
      ` const v = ${value}; Object.defineProperty(exports, "${name}", { value: v, enumerable: true,` +
      ` configurable: true, writable: true }); return v; } });`,
  );
}

const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  return compile.call(this, PROVIDER_INDEX.test(filename) ? lazy(content) : content, filename);
};

module.exports = { lazy, PROVIDER_INDEX };
