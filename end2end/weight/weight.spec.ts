// What each main page costs a first-time visitor: every byte the browser receives (HTML, JS, WASM,
// CSS, images, fonts, server-function answers; headers included), summed by type in a fresh
// profile, against the budget of issue 13 (sign-in 150 KB, any other page 350 KB). A repeat visit
// must download no static asset again. Largest Contentful Paint with the CPU throttled 4x is
// measured through the DevTools protocol and printed beside it.
import { test, expect, type Browser, type BrowserContext } from "@playwright/test";
import { startPortico, signIn } from "../tests/fixtures";

type Row = { page: string; budget: number; bytes: Record<string, number>; total: number; repeat: number; lcp: number };

const KB = 1024;
const KINDS = ["html", "js", "wasm", "css", "image", "font", "data", "other"];

function kind(mime: string): string {
  if (mime.includes("html")) return "html";
  if (mime.includes("javascript")) return "js";
  if (mime.includes("wasm")) return "wasm";
  if (mime.includes("css")) return "css";
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("font/") || mime.includes("woff")) return "font";
  if (mime.includes("json") || mime.startsWith("text/plain")) return "data";
  return "other";
}

/** Loads `path` in `context` until its islands are live; returns bytes received by type. */
async function load(context: BrowserContext, path: string): Promise<Record<string, number>> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const mimes = new Map<string, string>();
  const bytes: Record<string, number> = {};
  cdp.on("Network.responseReceived", (e: any) => mimes.set(e.requestId, e.response.mimeType ?? ""));
  cdp.on("Network.loadingFinished", (e: any) => {
    const k = kind(mimes.get(e.requestId) ?? "");
    bytes[k] = (bytes[k] ?? 0) + e.encodedDataLength;
  });
  await page.goto(path);
  // A page with islands is weighed once they run (a signed-out page has none, and no script).
  if ((await page.locator("link[rel=modulepreload]").count()) > 0) {
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
  }
  await page.waitForLoadState("networkidle");
  await page.close();
  return bytes;
}

/** Largest Contentful Paint of `path` (ms), the CPU throttled 4x, in a fresh profile. */
async function lcp(browser: Browser, state: any, path: string, baseURL: string): Promise<number> {
  const context = await browser.newContext({ baseURL, storageState: state });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(path);
  const value = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1].startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
  await context.close();
  return value;
}

test("every main page fits its weight budget", async ({ browser }) => {
  const { portico, stop } = await startPortico(false);
  try {
    const baseURL = portico.url;
    // Sessions for a customer, an agent and an admin, made once; each page is then loaded in a new profile
    // (empty cache) that carries only the cookies.
    const sessions: Record<string, any> = {};
    for (const [who, email] of [
      ["customer", "emma.clarke@northwind.example"],
      ["agent", "daan.visser@portico.example"],
      ["admin", "admin@portico.example"],
    ]) {
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      await page.goto("/login");
      await signIn(page, email);
      await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
      sessions[who] = await context.storageState();
      await context.close();
    }
    const probe = await browser.newContext({ baseURL, storageState: sessions.customer });
    const listPage = await probe.newPage();
    // The demo has no cases: the customer creates one, with a comment, as a person does.
    await listPage.goto("/cases/new");
    await listPage.getByLabel("Subject").fill("Estimate totals differ from the printout");
    await listPage.getByLabel("Description").fill("Since the update the PDF shows other totals.");
    await listPage.getByRole("button", { name: "Submit" }).click();
    await listPage.getByRole("status").getByRole("link", { name: /^Open case/ }).click();
    await listPage.getByLabel("New comment").fill("It happens on every estimate.");
    await listPage.getByRole("button", { name: "Add comment" }).click();
    await expect(listPage.getByRole("heading", { level: 2, name: "Case comments (1)" })).toBeVisible();
    const caseHref = new URL(listPage.url()).pathname;
    const firstHref = (pattern: RegExp) =>
      listPage
        .locator("a[href]")
        .evaluateAll((links, source) => links.map((a) => a.getAttribute("href")!).find((h) => new RegExp(source).test(h)), pattern.source);
    await listPage.goto("/kb");
    const articleHref = await firstHref(/^\/kb\/articles\/[^/?#]+$/);
    expect(caseHref, "the case's page").toMatch(/^\/cases\/\d{8}$/);
    expect(articleHref, "an article in the knowledge base").toBeTruthy();
    await probe.close();

    const pages: [string, string, string | null, number][] = [
      ["sign-in", "/login", null, 150 * KB],
      ["home", "/", "customer", 350 * KB],
      ["my cases", "/cases", "customer", 350 * KB],
      ["all cases", "/cases?view=all", "customer", 350 * KB],
      ["case", caseHref!, "customer", 350 * KB],
      ["new case", "/cases/new", "customer", 350 * KB],
      ["knowledge base", "/kb", "customer", 350 * KB],
      ["article", articleHref!, "customer", 350 * KB],
      ["staff: queue", "/queue", "agent", 350 * KB],
      ["staff: case", caseHref!, "agent", 350 * KB],
      ["staff: accounts", "/staff/accounts", "agent", 350 * KB],
      ["admin: products", "/admin/products", "admin", 350 * KB],
      ["admin: staff", "/admin/staff", "admin", 350 * KB],
    ];
    const rows: Row[] = [];
    for (const [name, path, who, budget] of pages) {
      const state = who ? sessions[who] : undefined;
      const context = await browser.newContext({ baseURL, storageState: state });
      const bytes = await load(context, path);
      // The repeat visit, same profile: only the page itself may come over the network.
      const again = await load(context, path);
      await context.close();
      const total = Object.values(bytes).reduce((a, b) => a + b, 0);
      const repeat = Object.entries(again)
        .filter(([k]) => k !== "html" && k !== "data")
        .reduce((a, [, b]) => a + b, 0);
      rows.push({ page: name, budget, bytes, total, repeat, lcp: await lcp(browser, state, path, baseURL) });
    }

    const kb = (n: number) => (n / KB).toFixed(1);
    const header = ["page", ...KINDS, "total KB", "budget", "repeat B", "LCP 4x ms"];
    const lines = rows.map((r) => [
      r.page,
      ...KINDS.map((k) => kb(r.bytes[k] ?? 0)),
      kb(r.total),
      kb(r.budget),
      String(r.repeat),
      r.lcp.toFixed(0),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    console.log(["", fmt(header), ...lines.map(fmt), ""].join("\n"));

    for (const r of rows) {
      expect.soft(r.total, `${r.page}: ${kb(r.total)} KB on a first visit, budget ${kb(r.budget)} KB`).toBeLessThanOrEqual(r.budget);
      expect.soft(r.repeat, `${r.page}: a repeat visit downloaded static assets again`).toBe(0);
    }
  } finally {
    stop();
  }
});
