// Imported right after the package (module evaluation follows import order): its time minus
// clock.mjs's is the package's evaluation (wasm instantiation + initSync).
export const packageReady = Date.now();
