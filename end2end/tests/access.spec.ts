// Getting into the portal: staff add a contact, the welcome email reaches a real SMTP server
// process, its link sets the password; "Forgot password?" with a temporary password that must be
// replaced. Runs with JavaScript and without.
import { test, expect, signIn, signOut, waitForMail, addUser, checkA11y } from "./fixtures";

const NEW_PASSWORD = "tangerine harbour lanterns";

test("staff add a contact who sets a password from the welcome email and signs in", async ({
  page,
  visit,
  portico,
}, info) => {
  test.slow(); // many pages, each checked by axe-core
  const email = `lucy.${info.project.name}@northwind.example`;
  await visit("/login");
  await signIn(page, "daan.visser@portico.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  await expect(page).toHaveTitle("Accounts · Portico");
  await checkA11y(page);
  await page.getByRole("link", { name: "Northwind Body Repair Ltd" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Northwind Body Repair Ltd" })).toBeVisible();
  await expect(page).toHaveTitle("Northwind Body Repair Ltd · Portico");
  await checkA11y(page);

  const form = page.getByRole("form", { name: "Add contact" });
  await form.getByLabel("Name").fill("Lucy Turner");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Phone").fill("+44 7700 900456");
  await form.getByRole("combobox", { name: "Language" }).selectOption({ label: "English" });
  await expect(form.getByRole("checkbox", { name: "Portal access" })).toBeChecked();
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByRole("status")).toContainText("Contact added.");
  const row = page.getByRole("row", { name: /Lucy Turner/ });
  await expect(row).toContainText(email);
  await expect(row).toContainText("Yes, invited (no password yet)");
  await checkA11y(page);
  await row.getByRole("link", { name: "Lucy Turner" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lucy Turner" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue(email);
  await expect(page.getByRole("button", { name: "Resend welcome email" })).toBeVisible();
  await checkA11y(page);
  await signOut(page);

  const mail = await waitForMail(portico, email, /^Welcome to the customer portal$/);
  expect(mail.text).toContain("Hello Lucy Turner,");
  expect(mail.html).toContain("Set your password");
  const link = /(http:\/\/\S+\/password\/set\?token=[0-9a-f]{64})/.exec(mail.text)![1];
  expect(link.startsWith(portico.url)).toBe(true);

  await visit(link);
  await expect(page.getByRole("heading", { level: 1, name: "Set your password" })).toBeVisible();
  await expect(page.getByText("Welcome, Lucy Turner.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("password123");
  await page.getByLabel("Confirm new password").fill("password123");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);

  await signOut(page);
  await signIn(page, email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await signOut(page);
  // The link was for one use only.
  await visit(link);
  await expect(page.getByRole("alert")).toContainText("This link has expired or has already been used.");
});

test("forgot password: a temporary password by email, then a new password before anything else", async ({
  page,
  visit,
  portico,
}, info) => {
  test.slow(); // many pages, each checked by axe-core
  const email = `jan.${info.project.name}@janssens.example`;
  addUser(portico, {
    email,
    name: "Jan Peeters",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password: "an old forgotten phrase",
  });
  await visit("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Reset password" }).click();
  await expect(page.getByRole("status")).toContainText("we have sent a temporary password");

  const mail = await waitForMail(portico, email, /temporary password/);
  const temporary = /^\s+([A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})\s*$/m.exec(mail.text)![1];

  await page.getByRole("link", { name: "Back to sign in" }).click();
  await signIn(page, email, temporary);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  // Nothing else is reachable until the new password is set.
  await visit("/cases");
  await expect(page).toHaveURL(/\/account\/new-password\?next=%2Fcases$/);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My cases" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  // The temporary password worked once; the new one works from now on.
  await signOut(page);
  await signIn(page, email, temporary);
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(page, email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
});
