// Creating a case works without JavaScript too: the product is typed in full, errors come back next
// to their fields with everything typed kept, and the confirmation shows the number.
import { test, expect, signIn } from "./fixtures";

test("a Dutch customer's case form, in the guide's words, keeps what was typed after a mistake, then creates the case", async ({ page, visit }) => {
  test.slow(); // many pages, each checked by axe-core
  await visit("/login");
  await signIn(page, "sophie@janssens.example");
  // Sophie's saved language is Dutch: every page after sign-in is.
  await expect(page.getByRole("heading", { level: 1, name: "Hoe kunnen we u helpen?" })).toBeVisible();
  await page.getByRole("link", { name: "Dossier aanmaken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dossier aanmaken" })).toBeVisible();
  // The guide's instructions above the form.
  const tips = page.getByRole("list", { name: "Vul de juiste informatie in de onderstaande velden in" });
  await expect(tips.getByRole("listitem")).toHaveCount(4);
  await expect(tips).toContainText("Typ in het veld Onderwerp de naam van het product");
  await page.getByLabel("Onderwerp").fill("No colours in the paint module");
  await page.getByLabel("Beschrijving").fill("The paint module shows no colours.");
  await page.getByRole("combobox", { name: "Product" }).fill("Paint Manager Pro");
  await page.getByRole("combobox", { name: "Product" }).press("Escape");
  await page.getByRole("button", { name: "Indienen" }).click();
  await expect(page.getByText("Kies een product uit de lijst.")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Product" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Onderwerp")).toHaveValue("No colours in the paint module");
  await expect(page.getByLabel("Beschrijving")).toHaveValue("The paint module shows no colours.");
  await expect(page.getByLabel("Land")).toHaveValue("Belgium");

  const product = page.getByRole("combobox", { name: "Product" });
  await product.fill("");
  await product.fill("Paint Manager");
  await product.press("Escape");
  await page.getByRole("button", { name: "Indienen" }).click();
  const toast = page.getByRole("status").filter({ hasText: "aangemaakt." });
  await expect(toast).toContainText(/Dossier \d{8}: aangemaakt\./);
  await expect(toast).toContainText("Uw dossier is aangemaakt. We nemen spoedig contact met u op.");
  await expect(toast.getByRole("heading", { name: "Samenvatting van het dossier" })).toBeVisible();
  await expect(toast).toContainText("No colours in the paint module");
});
