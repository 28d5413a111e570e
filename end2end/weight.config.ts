import { defineConfig, devices } from "@playwright/test";

// The weight check (`make weight`): what a first visit of each main page downloads, against its
// budget, plus Largest Contentful Paint with the CPU throttled 4x (printed, not asserted).
export default defineConfig({
  testDir: "./weight",
  timeout: 180_000,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
});
