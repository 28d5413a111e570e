// Creating a case with the live product autocomplete (needs JavaScript): suggestions from the third
// character, Enter for the full "starts with" list, keyboard and mouse picking; the toast with the
// case number; the confirmation email at the SMTP server.
import { test, expect, signIn, waitForMail, checkA11y } from "./fixtures";

test("create a case: pick a product, submit, see the number and get it by email", async ({ page, visit, portico }) => {
  test.slow(); // many pages, each checked by axe-core
  await visit("/login");
  await signIn(page, "emma.clarke@northwind.example");
  await page.getByRole("link", { name: "Create case" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create case" })).toBeVisible();
  await expect(page.getByText("Need answers fast?")).toBeVisible();
  await expect(page.getByLabel("Country")).toHaveValue("United Kingdom");

  await page.getByLabel("Subject").fill("Estimate totals differ from the printout");
  await page.getByLabel("Description").fill("Since the update the PDF shows other totals.\nSee case steps.");
  const product = page.getByRole("combobox", { name: "Product" });
  await product.pressSequentially("pl");
  await expect(page.getByRole("listbox")).toBeHidden();
  await product.pressSequentially("a");
  const options = page.getByRole("option");
  await expect(options.first()).toHaveText("PlanManager");
  await expect(page.getByRole("option", { name: "Qapter Repair Planner" })).toBeVisible();
  await checkA11y(page);

  // Enter: every product that starts with "pla" (and no longer those that only contain it).
  await product.press("Enter");
  await expect(page.getByText("Every product that starts with what you typed")).toBeVisible();
  await expect(options).toHaveText(["PlanManager", "PlanManager Mobile", "PlanManager Online"]);
  await product.press("ArrowDown");
  await product.press("ArrowDown");
  await expect(product).toHaveAttribute("aria-activedescendant", "product-option-1");
  await product.press("Enter");
  await expect(product).toHaveValue("PlanManager Mobile");
  await expect(page.getByRole("listbox")).toBeHidden();

  // Escape closes; a click picks.
  await product.fill("");
  await product.pressSequentially("qapter c");
  await expect(page.getByRole("option", { name: "Qapter claims" })).toBeVisible();
  await product.press("Escape");
  await expect(page.getByRole("listbox")).toBeHidden();
  await product.pressSequentially("l");
  await page.getByRole("option", { name: "Qapter claims" }).click();
  await expect(product).toHaveValue("Qapter claims");

  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  await expect(toast).toContainText(/Case \d{8}: created\./);
  const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];
  await expect(toast).toContainText("Estimate totals differ from the printout");
  await expect(page.getByLabel("Subject")).toHaveValue("");
  await checkA11y(page);

  const mail = await waitForMail(portico, "emma.clarke@northwind.example", new RegExp(`^Case ${number}: created`));
  expect(mail.subject).toMatch(/\[ref:[0-9a-f]{12}-[0-9a-f]{20}\]$/);
  expect(mail.text).toContain(number);
  expect(mail.text).toContain("Qapter claims");

  await toast.getByRole("link", { name: `Open case ${number}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Estimate totals differ from the printout" })).toBeVisible();
});
