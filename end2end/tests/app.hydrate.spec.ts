// What only works once the WASM has hydrated the server-rendered page.
import { test, expect, signIn } from "./fixtures";

test.beforeEach(async ({ page, visit }) => {
  page.on("pageerror", (err) => {
    throw new Error(`uncaught error in the page: ${err.message}`);
  });
  await visit("/login");
  await signIn(page, "emma.clarke@northwind.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
});

test("the page hydrates without errors and switches language on the same page", async ({ page, visit }) => {
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") consoleErrors.push(msg.text());
  });
  await visit("/cases?view=all");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("button", { name: "RU", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Все обращения" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  expect(new URL(page.url()).pathname + new URL(page.url()).search, "back on the same list").toBe("/cases?view=all&language_saved=1");
  await expect(page.getByRole("button", { name: "RU" })).toHaveAttribute("aria-pressed", "true");
  // The islands speak the page's language too, and the choice is kept in the cookie the server reads.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByRole("heading", { level: 1, name: "Все обращения" })).toBeVisible();
  await expect(page.getByText("Обновлено: несколько секунд назад")).toBeVisible();
  expect(consoleErrors).toEqual([]);
  // Back to English, which the other tests of this server expect of Emma.
  await page.getByRole("button", { name: "EN", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "All cases" })).toBeVisible();
});

test("the account menu opens and closes by mouse and keyboard", async ({ page, visit }) => {
  await visit("/");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  // A native disclosure (<details>) whose <summary> is the button.
  const summary = page.getByRole("button", { name: "Account" });
  const who = page.getByText("Signed in as Emma Clarke");
  await expect(who).toBeHidden();
  await summary.click();
  await expect(who).toBeVisible();
  await expect(page.getByText("emma.clarke@northwind.example · Customer")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(who).toBeHidden();
  await expect(summary, "Escape gives the focus back to the menu button").toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Help and documentation" })).toBeVisible();
  await page.getByRole("link", { name: "Help and documentation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Knowledge base" })).toBeVisible();
  await expect(who, "choosing an item closes the menu").toBeHidden();
});
