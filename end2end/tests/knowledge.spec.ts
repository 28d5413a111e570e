// The knowledge base: search from the home page, read an article; support attaches an article to a
// case and the customer finds it on the case page. With and without JavaScript.
import { test, expect, signIn, signOut, addUser } from "./fixtures";

test("search the knowledge base from home and read an article", async ({ page, visit }) => {
  await visit("/login");
  await signIn(page, "emma.clarke@northwind.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await page.getByLabel("Search the knowledge base").fill("TEMPORARY passwords");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/kb\?q=TEMPORARY\+passwords$/);
  await expect(page.getByRole("heading", { level: 2, name: "Results for “TEMPORARY passwords”" })).toBeVisible();
  // Other forms of the words are found, and marked where they occur.
  const first = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) }).first();
  await expect(first.getByRole("link")).toHaveText("Forgot your password? Sign in with a temporary password");
  const title = first.getByRole("heading", { level: 3 });
  await expect(title.locator("mark", { hasText: "temporary" })).toHaveCount(1);
  await expect(title.locator("mark", { hasText: "password" })).toHaveCount(2);
  await first.getByRole("link").click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Forgot your password? Sign in with a temporary password" }),
  ).toBeVisible();
  await expect(page.getByText("Article 000001021")).toBeVisible();
  // The Markdown text, rendered: numbered steps and bold button names.
  await expect(page.getByRole("listitem").filter({ hasText: "On the sign-in page, click Forgot password?" })).toBeVisible();
  await expect(page.locator(".kb-article__body strong", { hasText: "Forgot password?" }).first()).toBeVisible();
  await expect(page.getByText(/works once and for 24 hours/)).toBeVisible();

  await page.getByRole("link", { name: "Back to the knowledge base" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Latest articles" })).toBeVisible();
  await page.getByLabel("Search the knowledge base").fill("пароля");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: "Забыли пароль? Войдите с временным паролем" })).toBeVisible();
  // Filters: the Dutch release notes, without words.
  await page.getByLabel("Search the knowledge base").fill("");
  await page.getByLabel("Category").selectOption({ label: "Release notes" });
  await page.getByLabel("Article language").selectOption({ label: "Nederlands" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/category=release_notes&language=nl/);
  await expect(page.getByRole("status")).toHaveText("Articles found: 5");
  await expect(page.getByRole("link", { name: "Portico 1.4: een FAQ in vier rubrieken" })).toBeVisible();
  await expect(page.getByLabel("Category")).toHaveValue("release_notes");
  await page.getByLabel("Category").selectOption({ label: "All" });
  await page.getByLabel("Article language").selectOption({ label: "All" });
  await page.getByLabel("Search the knowledge base").fill("no such words anywhere");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status")).toHaveText(/No articles match your search/);
});

test("support attaches an article to a case, the customer reads it there", async ({ page, visit, portico }, info) => {
  test.slow(); // two people, several pages, each checked by axe-core
  const email = `kb.${info.project.name}@janssens.example`;
  addUser(portico, {
    email,
    name: "Karel Kennis",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password: "karel's long passphrase",
  });
  await visit("/login");
  await signIn(page, email, "karel's long passphrase");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/cases/new");
  await page.getByLabel("Subject").fill("Cannot sign in to the portal");
  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  await expect(toast).toBeVisible();
  const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];
  await visit(`/cases/${number}`);
  await expect(page.getByRole("heading", { level: 2, name: "Articles (0)" })).toBeVisible();
  await expect(page.getByLabel("Article number")).toHaveCount(0); // customers attach nothing
  await signOut(page);

  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit(`/cases/${number}`);
  const articles = page.getByRole("region", { name: /^Articles/ });
  await articles.getByLabel("Article number").fill("999999");
  await articles.getByRole("button", { name: "Attach article" }).click();
  await expect(page.getByText("No published article has this number.")).toBeVisible();
  await expect(page.getByLabel("Article number")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Article number").fill("000001021");
  await page.getByRole("button", { name: "Attach article" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Articles (1)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Forgot your password? Sign in with a temporary password" })).toBeVisible();
  // Found by its words rather than its number.
  await articles.getByLabel("Find an article to attach").fill("creating support cases");
  await articles.getByRole("button", { name: "Search" }).click();
  await expect(articles.getByRole("status").filter({ hasText: /Articles found: \d+/ })).toBeVisible();
  await page.getByRole("button", { name: "Attach article 000001031" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Articles (2)" })).toBeVisible();
  await page.getByRole("button", { name: "Remove article 000001031" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Articles (1)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Creating a support case" })).toHaveCount(0);
  // The case's history tells staff what was attached and removed.
  await visit(`/cases/${number}`);
  const history = page.getByRole("region", { name: /^History/ });
  await expect(history).toContainText(
    "Article attached: 000001021 Forgot your password? Sign in with a temporary password",
  );
  await expect(history).toContainText("Article removed: 000001031 Creating a support case");
  await signOut(page);

  await signIn(page, email, "karel's long passphrase");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit(`/cases/${number}`);
  await expect(page.getByRole("heading", { level: 2, name: "Articles (1)" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Remove article/ })).toHaveCount(0);
  await page.getByRole("link", { name: "Forgot your password? Sign in with a temporary password" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Forgot your password? Sign in with a temporary password" }),
  ).toBeVisible();
});
