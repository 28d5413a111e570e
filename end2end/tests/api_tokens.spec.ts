// API tokens (issue #19): a customer makes a read token from the account menu, sees it once, a
// program (Playwright's own HTTP client, no browser cookies) reads her cases with it and is refused
// a change; she revokes it and it opens nothing any more. Runs with JavaScript and without.
import { request } from "@playwright/test";
import { test, expect, signIn, addUser, openAccountMenu, checkA11y } from "./fixtures";

test("a customer makes an API token, a program reads her cases with it, and she revokes it", async ({
  page,
  visit,
  portico,
}, info) => {
  test.slow(); // several pages, each checked by axe-core
  const email = `joost.${info.project.name}@tokens.example`;
  const password = "copper kettle morning";
  addUser(portico, {
    email,
    name: "Joost Peeters",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password,
  });
  await visit("/login");
  await signIn(page, email, password);
  const item = page.getByRole("link", { name: "API tokens" });
  await openAccountMenu(page, item);
  await item.click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expect(page.getByText("You have no API tokens.")).toBeVisible();
  await checkA11y(page);

  // A token needs a name (spaces are none), said next to the field.
  await page.getByLabel("Token name").fill("   ");
  await page.getByRole("button", { name: "Make token" }).click();
  await expect(page.getByLabel("Token name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Give the token a name")).toBeVisible();
  await checkA11y(page);

  await page.getByLabel("Token name").fill("Weekly report");
  await page.getByLabel("Access").selectOption({ label: "Read" });
  await page.getByLabel("Expires after").selectOption({ label: "30 days" });
  await page.getByRole("button", { name: "Make token" }).click();
  const shown = page.getByRole("region", { name: "Your new token" });
  await expect(shown).toBeVisible();
  const token = (await shown.locator("code").innerText()).trim();
  expect(token).toMatch(/^pat_[0-9a-f]{64}$/);
  await expect(page.getByRole("row", { name: /Weekly report/ })).toContainText("Read");
  await checkA11y(page);

  // A program, with the token and nothing else.
  const program = await request.newContext({ baseURL: portico.url });
  try {
    const auth = { Authorization: `Bearer ${token}` };
    const cases = await program.get("/api/v1/cases", { headers: auth });
    expect(cases.status()).toBe(200);
    expect(await cases.json()).toHaveProperty("items");
    const change = await program.post("/api/v1/cases/1000/comments", { headers: auth, data: { body: "hello" } });
    expect(change.status()).toBe(403);
    expect((await change.json()).error).toBe("read_only_token");

    // Shown once: the page no longer has it.
    await page.goto("/account/tokens");
    expect(await page.content()).not.toContain(token);
    await page.getByRole("button", { name: "Revoke Weekly report" }).click();
    await expect(page.getByRole("status")).toContainText("The token is revoked: it no longer works.");
    await expect(page.getByText("You have no API tokens.")).toBeVisible();
    await checkA11y(page);
    expect((await program.get("/api/v1/cases", { headers: auth })).status()).toBe(401);
  } finally {
    await program.dispose();
  }
});
