// Live pages (needs JavaScript): with a case open in one browser, support answers from another; the
// comment, the new status and the priority appear on the customer's page without a reload, and a
// screen reader hears "A new comment was added to this case."; an internal comment never appears.
// The customer's case list says "New updates: 1 — refresh" instead of moving its rows, and the
// link loads the list again.
import { test, expect, signIn, addUser } from "./fixtures";

test("a case page follows support's answer live; the list tells of updates", async ({ page, browser, visit, portico }, info) => {
  test.slow(); // two browsers, each page checked by axe-core
  const email = `live.${info.project.name}@janssens.example`;
  addUser(portico, {
    email,
    name: "Lotte Live",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password: "lotte's long passphrase",
  });
  await visit("/login");
  await signIn(page, email, "lotte's long passphrase");
  await visit("/cases/new");
  await page.getByLabel("Subject").fill("Paint codes missing in the estimate");
  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];
  await visit(`/cases/${number}`);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByRole("heading", { level: 2, name: "Case comments (0)" })).toBeVisible();

  // Support, in a browser of their own.
  const desk = await browser.newContext({ baseURL: portico.url });
  const agent = await desk.newPage();
  await agent.goto("/login");
  await signIn(agent, "daan.visser@portico.example");
  await agent.goto(`/cases/${number}`);
  await agent.getByLabel("New comment").fill("Internal: ask the paint supplier first.");
  await agent.getByLabel("Internal (support only)").check();
  await agent.getByRole("button", { name: "Add comment" }).click();
  await expect(agent.getByText("Internal: ask the paint supplier first.", { exact: true })).toBeVisible();
  await agent.getByLabel("New comment").fill("We found the missing paint codes.");
  await agent.getByRole("button", { name: "Add comment" }).click();
  await expect(agent.getByText("We found the missing paint codes.", { exact: true })).toBeVisible();

  // The customer's page, never reloaded: the public comment only, announced.
  await expect(page.getByRole("heading", { level: 2, name: "Case comments (1)" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "We found the missing paint codes." })).toContainText("Daan Visser");
  await expect(page.getByRole("status").filter({ hasText: "A new comment was added to this case." })).toBeAttached();
  await expect(page.getByText("Internal: ask the paint supplier first.")).toHaveCount(0);

  const update = agent.getByRole("region", { name: "Update case" });
  await update.getByLabel("Status").selectOption({ label: "In progress" });
  await update.getByLabel("Priority").selectOption({ label: "High" });
  await update.getByRole("button", { name: "Save" }).click();
  await expect(agent.getByRole("status").filter({ hasText: "Case updated." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Organization and contact details" })).toContainText("In progress");
  await expect(page.getByRole("region", { name: "Organization and contact details" })).toContainText("High");
  await expect(page.getByText("Internal: ask the paint supplier first.")).toHaveCount(0);

  // The list: a notice, not moving rows; its link loads the list again.
  await visit("/cases");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByRole("link", { name: /New updates/ })).toHaveCount(0);
  await agent.getByLabel("New comment").fill("The new codes are in version 12.");
  await agent.getByRole("button", { name: "Add comment" }).click();
  const news = page.getByRole("link", { name: "New updates: 1 — refresh" });
  await expect(news).toBeVisible();
  await news.click();
  await expect(page.getByRole("link", { name: /New updates/ })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "My cases" }).getByRole("link", { name: number })).toBeVisible();
  await desk.close();
});
