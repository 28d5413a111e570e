// The article editor's live preview: the text as readers will see it, while it is typed, before
// anything is saved; hostile Markdown stays inert in it.
import { test, expect, signIn, signOut } from "./fixtures";

test("the preview follows the text as it is typed", async ({ page, visit }) => {
  await visit("/login");
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/desk/articles/new");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const preview = page.getByRole("region", { name: "Preview" });
  const text = page.getByLabel("Text", { exact: true });
  await text.fill("## Mixing\n\nStir **slowly**.");
  await expect(preview.getByRole("heading", { level: 2, name: "Mixing" })).toBeVisible();
  await expect(preview.locator("strong", { hasText: "slowly" })).toBeVisible();
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await text.fill('Safe <img src=x onerror="alert(1)"> [link](javascript:alert(2)) <script>alert(3)</script> done');
  await expect(preview).toContainText("Safe");
  await expect(preview).toContainText("done");
  await expect(preview.locator("script, [onerror], a[href^='javascript']")).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test("articles are suggested while a case is typed, and opening one keeps the form", async ({ page, visit }) => {
  await visit("/login");
  await signIn(page, "emma.clarke@northwind.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/cases/new");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const panel = page.getByRole("complementary", { name: "Need answers fast?" });
  await page.getByLabel("Subject").fill("I forgot my password and the temporary one");
  await page.getByLabel("Description").fill("Signing in does not work since Monday.");
  const suggestion = panel.getByRole("link", { name: /^Forgot your password\? Sign in with a temporary password/ });
  await expect(suggestion).toBeVisible();
  await expect(panel.getByRole("heading", { level: 3, name: "These articles may answer your question" })).toBeVisible();
  expect(await panel.getByRole("listitem").count()).toBeLessThanOrEqual(5);
  // The article opens in a new tab; the form keeps what was typed.
  const [article] = await Promise.all([page.waitForEvent("popup"), suggestion.click()]);
  await expect(
    article.getByRole("heading", { level: 1, name: "Forgot your password? Sign in with a temporary password" }),
  ).toBeVisible();
  await article.close();
  await expect(page.getByLabel("Subject")).toHaveValue("I forgot my password and the temporary one");
  await expect(page.getByLabel("Description")).toHaveValue("Signing in does not work since Monday.");
  await signOut(page);
  // The admin sees the opened suggestion in this month's deflection figure.
  await signIn(page, "admin@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/desk/articles");
  const figure = page.getByRole("region", { name: "Self-service: suggestions on the new-case form" });
  const month = new Date().toISOString().slice(0, 7);
  await expect(figure.getByRole("row").filter({ hasText: month })).toBeVisible();
});
