// Where the demo page finds the Worker and the package. scripts/demo's server answers
// /config.js itself (with the running Worker's URL and the browser entry of the package's
// exports map); this file is only used when www/ is served some other way, e.g.
//   npx http-server .   # from the repository root, then open /www/
// `?worker=<url>` in the page's address overrides workerUrl.
export default {
  workerUrl: "http://127.0.0.1:8787",
  pkgEntry: "../pkg/browser.js",
};
