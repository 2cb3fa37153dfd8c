import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser (`npx playwright install`).
// The flags keep it off the network this machine does not have.
const chromium = {
  headless: true,
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  // `cargo leptos end-to-end` starts the server and this at the same time.
  globalSetup: "./global-setup.ts",
  use: {
    baseURL: process.env.PORTAL_URL ?? "http://127.0.0.1:3000",
    // A Finnish browser: before sign-in the portal speaks its Accept-Language.
    locale: "fi-FI",
    launchOptions: chromium,
    trace: "off",
  },
  projects: [
    { name: "javascript", use: { javaScriptEnabled: true } },
    { name: "no-javascript", use: { javaScriptEnabled: false } },
  ],
});
