// What an attacker tries through the browser (issue #11): a case subject that tries to end the page's
// <title> and run script in the browser of the staff member who opens the case. With and without
// JavaScript, the subject shows as text, no script runs, and the page's Content-Security-Policy
// (nonce-based) lets the app itself hydrate.
import { test, expect, signIn, signOut, addUser } from "./fixtures";

const HOSTILE = `Printer</title><script>window.__xss=1;alert(1)</script><img src=x onerror="window.__xss=2">`;

test("a hostile case subject shows as text to staff and runs nothing", async ({ page, visit, portico }, info) => {
  test.slow(); // several pages, each checked by axe-core
  const jsOn = (info.project.use as { javaScriptEnabled?: boolean }).javaScriptEnabled !== false;
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const refused: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/.test(m.text())) refused.push(m.text());
  });
  const email = `xss.${info.project.name}@janssens.example`;
  addUser(portico, {
    email,
    name: "Mallory Printer",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password: "mallory's long passphrase",
  });
  await visit("/login");
  await signIn(page, email, "mallory's long passphrase");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/cases/new");
  await page.getByLabel("Subject").fill(HOSTILE);
  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  await expect(toast).toBeVisible();
  const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];
  await signOut(page);

  // Support staff open the case page and its printable view.
  await signIn(page, "admin@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  for (const path of [`/cases/${number}`, `/cases/${number}/print`]) {
    await visit(path);
    await expect(page.getByRole("heading", { level: 1, name: HOSTILE })).toBeVisible();
    await expect(page).toHaveTitle(`${number} · ${HOSTILE} · Portico`);
    expect(await page.locator("img").count(), `${path}: no image element came from the subject`).toBe(0);
    if (jsOn) {
      // The page went live under its CSP (hydration scripts carry the response's nonce).
      await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    }
  }
  if (jsOn) {
    // Printing is the one thing on the printable view that needs JavaScript; it has no inline handler.
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  }
  expect(dialogs, "no alert() ran").toEqual([]);
  expect(refused, "the CSP refused none of the app's own scripts").toEqual([]);
});
