// Single sign-on (issue #19): an admin registers an OpenID Connect provider (a real one on loopback,
// panva's oidc-provider from npm, started by ../oidc-provider.mjs) for one company; the sign-in
// page then offers it; a contact of that company signs in through the provider's own page, and
// someone without an invited account is sent back with the reason. Runs with JavaScript and without.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import { test, expect, signIn, signOut, addUser, openAccountMenu, checkA11y } from "./fixtures";

/** Starts the provider for a portico at `portico`; resolves with its issuer and a way to stop it. */
async function startProvider(portico: string): Promise<{ issuer: string; child: ChildProcess }> {
  const child = spawn("node", [path.join(__dirname, "..", "oidc-provider.mjs")], {
    env: {
      ...process.env,
      CLIENT_ID: "portico-e2e",
      CLIENT_SECRET: "e2e-secret-never-shown",
      REDIRECT_URIS: `${portico}/auth/oidc/callback`,
    },
    stdio: ["ignore", "pipe", "ignore"],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const first: string = await new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the provider exited with ${code}`)));
  });
  return { issuer: JSON.parse(first).issuer, child };
}

test("an admin adds a company's identity provider and its contact signs in with it", async ({
  page,
  visit,
  portico,
}, info) => {
  test.slow(); // two sites, many pages, each of Portico's checked by axe-core
  const provider = await startProvider(portico.url);
  try {
    const domain = `sso-${info.project.name}.example`;
    const name = `Janssens ID ${info.project.name}`;
    addUser(portico, {
      email: `lotte@${domain}`,
      name: "Lotte de Wit",
      role: "customer",
      account: "Carrosserie Janssens BV",
      language: "en",
      password: "violet harbour stones",
    });

    await visit("/login");
    await signIn(page, "admin@portico.example");
    const item = page.getByRole("link", { name: "Single sign-on" });
    await openAccountMenu(page, item);
    await item.click();
    await expect(page.getByRole("heading", { level: 1, name: "Single sign-on" })).toBeVisible();
    await checkA11y(page);

    // A typo in the issuer is said next to the field, and what was typed stays.
    await page.getByLabel("Name on the sign-in button").fill(name);
    await page.getByLabel("Issuer URL").fill("http://127.0.0.1:1");
    await page.getByLabel("Client ID").fill("portico-e2e");
    await page.getByLabel("Client secret").fill("e2e-secret-never-shown");
    await page.getByLabel("Allowed email domains").fill(domain);
    await page.getByRole("checkbox", { name: "Carrosserie Janssens BV" }).check();
    await page.getByRole("button", { name: "Save provider" }).click();
    await expect(page.getByLabel("Issuer URL")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Portico could not read this provider's discovery document")).toBeVisible();
    await expect(page.getByLabel("Name on the sign-in button")).toHaveValue(name);
    await expect(page.getByRole("checkbox", { name: "Carrosserie Janssens BV" })).toBeChecked();
    await checkA11y(page);

    await page.getByLabel("Issuer URL").fill(provider.issuer);
    await page.getByLabel("Client secret").fill("e2e-secret-never-shown");
    await page.getByRole("button", { name: "Save provider" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("Identity provider saved.");
    await expect(page.getByText(`${portico.url}/auth/oidc/callback`)).toBeVisible();
    expect(await page.content()).not.toContain("e2e-secret-never-shown");
    await checkA11y(page);
    await signOut(page);

    // Someone the provider knows but Portico never invited: sent back, no account made.
    await page.getByRole("link", { name: `Sign in with ${name}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Test identity provider" })).toBeVisible();
    await page.getByLabel("Email address").fill(`stranger@${domain}`);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/login\?/);
    await expect(page.getByRole("alert")).toHaveText(
      "There is no invited account for this email address that may sign in this way. Ask your administrator or support for access.",
    );
    await checkA11y(page);

    // The provider remembers who signed in there; a new person starts afresh at its page.
    await page.context().clearCookies({ name: /^_session/ });
    await page.getByRole("link", { name: `Sign in with ${name}` }).click();
    await page.getByLabel("Email address").fill(`lotte@${domain}`);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
    const menu = page.getByRole("link", { name: "Two-factor sign-in" });
    await openAccountMenu(page, menu);
    await expect(page.getByText(`lotte@${domain}`)).toBeVisible();
    await checkA11y(page);
  } finally {
    provider.child.kill();
  }
});
