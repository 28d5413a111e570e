// Shared fixtures: a real `portico` server per worker (free port, fresh SQLite database seeded with
// the demo data), and axe-core WCAG 2.1 AA checks on every page a test visits.
import { test as base, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { spawn, spawnSync, ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..");
const bin = process.env.PORTICO_BIN ?? path.join(os.homedir(), ".cache/portico-target/release/portico");

export type Portico = { url: string; dir: string; env: NodeJS.ProcessEnv };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`portico exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`portico did not become healthy at ${url}:\n${log()}`);
}

/** WCAG 2.1 AA: fails the test on any violation, listing rule, impact and the offending nodes. */
export async function checkA11y(page: Page): Promise<void> {
  // axe-core runs as a script in the page. Where the test has JavaScript off, audit the same URL with
  // the same cookies in a context that runs axe but blocks the app's own JS and WASM: the very
  // server-rendered page a visitor without JavaScript gets.
  const jsOff = (test.info().project.use as { javaScriptEnabled?: boolean }).javaScriptEnabled === false;
  let target = page;
  let cleanup = async () => {};
  if (jsOff) {
    const browser = page.context().browser()!;
    // Playwright Test applies the project options to new contexts too: turn JS back on explicitly.
    const context = await browser.newContext({
      javaScriptEnabled: true,
      storageState: await page.context().storageState(),
    });
    target = await context.newPage();
    await target.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
    await target.goto(page.url());
    cleanup = () => context.close();
  }
  try {
    const results = await new AxeBuilder({ page: target })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    const summary = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
    );
    expect(summary, `axe-core found WCAG 2.1 AA violations on ${page.url()}`).toEqual([]);
  } finally {
    await cleanup();
  }
}

/** The password of every demo login (`portico seed-demo`). */
export const DEMO_PASSWORD = "portico-demo-2026";

/** Signs in on the sign-in page as a person does (labels, button), from wherever `page` is. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

type Fixtures = { visit: (path: string) => Promise<void> };
type WorkerFixtures = { portico: Portico };

export const test = base.extend<Fixtures, WorkerFixtures>({
  portico: [
    async ({}, use) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-e2e-"));
      const port = await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORTICO_DATABASE_URL: `sqlite://${dir}/portico.db`,
        PORTICO_DATA_DIR: path.join(dir, "files"),
        PORTICO_LISTEN: `127.0.0.1:${port}`,
        PORTICO_PUBLIC_URL: `http://127.0.0.1:${port}`,
        LEPTOS_SITE_ROOT: path.join(repoRoot, "target/site"),
        RUST_LOG: "warn",
      };
      delete env.PORTICO_SMTP_URL;
      const seed = spawnSync(bin, ["seed-demo"], { cwd: repoRoot, env, encoding: "utf8" });
      if (seed.status !== 0) throw new Error(`portico seed-demo failed:\n${seed.stdout}${seed.stderr}`);
      let output = "";
      const child = spawn(bin, ["serve"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout!.on("data", (d) => (output += d));
      child.stderr!.on("data", (d) => (output += d));
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitForHealth(url, child, () => output);
        await use({ url, dir, env });
      } finally {
        child.kill("SIGTERM");
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: "worker", timeout: 60_000 },
  ],
  baseURL: async ({ portico }, use) => use(portico.url),
  visit: async ({ page }, use) => {
    await use(async (target: string) => {
      await page.goto(target);
      await checkA11y(page);
    });
  },
  // Whatever a test ends on is checked too (open menus, error states, switched languages).
  page: async ({ page }, use) => {
    await use(page);
    if (page.url().startsWith("http")) await checkA11y(page);
  },
});

export { expect };
