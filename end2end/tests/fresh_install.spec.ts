// A fresh install, no demo data and no SQL: the first admin (added with `portico user add`) creates
// a company, a product and an agent; the agent sets a password from the welcome email and adds a
// contact; the contact sets a password and opens a case; the agent takes it from the queue,
// replies and solves it; the contact's comment reopens it; the agent solves it again and closes
// it; the contact answers the survey from the emailed link without signing in. Every email is read
// at the real SMTP server process. With JavaScript and without.
import { Page } from "@playwright/test";
import { test, expect, signIn, signOut, addUser, waitForMail, startPortico, checkA11y, Portico } from "./fixtures";

const ADMIN = { email: "first.admin@vendor.example", password: "the very first admin" };

/** Follows a welcome email's link and sets `password`; lands on the home page. */
async function setPassword(page: Page, portico: Portico, email: string, subject: RegExp, password: string) {
  const mail = await waitForMail(portico, email, subject);
  const link = /(http:\/\/\S+\/password\/set\?token=[0-9a-f]{64})/.exec(mail.text)![1];
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
}

test("from a fresh install to an answered survey, without SQL", async ({ page, browser }, info) => {
  test.setTimeout(180_000); // three people, a dozen pages, each checked by axe-core
  const { portico, stop } = await startPortico(true, false);
  try {
    const jsEnabled = info.project.name !== "chromium-no-js";
    const nav = (p: Page) => p.getByRole("navigation", { name: "Main" });
    addUser(portico, { email: ADMIN.email, name: "Ada Admin", role: "admin", password: ADMIN.password, language: "en" });

    // The admin: a company, a product and an agent.
    await page.goto(`${portico.url}/login`);
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
    await nav(page).getByRole("link", { name: "Accounts" }).click();
    const company = page.getByRole("form", { name: "New company" });
    await company.getByLabel("Company name").fill("Fresh Motors BV");
    await company.getByLabel("Company phone").fill("+31 20 555 0100");
    await company.getByLabel("Country").fill("Netherlands");
    await company.getByRole("button", { name: "Add company" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Fresh Motors BV" })).toBeVisible();
    await checkA11y(page);

    await nav(page).getByRole("link", { name: "Products" }).click();
    const product = page.getByRole("form", { name: "New product" });
    await product.getByLabel("Product name").fill("Lift Controller 3000");
    await product.getByRole("button", { name: "Add product" }).click();
    await expect(page.getByRole("status")).toContainText("Product added.");

    await nav(page).getByRole("link", { name: "Staff" }).click();
    const staff = page.getByRole("form", { name: "Add a staff member" });
    await staff.getByLabel("Name").fill("Sam Support");
    await staff.getByLabel("Email").fill("sam@vendor.example");
    await staff.getByLabel("Role").selectOption({ label: "Support agent" });
    await staff.getByLabel("Language").selectOption({ label: "English" });
    await staff.getByRole("button", { name: "Add staff member" }).click();
    await expect(page.getByRole("status")).toContainText("Staff member added.");
    await signOut(page);

    // The agent, in a browser of their own: a password, then a contact for the company.
    const samContext = await browser.newContext({ javaScriptEnabled: jsEnabled });
    const sam = await samContext.newPage();
    await setPassword(sam, portico, "sam@vendor.example", /^You have been added to the support team$/, "sam's own passphrase");
    await nav(sam).getByRole("link", { name: "Accounts" }).click();
    await sam.getByRole("link", { name: "Fresh Motors BV" }).click();
    const contact = sam.getByRole("form", { name: "Add contact" });
    await contact.getByLabel("Name").fill("Clara Klant");
    await contact.getByLabel("Email").fill("clara@freshmotors.example");
    await contact.getByRole("combobox", { name: "Language" }).selectOption({ label: "English" });
    await expect(contact.getByRole("checkbox", { name: "Portal access" })).toBeChecked();
    await contact.getByRole("button", { name: "Add contact" }).click();
    await expect(sam.getByRole("status")).toContainText("Contact added.");

    // The contact: a password, then a case for the new product.
    await setPassword(page, portico, "clara@freshmotors.example", /^Welcome to the customer portal$/, "clara's own passphrase");
    await page.goto(`${portico.url}/cases/new`);
    await page.getByLabel("Subject").fill("Lift Controller 3000 stops halfway");
    await page.getByLabel("Description").fill("The lift stops at half height since this morning.");
    const productBox = page.getByRole("combobox", { name: "Product" });
    await productBox.fill("Lift Controller 3000");
    await productBox.press("Escape");
    await page.getByRole("button", { name: "Submit" }).click();
    const toast = page.getByRole("status").filter({ hasText: "created." });
    await expect(toast).toBeVisible();
    const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];
    await waitForMail(portico, "clara@freshmotors.example", new RegExp(`^Case ${number}: created`));

    // The agent takes it from the queue, replies and solves it.
    await nav(sam).getByRole("link", { name: "Queue" }).click();
    await expect(sam.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
    await sam.getByLabel(number, { exact: true }).check();
    await sam.getByLabel("Assign to").selectOption({ label: "Me" });
    await sam.getByRole("button", { name: "Assign selected" }).click();
    await expect(sam.getByRole("row").filter({ hasText: number })).toContainText("Sam Support");
    await sam.getByRole("link", { name: "Lift Controller 3000 stops halfway" }).click();
    await sam.getByLabel("New comment").fill("Please check the safety sensor's cable.");
    await sam.getByRole("button", { name: "Add comment" }).click();
    await expect(sam.getByRole("heading", { level: 2, name: "Case comments (1)" })).toBeVisible();
    const reply = await waitForMail(portico, "clara@freshmotors.example", new RegExp(`^Case ${number}: new comment`));
    expect(reply.text).toContain("safety sensor");
    const solve = async (resolution: string) => {
      const form = sam.getByRole("region", { name: "Update case" });
      await form.getByLabel("Status").selectOption({ label: "Solved" });
      await form.getByLabel("Resolution").fill(resolution);
      await form.getByRole("button", { name: "Save" }).click();
      await expect(sam.locator(".status-badge")).toHaveText("Solved");
    };
    await solve("Replace the sensor cable.");
    await waitForMail(portico, "clara@freshmotors.example", new RegExp(`solution proposed for case ${number}`));

    // The contact's comment reopens it, and the agent hears of it.
    await page.goto(`${portico.url}/cases/${number}`);
    await page.getByLabel("New comment").fill("It still stops after the new cable.");
    await page.getByRole("button", { name: "Add comment" }).click();
    await expect(page.locator(".status-badge")).toHaveText("In progress");
    const told = await waitForMail(portico, "sam@vendor.example", new RegExp(`^Case ${number}: new comment`));
    expect(told.text).toContain("It still stops after the new cable.");

    // Solved again, and closed: the survey goes out.
    await sam.reload();
    await solve("Recalibrate the height sensor.");
    const form = sam.getByRole("region", { name: "Update case" });
    await form.getByLabel("Status").selectOption({ label: "Closed" });
    await form.getByRole("button", { name: "Save" }).click();
    await expect(sam.locator(".status-badge")).toHaveText("Closed");
    await checkA11y(sam);
    await samContext.close();
    await signOut(page);

    const invitation = await waitForMail(portico, "clara@freshmotors.example", new RegExp(`Case ${number} is closed`));
    const link = new URL(/https?:\/\/\S+\/survey\?token=[0-9a-f]{64}/.exec(invitation.text)![0]);
    await page.goto(link.toString());
    await page.getByRole("radiogroup", { name: "How satisfied are you with the help?" }).getByLabel("5 – Very satisfied").check();
    await page.getByRole("button", { name: "Send answer" }).click();
    await expect(page.getByText("Thank you for your answer.")).toBeVisible();
    await checkA11y(page);

    // The admin's report counts it, for the agent who had the case.
    await page.goto(`${portico.url}/login`);
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
    await page.goto(`${portico.url}/desk/satisfaction`);
    await expect(page.getByRole("row", { name: /^Sam Support 1 5[.,]00 100%$/ })).toBeVisible();
  } finally {
    await page.goto("about:blank"); // the page fixture's last check needs a server that is gone
    await stop();
  }
});
