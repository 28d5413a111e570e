// The app shell as a signed-in customer meets it: server-rendered pages, navigation, language switch,
// search, 404. Runs with JavaScript and without it.
import { test, expect, signIn, openAccountMenu } from "./fixtures";

test.beforeEach(async ({ page, visit }) => {
  await visit("/");
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await signIn(page, "emma.clarke@northwind.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
});

test("home page greets the customer and offers search and cases", async ({ page }) => {
  await expect(page).toHaveTitle("Home · Portico");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "My cases" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Knowledge base" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Language" })).toBeVisible();
  // Without JavaScript the menu's contents show inline.
  await openAccountMenu(page, page.getByRole("button", { name: "Sign out" }));
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("switching language translates the page and is remembered", async ({ page, visit }) => {
  await visit("/kb?q=report");
  await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "RU", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "База знаний" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  // Signed in, the switch saves the language as Emma's (pages and emails) and says so.
  await expect(page).toHaveURL(/\/kb\?q=report&language_saved=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Теперь портал говорит с вами по-русски" })).toBeVisible();
  await expect(page.getByRole("button", { name: "RU" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Поиск в базе знаний")).toHaveValue("report");

  await visit("/");
  await expect(page.getByRole("heading", { level: 1, name: "Чем мы можем вам помочь?" })).toBeVisible();
  await page.getByRole("button", { name: "NL", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hoe kunnen we u helpen?" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Dossiers" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Hoe kunnen we u helpen?" })).toBeVisible();
  // Back to English, which the other tests of this server expect of Emma.
  await page.getByRole("button", { name: "EN", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
});

test("knowledge base search takes the question from the home page", async ({ page }) => {
  await page.getByLabel("Search the knowledge base").fill("OSAGO report");
  await page.getByLabel("Search the knowledge base").press("Enter");
  await expect(page).toHaveURL(/\/kb\?q=OSAGO\+report$/);
  await expect(page.getByRole("heading", { level: 1, name: "Knowledge base" })).toBeVisible();
  await expect(page.getByLabel("Search the knowledge base")).toHaveValue("OSAGO report");
  await expect(page.getByRole("status")).toHaveText("No articles match your search. Try other words, or create a case.");
});

test("an unknown address shows a 404 page that leads home", async ({ page, visit }) => {
  const response = await page.request.get("/no/such/page");
  expect(response.status()).toBe(404);
  await visit("/no/such/page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the home page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
});

test("keyboard users can skip straight to the content", async ({ page, visit }) => {
  await visit("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});
