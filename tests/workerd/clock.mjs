// Imported by worker.mjs before "portone-verify": ES modules are evaluated in import order
// (the bundle keeps it), so this reading is taken just before the package's workerd.js runs
// initSync (instantiating the wasm), and worker.mjs's own first line just after.
export const beforePackage = { dateNow: Date.now(), performanceNow: performance.now() };
