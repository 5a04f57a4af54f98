// Preloaded into the jsii kernel's Node (`--require`, set by _cdk.py): the index.js of a prebuilt
// cdktf/cdktn provider package re-exports its ~1,500 generated submodules eagerly, one
// `exports.x = require("./x")` line each (cdktn wraps each in `__importStar(...)`). Node compiles
// all of them when jsii loads the assembly: 1.3-1.8 s for the azurerm bindings, of which a stack
// uses a few dozen (bench/results.md). Each such line becomes a getter that runs the same
// expression on first access and keeps its value, so the exports are the same objects, loaded late.
"use strict";
const Module = require("module");

const PROVIDER_INDEX = /[\\/]node_modules[\\/]@cdk(tf|tn)[\\/]provider-[\w-]+[\\/]lib[\\/]index\.js$/;
const PATH = String.raw`"\.\/[\w./-]+"`;
const REEXPORT = new RegExp(
  String.raw`^exports\.([A-Za-z_$][\w$]*) = (require\(${PATH}\)|__importStar\(require\(${PATH}\)\));$`,
  "gm",
);

/** `source` with each re-export line made lazy; every other line as it was. */
function lazy(source) {
  return source.replace(REEXPORT, (_, name, value) => {
    const keep = `(v) => Object.defineProperty(exports, "${name}", { value: v, enumerable: true, configurable: true, writable: true })`;
    return (
      `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true,` +
      ` get() { const v = ${value}; (${keep})(v); return v; }, set: ${keep} });`
    );
  });
}

const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename, ...rest) {
  // `rest`: Node 22 passes the module's format (commonjs, commonjs-typescript...) after the name.
  return compile.call(this, PROVIDER_INDEX.test(filename) ? lazy(content) : content, filename, ...rest);
};

module.exports = { lazy }; // for tests/test_lazy_exports.py, which runs it on the installed bindings
