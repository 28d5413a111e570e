// Attachments work without JavaScript too: the form's file field and "Upload files" keep everything
// typed and list the uploaded files; Submit creates the case with them. (With JavaScript the same
// test goes through the drop zone's picker.)
import { test, expect, signIn, addUser } from "./fixtures";

test("attach a file, keep what was typed, and create the case with it", async ({ page, visit, portico }, info) => {
  test.slow(); // several pages, each checked by axe-core
  const email = `noor.${info.project.name}@attach.example`;
  addUser(portico, {
    email,
    name: "Noor Smit",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password: "noor's long passphrase",
  });
  await visit("/login");
  await signIn(page, email, "noor's long passphrase");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/cases/new");
  await page.getByLabel("Subject").fill("Invoice totals are wrong");
  const file = { name: "invoice.txt", mimeType: "text/plain", buffer: Buffer.from("total: 100\n") };
  const jsOn = (info.project.use as { javaScriptEnabled?: boolean }).javaScriptEnabled !== false;
  if (jsOn) {
    await expect(page.locator("html[data-hydrated]")).toBeAttached();
    await page.getByRole("button", { name: "Upload files" }).click();
    await page.getByRole("dialog").getByLabel("Choose files from your computer").setInputFiles(file);
  } else {
    await page.getByLabel("Files", { exact: true }).setInputFiles(file);
    await page.getByRole("button", { name: "Upload files" }).click();
  }
  const rows = page.getByRole("group", { name: "Attachments" }).getByRole("listitem");
  await expect(rows.filter({ hasText: "invoice.txt" })).toContainText("Uploaded");
  await expect(page.getByLabel("Subject")).toHaveValue("Invoice totals are wrong");

  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  await expect(toast).toContainText(/Case \d{8}: created\./);
  await expect(toast.getByRole("link", { name: "Download invoice.txt" })).toBeVisible();
});
