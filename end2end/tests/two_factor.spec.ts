// Two-factor sign-in (issue #19): a customer sets up an authenticator app from the account menu
// (the key beside the QR code, as a person types it into an app), keeps the recovery codes, signs
// in with a code and later with a recovery code, and turns it off; an admin requires it of staff,
// and an agent sets it up at sign-in. Runs with JavaScript and without.
import { createHmac } from "node:crypto";
import { test, expect, signIn, signOut, addUser, openAccountMenu, checkA11y, DEMO_PASSWORD } from "./fixtures";

/** The six-digit code an authenticator app set up with `key` (base32, spaces allowed) shows
 * `ahead` 30-second steps from now (RFC 6238: HMAC-SHA1, dynamic truncation). */
function appCode(key: string, ahead = 0): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of key.replace(/\s/g, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const secret = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30) + ahead));
  const mac = createHmac("sha1", secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, "0");
}

test("a customer turns on two-factor sign-in, signs in with a code and a recovery code, and turns it off", async ({
  page,
  visit,
  portico,
}, info) => {
  test.slow(); // many pages, each checked by axe-core
  const email = `noor.${info.project.name}@twofactor.example`;
  const password = "quiet copper windmills";
  addUser(portico, {
    email,
    name: "Noor Bakker",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password,
  });
  await visit("/login");
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  const item = page.getByRole("link", { name: "Two-factor sign-in" });
  await openAccountMenu(page, item);
  await item.click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor sign-in" })).toBeVisible();
  await expect(page.getByText("Two-factor sign-in is off.")).toBeVisible();
  await checkA11y(page);
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const key = (await page.locator(".two-factor-secret").innerText()).trim();
  expect(key.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{32}$/);
  await checkA11y(page);

  // A wrong code is said next to the field.
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByLabel("Code from the app")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The code is not correct.")).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("Code from the app").fill(appCode(key));
  await page.getByRole("button", { name: "Turn on" }).click();
  const codes = page.getByRole("region", { name: "Your recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.allInnerTexts()).map((c) => c.trim());
  expect(recovery[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await expect(page.getByText("Two-factor sign-in is on.")).toBeVisible();
  await checkA11y(page);

  // Signing in now takes a code after the password, on a page of its own.
  await signOut(page);
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm it is you" })).toBeVisible();
  await expect(page).toHaveURL(/\/login\/code/);
  await checkA11y(page);
  // The code that turned it on does not count twice.
  await page.getByLabel("Authentication code").fill(appCode(key, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();

  // Without the phone, a recovery code (typed as it was shown) signs in once.
  await signOut(page);
  await signIn(page, email, password);
  await page.getByLabel("Authentication code").fill(recovery[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await signOut(page);
  await signIn(page, email, password);
  await page.getByLabel("Authentication code").fill(recovery[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByLabel("Authentication code")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The code is not correct.")).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("Authentication code").fill(recovery[1]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();

  // Turning it off takes a code too; then the password alone signs in again.
  await visit("/account/two-factor");
  await expect(page.getByText("Unused recovery codes: 8.")).toBeVisible();
  await page.getByLabel("Authentication code").fill(recovery[2]);
  await page.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
  await expect(page.getByRole("status")).toContainText("Two-factor sign-in is now off.");
  await signOut(page);
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
});

test("an admin requires two-factor sign-in of staff; an agent sets it up at sign-in", async ({
  page,
  visit,
  portico,
  browser,
}, info) => {
  test.slow();
  const agent = `ruben.${info.project.name}@portico.example`;
  addUser(portico, { email: agent, name: "Ruben de Vries", role: "agent", language: "nl", password: DEMO_PASSWORD });
  await visit("/login");
  await signIn(page, "admin@portico.example");
  const rule = () => page.getByRole("checkbox", { name: "Require two-factor sign-in for support staff" });
  const save = async () => {
    await rule().locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Your settings are saved.")).toBeVisible();
  };
  await visit("/admin/settings");
  await rule().check();
  await save();
  await expect(rule()).toBeChecked();
  await checkA11y(page);

  // The agent, in a browser of their own, sets up an app before any session exists.
  const context = await browser.newContext({
    baseURL: portico.url,
    javaScriptEnabled: info.project.use.javaScriptEnabled ?? true,
  });
  try {
    const other = await context.newPage();
    await other.goto("/login");
    await signIn(other, agent);
    await expect(other).toHaveURL(/\/login\/code/);
    await expect(other.getByText("Administrators require two-factor sign-in for support staff.")).toBeVisible();
    await expect(other.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    await checkA11y(other);
    const key = (await other.locator(".two-factor-secret").innerText()).trim();
    await other.getByLabel("Code from the app").fill(appCode(key));
    await other.getByRole("button", { name: "Verify" }).click();
    // Signed in: the recovery codes first, in the agent's own language; no way to turn it off.
    await expect(other.getByRole("heading", { level: 1, name: "Aanmelden in twee stappen" })).toBeVisible();
    await expect(other.getByRole("region", { name: "Uw herstelcodes" }).getByRole("listitem")).toHaveCount(10);
    await expect(other.getByText("Beheerders verplichten het voor supportmedewerkers.")).toBeVisible();
    await expect(other.getByRole("button", { name: "Aanmelden in twee stappen uitzetten" })).toHaveCount(0);
    await checkA11y(other);
  } finally {
    await context.close();
    // The rule is this worker's whole portal's: the next tests' staff sign in with a password.
    await visit("/admin/settings");
    await rule().uncheck();
    await save();
    await expect(rule()).not.toBeChecked();
  }
});
