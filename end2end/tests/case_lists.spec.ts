// "My cases", "All cases" and "Recently viewed": sort by a column header, filter by status, search,
// and the URL keeps it all (back button), with and without JavaScript.
import { test, expect, signIn, addUser } from "./fixtures";
import type { Page } from "@playwright/test";

async function createCase(page: Page, subject: string): Promise<void> {
  await page.goto("/cases/new");
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "created." })).toContainText(subject);
}

test("sort, filter and search my cases; the URL remembers", async ({ page, visit, portico }, info) => {
  test.slow(); // several pages, each checked by axe-core
  const email = `lists.${info.project.name}@janssens.example`;
  addUser(portico, {
    email,
    name: "Lieve Lists",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password: "lieve's long passphrase",
  });
  await visit("/login");
  await signIn(page, email, "lieve's long passphrase");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  for (const subject of ["Alpha printer jams", "Bravo paint module", "Charlie printer offline"]) {
    await createCase(page, subject);
  }

  await visit("/cases");
  await expect(page.getByRole("heading", { level: 1, name: "My cases" })).toBeVisible();
  const table = page.getByRole("table", { name: "My cases" });
  const subjects = table.getByRole("row").locator("td:nth-child(4)");
  await expect(subjects).toHaveText(["Charlie printer offline", "Bravo paint module", "Alpha printer jams"]);
  await expect(page.getByText("3 items · Sorted by Date/time opened")).toBeVisible();
  await expect(page.getByText("Updated a few seconds ago")).toBeVisible();

  await table.getByRole("link", { name: "Subject" }).click();
  await expect(page).toHaveURL(/sort=subject/);
  await expect(subjects).toHaveText(["Alpha printer jams", "Bravo paint module", "Charlie printer offline"]);
  await expect(table.getByRole("columnheader", { name: "Subject" })).toHaveAttribute("aria-sort", "ascending");
  await table.getByRole("link", { name: "Subject" }).click();
  await expect(table.getByRole("columnheader", { name: "Subject" })).toHaveAttribute("aria-sort", "descending");
  await expect(subjects).toHaveText(["Charlie printer offline", "Bravo paint module", "Alpha printer jams"]);

  await page.getByLabel("Search this list").fill("printer");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=printer/);
  await expect(subjects).toHaveText(["Charlie printer offline", "Alpha printer jams"]);
  await expect(page.getByText("2 items · Sorted by Subject · Filtered by “printer”")).toBeVisible();

  await page.getByLabel("Status").selectOption({ label: "Closed" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("There are no cases to show.")).toBeVisible();
  await page.goBack();
  await expect(subjects).toHaveText(["Charlie printer offline", "Alpha printer jams"]);

  await page.getByRole("navigation", { name: "Case views" }).getByRole("link", { name: "All cases" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "All cases" })).toBeVisible();
  await expect(page.getByRole("table", { name: "All cases" })).toContainText("Lieve Lists");

  await page.getByRole("table").getByRole("link").filter({ hasText: /^\d{8}$/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Charlie printer offline" })).toBeVisible();
  await visit("/cases?view=recent");
  await expect(page.getByRole("heading", { level: 1, name: "Recently viewed" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Recently viewed" }).getByRole("row").locator("td:nth-child(4)")).toHaveText([
    "Charlie printer offline",
  ]);
});
