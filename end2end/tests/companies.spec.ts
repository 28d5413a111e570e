// Staff run the company list without SQL: add a company (a mistake first: it comes back next to
// its field with everything typed kept), find it, change it. Runs with JavaScript and without.
import { test, expect, signIn } from "./fixtures";

test("staff add, find and change a company", async ({ page, visit }, info) => {
  test.slow(); // several pages, each checked by axe-core
  const name = `Garage Petrov ${info.project.name}`;
  await visit("/login");
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/staff/accounts");

  // A name that exists (in another case) is refused next to the field; the phone stays typed.
  const form = page.getByRole("form", { name: "New company" });
  await form.getByLabel("Company name").fill("NORTHWIND body repair ltd");
  await form.getByLabel("Company phone").fill("+7 495 000 11 22");
  await form.getByLabel("Country").fill("Russia");
  await form.getByRole("button", { name: "Add company" }).click();
  const field = page.getByRole("form", { name: "New company" }).getByLabel("Company name");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("A company with this name exists already.")).toBeVisible();
  await expect(page.getByRole("form", { name: "New company" }).getByLabel("Company phone")).toHaveValue("+7 495 000 11 22");
  await expect(field).toHaveValue("NORTHWIND body repair ltd");

  await field.fill(name);
  await page.getByRole("form", { name: "New company" }).getByRole("button", { name: "Add company" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Company added.");

  // Change it on its page.
  const details = page.getByRole("form", { name: "Company details" });
  await expect(details.getByLabel("Company phone")).toHaveValue("+7 495 000 11 22");
  await details.getByLabel("Country").fill("Россия");
  await details.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Company saved.");
  await expect(page.getByRole("form", { name: "Company details" }).getByLabel("Country")).toHaveValue("Россия");

  // Find it from the list, by part of its name in another case.
  await visit("/staff/accounts");
  await page.getByRole("searchbox", { name: "Find a company" }).fill("garage petrov");
  await page.getByRole("button", { name: "Search" }).click();
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: name })).toContainText("Россия");
  await expect(rows.filter({ hasText: "Northwind Body Repair Ltd" })).toHaveCount(0);
  await rows.filter({ hasText: name }).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});
