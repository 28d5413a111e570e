// With the dev mailbox asked for (`serve --dev-mailbox`, no SMTP relay), every email lands in the
// built-in mailbox that admins read at /admin/mail, sign-in secrets hidden. This spec starts a
// portico of its own without PORTICO_SMTP_URL.
import { test as base, expect, signIn, signOut, openAccountMenu, startPortico, checkA11y, Portico } from "./fixtures";

const test = base.extend<{}, { devPortico: Portico }>({
  devPortico: [
    async ({}, use) => {
      const { portico, stop } = await startPortico(false);
      try {
        await use(portico);
      } finally {
        await stop();
      }
    },
    { scope: "worker", timeout: 60_000 },
  ],
});

test("admins read every email in the dev mailbox; others cannot", async ({ page, devPortico }) => {
  test.slow(); // many pages, each checked by axe-core
  const url = devPortico.url;
  // Someone asks for a temporary password; the email goes to the dev mailbox.
  await page.goto(`${url}/password/forgot`);
  await page.getByLabel("Email").fill("emma.clarke@northwind.example");
  await page.getByRole("button", { name: "Reset password" }).click();
  await expect(page.getByRole("status")).toContainText("we have sent a temporary password");

  // A customer has no access to the mailbox.
  await page.goto(`${url}/login`);
  await signIn(page, "sophie@janssens.example");
  // Sophie reads Dutch, her saved language.
  await expect(page.getByRole("heading", { level: 1, name: "Hoe kunnen we u helpen?" })).toBeVisible();
  await page.goto(`${url}/admin/mail`);
  await expect(page.getByRole("heading", { level: 1, name: "Niet beschikbaar" })).toBeVisible();
  await expect(page.getByText("temporary password")).toHaveCount(0);
  await checkA11y(page);
  await signOut(page, "nl");

  // This browser now shows the sign-in page in Dutch; the admin reads English once signed in.
  await signIn(page, "admin@portico.example", undefined, "nl");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await openAccountMenu(page, page.getByRole("link", { name: "Mail", exact: true }));
  await page.getByRole("link", { name: "Mail", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mail" })).toBeVisible();
  await expect(page.getByText("No SMTP relay is configured")).toBeVisible();
  const row = page.getByRole("row", { name: /emma\.clarke@northwind\.example/ });
  await expect(row).toContainText("Your temporary password for the customer portal");
  await checkA11y(page);
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Your temporary password for the customer portal" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Text version" })).toBeVisible();
  // Another admin reads the email, but not the sign-in secret in it (only its recipient may).
  await expect(page.locator("pre")).toContainText("[hidden: a sign-in secret for the recipient only]");
  await expect(page.locator("pre")).not.toContainText(/[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}/);
  await checkA11y(page);
  const detail = page.url();
  // The HTML part opens as a document of its own, sandboxed.
  const html = await page.request.get(`${detail}/html`);
  expect(html.status()).toBe(200);
  expect(html.headers()["content-security-policy"]).toContain("sandbox");
  await page.getByRole("link", { name: "Open the HTML version" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto(detail);
});
