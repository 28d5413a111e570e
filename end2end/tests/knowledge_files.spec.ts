// Articles carry pictures and files: support uploads a screenshot while writing (drag-and-drop
// picker with JavaScript, the form's "Upload files" without), nothing typed is lost, the editor
// gives the Markdown line that shows it, and the customer sees the picture in the article and the
// file under "Files". With and without JavaScript.
import { test, expect, signIn, signOut } from "./fixtures";

// A real 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test("support puts a screenshot in an article, a customer sees it", async ({ page, visit }, info) => {
  test.slow(); // two people, several pages, each checked by axe-core
  const title = `Where the mixing log is (${info.project.name})`;
  const shot = `mixing-log-${info.project.name}.png`;
  await visit("/login");
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/desk/articles/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Text", { exact: true }).fill("Open **Reports**, then the log.");
  const file = { name: shot, mimeType: "image/png", buffer: PNG };
  const jsOn = (info.project.use as { javaScriptEnabled?: boolean }).javaScriptEnabled !== false;
  if (jsOn) {
    await expect(page.locator("html[data-hydrated]")).toBeAttached();
    await page.getByRole("button", { name: "Upload files" }).click();
    await page.getByRole("dialog").getByLabel("Choose files from your computer").setInputFiles(file);
    await expect(page.getByRole("dialog")).toBeHidden();
  } else {
    await page.getByLabel("Files", { exact: true }).setInputFiles(file);
    await page.getByRole("button", { name: "Upload files" }).click();
  }
  const files = page.getByRole("group", { name: "Pictures, files and videos" });
  await expect(files.getByRole("listitem").filter({ hasText: shot })).toContainText("Uploaded");
  // What was typed is still there.
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByLabel("Text", { exact: true })).toHaveValue("Open **Reports**, then the log.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Article saved." })).toBeVisible();

  // Saved, the file belongs to the article; its Markdown line goes into the text.
  const line = files.locator("code").filter({ hasText: shot });
  await expect(line).toHaveText(/^!\[.+\]\(\/attachments\/\d+\/.+\.png\)$/);
  const markdown = (await line.textContent()) ?? "";
  await page.getByLabel("Text", { exact: true }).fill(`Open **Reports**, then the log:\n\n${markdown}`);
  await page.getByLabel("Status").selectOption({ label: "Published" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Article saved." })).toBeVisible();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("img", { name: shot })).toBeVisible();
  await signOut(page);

  // The customer reads it: the picture in place, the file to download.
  await signIn(page, "emma.clarke@northwind.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await page.getByLabel("Search the knowledge base").fill("mixing log");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const picture = page.getByRole("article").getByRole("img", { name: shot });
  await expect(picture).toBeVisible();
  const src = (await picture.getAttribute("src")) ?? "";
  const bytes = await page.request.get(src);
  expect(bytes.status()).toBe(200);
  expect(Buffer.from(await bytes.body()).equals(PNG)).toBe(true);
  const listed = page.getByRole("region", { name: "Files" });
  await expect(listed.getByRole("link", { name: `Download ${shot}` })).toBeVisible();
});
