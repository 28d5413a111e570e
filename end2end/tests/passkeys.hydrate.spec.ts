// Passkeys (issue #19): a customer adds a passkey from the account menu and signs in with it alone
// (no email, no password, no code), then removes it and it signs nobody in. The browser's own
// WebAuthn stack does the ceremonies, with Chromium's virtual authenticator (DevTools protocol) in
// place of a fingerprint reader. Browsers allow passkeys only on a domain name, so this portico's
// public URL is http://localhost:PORT. JavaScript only: WebAuthn is a browser API (passkeys.spec.ts
// has what a browser without JavaScript sees). The page's script (app/src/components/passkeys.js)
// runs the prompts.
import type { CDPSession, Page } from "@playwright/test";
import { testOnLocalhost as test, expect, signIn, signOut, addUser, openAccountMenu, checkA11y } from "./fixtures";

/** A platform authenticator that verifies its user at once (as a fingerprint reader that always
 * matches) and keeps discoverable credentials. */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

test("a customer adds a passkey, signs in with it alone, and removes it", async ({ page, visit, portico }) => {
  test.slow(); // several pages, each checked by axe-core
  const email = "lotte@passkeys.example";
  const password = "amber lantern harbour";
  addUser(portico, {
    email,
    name: "Lotte Visser",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password,
  });
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  await visit("/login");
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  const item = page.getByRole("link", { name: "Passkeys" });
  await openAccountMenu(page, item);
  await item.click();
  await expect(page.getByRole("heading", { level: 1, name: "Passkeys" })).toBeVisible();
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add a passkey" })).toBeEnabled();
  await checkA11y(page);

  // A name of spaces is refused next to the field, and nothing is made.
  const name = page.getByLabel("Passkey name");
  const add = page.getByRole("button", { name: "Add a passkey" });
  await name.fill("   ");
  await add.click();
  await expect(page.getByText("Give the passkey a name that says where it is kept")).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page);
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(0);

  await name.fill("Work laptop");
  await add.click();
  await expect(page.getByText("The passkey is added: you can sign in with it now.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Work laptop", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Never", exact: true })).toBeVisible();
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0].isResidentCredential).toBe(true);
  expect(credentials[0].rpId).toBe("localhost");
  await checkA11y(page);

  // The same device again: the browser declines (Portico lists the passkeys it has already).
  await page.getByLabel("Passkey name").fill("Same laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("This device already holds a passkey of yours for this portal.")).toBeVisible();
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(1);

  // Signing in: one button, and the device unlocks the passkey.
  await signOut(page);
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await openAccountMenu(page, item);
  await expect(page.getByText(email)).toBeVisible();
  await item.click();
  await expect(page.getByRole("cell", { name: "Work laptop", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Never", exact: true })).toHaveCount(0);

  // Removed, it signs nobody in, and the sign-in page says so.
  await page.getByRole("button", { name: "Remove Work laptop" }).click();
  await expect(page.getByText("The passkey is removed: it no longer signs you in.")).toBeVisible();
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  await checkA11y(page);
  await signOut(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This passkey did not sign you in." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
