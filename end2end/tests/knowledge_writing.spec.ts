// Support writes the knowledge base in the app: a draft no customer finds, published as the next
// revision; the customer finds it, reads it and answers "Was this helpful?"; support sees the
// answer in the articles list. With and without JavaScript (the live preview is in
// knowledge_writing.hydrate.spec.ts).
import { test, expect, signIn, signOut } from "./fixtures";

test("support writes and publishes an article, a customer rates it", async ({ page, visit }, info) => {
  test.slow(); // two people, several pages, each checked by axe-core
  const title = `Calibrating the paint scale (${info.project.name})`;
  await visit("/login");
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await page.getByRole("navigation", { name: /main/i }).getByRole("link", { name: "Articles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Knowledge articles" })).toBeVisible();
  await page.getByRole("link", { name: "New article" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New article" })).toBeVisible();

  // No text yet: the error shows next to the field, and the title stays.
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Write the article's text.")).toBeVisible();
  await expect(page.getByLabel("Text", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveValue(title);

  await page.getByLabel("Summary").fill("Zero the scale before mixing a new colour.");
  await page
    .getByLabel("Text", { exact: true })
    .fill("## Before you start\n\nPut the **empty cup** on the scale.\n\n1. Press *Tare*.\n2. Wait for 0.0 g.");
  await page.getByLabel("Category").selectOption({ label: "Documentation" });
  await page.getByLabel("Article language").selectOption({ label: "English" });
  await page.getByRole("group", { name: "Products it is about" }).getByLabel("Paint Manager", { exact: true }).check();
  await expect(page.getByLabel("Status")).toHaveValue("draft");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Article saved." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(/Revision: 1/)).toBeVisible();
  const number = /Article (\d{9})/.exec((await page.getByText(/Article \d{9}/).textContent()) ?? "")![1];
  // The preview shows the text as readers will see it.
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { level: 2, name: "Before you start" })).toBeVisible();
  await expect(preview.locator("strong", { hasText: "empty cup" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Products it is about" }).getByLabel("Paint Manager", { exact: true })).toBeChecked();
  await signOut(page);

  // A draft: the customer does not find it.
  await signIn(page, "emma.clarke@northwind.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await page.getByLabel("Search the knowledge base").fill("calibrating paint scale");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  await signOut(page);

  // Published, as revision 2.
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit(`/desk/articles?status=draft`);
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.getByLabel("Status").selectOption({ label: "Published" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Article saved." })).toBeVisible();
  await expect(page.getByText(/Revision: 2/)).toBeVisible();
  await signOut(page);

  // The customer finds it (other forms of the words), reads it, and rates it.
  await signIn(page, "emma.clarke@northwind.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await page.getByLabel("Search the knowledge base").fill("calibrate paint scales");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(/Revision: 2/)).toBeVisible();
  await expect(page.getByText(/Author: Daan Visser/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  const feedback = page.getByRole("region", { name: "Was this article helpful?" });
  await expect(feedback).toContainText("Average rating: no votes yet");
  await feedback.getByRole("button", { name: "No" }).click();
  await expect(page.getByText("Thank you for your feedback.", { exact: false })).toBeVisible();
  await expect(feedback).toContainText("Average rating: 0% found it helpful · Votes: 1");
  // Changed her mind: still one vote.
  await feedback.getByRole("button", { name: "Yes" }).click();
  await expect(feedback).toContainText("Average rating: 100% found it helpful · Votes: 1");
  await expect(feedback.getByRole("button", { name: "Yes" })).toHaveAttribute("aria-pressed", "true");
  await signOut(page);

  // Support sees the answer in the list.
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/desk/articles?sort=helpful&language=en");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await expect(row).toContainText(number);
  await expect(row).toContainText("Published");
  await expect(row).toContainText("100% (1)");
});
