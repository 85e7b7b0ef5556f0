// Launch options for Debian's chromium through playwright-core, shared by every browser test:
// the flags a headless run in this sandbox needs (no GPU, no /dev/shm, no background network,
// which this machine's closed network would refuse).
export const chromiumLaunchOptions = {
  headless: true,
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
