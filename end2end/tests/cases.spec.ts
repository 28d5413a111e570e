// Creating a case works without JavaScript too: the product is typed in full, errors come back next
// to their fields with everything typed kept, and the confirmation shows the number.
import { test, expect, signIn } from "./fixtures";

test("a case form with a mistake keeps what was typed, then creates the case", async ({ page, visit }) => {
  test.slow(); // many pages, each checked by axe-core
  await visit("/login");
  await signIn(page, "sophie@janssens.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/cases/new");
  await page.getByLabel("Subject").fill("No colours in the paint module");
  await page.getByLabel("Description").fill("The paint module shows no colours.");
  await page.getByRole("combobox", { name: "Product" }).fill("Paint Manager Pro");
  await page.getByRole("combobox", { name: "Product" }).press("Escape");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Choose a product from the list.")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Product" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Subject")).toHaveValue("No colours in the paint module");
  await expect(page.getByLabel("Description")).toHaveValue("The paint module shows no colours.");
  await expect(page.getByLabel("Country")).toHaveValue("Belgium");

  const product = page.getByRole("combobox", { name: "Product" });
  await product.fill("");
  await product.fill("Paint Manager");
  await product.press("Escape");
  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  await expect(toast).toContainText(/Case \d{8}: created\./);
  await expect(toast).toContainText("No colours in the paint module");
});
