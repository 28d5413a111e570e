// An admin keeps the product catalog and the support team without SQL: add a product, switch it
// off, import a list after its preview; add an agent, who sets a password from the welcome email
// (at a real SMTP server process) and is signed out the moment the admin deactivates them. Runs
// with JavaScript and without.
import { test, expect, signIn, signOut, waitForMail } from "./fixtures";

test("an admin adds a product, switches it off and imports a list after its preview", async ({ page, visit }, info) => {
  test.slow(); // several pages, each checked by axe-core
  const booth = `Spray Booth ${info.project.name}`;
  const mixer = `Paint Mixer ${info.project.name}`;
  await visit("/login");
  await signIn(page, "admin@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  // The address bar shows the page that is shown, not the sign-in form's `/login?next=/`.
  await expect(page).toHaveURL(/^http:\/\/[^/]+\/$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Products" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Products" })).toBeVisible();
  await visit("/admin/products");

  // No name: refused next to the field.
  const add = page.getByRole("form", { name: "New product" });
  await add.getByLabel("Product name").fill("   ");
  await add.getByRole("button", { name: "Add product" }).click();
  await expect(page.getByRole("form", { name: "New product" }).getByLabel("Product name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter the product's name (up to 200 characters).")).toBeVisible();

  await page.getByRole("form", { name: "New product" }).getByLabel("Product name").fill(booth);
  await page.getByRole("form", { name: "New product" }).getByRole("button", { name: "Add product" }).click();
  await expect(page.getByRole("status")).toContainText("Product added.");
  const row = page.getByRole("row").filter({ hasText: booth });
  await expect(row).toContainText("Active");

  // Switched off from the list: still listed, as inactive.
  await row.getByRole("button", { name: `Deactivate ${booth}` }).click();
  await expect(page.getByRole("status")).toContainText("Product deactivated");
  await expect(page.getByRole("row").filter({ hasText: booth })).toContainText("Inactive");

  // Import: the preview says what changes, and nothing has changed yet.
  await visit("/admin/products");
  const importForm = page.getByRole("form", { name: "Import a list" });
  await importForm.getByLabel("Products, one a line").fill(`Name;Version\n${booth.toUpperCase()};2\n"${mixer}";1\n${mixer}\n`);
  await importForm.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a list" })).toBeVisible();
  await checkPreview();
  await page.getByRole("button", { name: "Import: 2 changes" }).click();
  await expect(page.getByRole("status")).toContainText("Import done. Added: 1. Reactivated: 1.");

  await page.getByRole("searchbox", { name: "Find a product" }).fill(info.project.name);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("row").filter({ hasText: booth })).toContainText("Active");
  await expect(page.getByRole("row").filter({ hasText: mixer })).toContainText("Active");

  // Renamed on its page.
  await page.getByRole("link", { name: mixer }).click();
  await expect(page.getByRole("heading", { level: 1, name: mixer })).toBeVisible();
  const rename = page.getByRole("form", { name: "Rename" });
  await rename.getByLabel("Product name").fill(`${mixer} II`);
  await rename.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Product renamed.");
  await expect(page.getByRole("heading", { level: 1, name: `${mixer} II` })).toBeVisible();

  async function checkPreview(): Promise<void> {
    const table = page.getByRole("table", { name: "What the import changes" });
    await expect(table.getByRole("row").filter({ hasText: booth })).toContainText("Will be reactivated");
    await expect(table.getByRole("row").filter({ hasText: mixer }).first()).toContainText("Will be added");
    await expect(table.getByRole("row").filter({ hasText: "Line 4" })).toContainText("named earlier in the list, skipped");
  }
});

test("an admin adds an agent, who sets a password from the welcome email; deactivated, they are signed out", async ({
  page,
  browser,
  visit,
  portico,
}, info) => {
  test.slow(); // two people, several pages, each checked by axe-core
  const email = `piet.${info.project.name}@portico.example`;
  const password = "tulips along the canal";
  await visit("/login");
  await signIn(page, "admin@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support team" })).toBeVisible();
  await checkTeamPage();

  const form = page.getByRole("form", { name: "Add a staff member" });
  await form.getByLabel("Name").fill("Piet de Vries");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: "Support agent" });
  await form.getByLabel("Language").selectOption({ label: "Nederlands" });
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Piet de Vries" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Staff member added.");
  const memberPage = page.url();

  // Piet, in a browser of his own: the welcome email is the team's, in Dutch.
  const mail = await waitForMail(portico, email, /^U bent toegevoegd aan het supportteam$/);
  expect(mail.text).toContain("Beste Piet de Vries,");
  const link = /(http:\/\/\S+\/password\/set\?token=[0-9a-f]{64})/.exec(mail.text)![1];
  const piet = await browser.newPage({ javaScriptEnabled: info.project.name !== "chromium-no-js" });
  await piet.goto(link);
  await piet.getByLabel("New password", { exact: true }).fill(password);
  await piet.getByLabel("Confirm new password").fill(password);
  await piet.getByRole("button", { name: "Set password" }).click();
  // Signed in, Piet reads his own language, Dutch.
  await expect(piet.getByRole("heading", { level: 1, name: "Hoe kunnen we u helpen?" })).toBeVisible();
  await expect(piet.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Accounts" })).toBeVisible();
  await expect(piet.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Producten" })).toHaveCount(0);

  // Deactivated by the admin: his next page is the sign-in page, and his password stops working.
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await expect(page.getByText("Deactivated", { exact: true })).toBeVisible();
  await piet.goto(`${portico.url}/staff/accounts`);
  await expect(piet).toHaveURL(/\/login/);
  await signIn(piet, email, password, "nl");
  await expect(piet.getByRole("alert")).toContainText("Onjuist e-mailadres of wachtwoord.");
  await piet.close();

  // Reactivated, and promoted.
  await page.goto(memberPage);
  await page.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  const role = page.getByRole("form", { name: "Role" });
  await role.getByLabel("Role").selectOption({ label: "Administrator" });
  await role.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await expect(page.getByRole("definition").filter({ hasText: "Administrator" })).toBeVisible();

  // One's own page offers no way to lock oneself out.
  await page.goto("/admin/staff");
  await page.getByRole("link", { name: "Alex Admin" }).click();
  await expect(page.getByText("This is you: another admin can change your role or access.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
  await signOut(page);

  async function checkTeamPage(): Promise<void> {
    const table = page.getByRole("table", { name: "Support team" });
    await expect(table.getByRole("row").filter({ hasText: "daan.visser@portico.example" })).toContainText("Support agent");
  }
});
