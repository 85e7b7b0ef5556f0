// Imported before the package so the Worker can time the package's evaluation (initSync).
export const moduleStart = Date.now();
