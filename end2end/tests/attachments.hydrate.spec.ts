// Attachments on a new case (needs JavaScript): drop two files and watch them upload, remove one, an
// oversized file refused in the browser, the picker (upload new, "Owned by me" after a case, keyboard
// tabs), submit, and download from the case page.
import { test, expect, signIn, addUser, checkA11y } from "./fixtures";
import type { Page } from "@playwright/test";
import * as fs from "node:fs";

/** Drops files (name -> content, or a size in bytes) on the attachments area, as a person dragging them from the desktop. */
async function dropFiles(page: Page, files: Record<string, string | number>): Promise<void> {
  const area = page.getByRole("group", { name: "Attachments" });
  const transfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const [name, content] of Object.entries(files)) {
      const body = typeof content === "number" ? new Uint8Array(content) : content;
      dt.items.add(new File([body], name, { type: name.endsWith(".txt") ? "text/plain" : "application/octet-stream" }));
    }
    return dt;
  }, files);
  await area.dispatchEvent("dragover", { dataTransfer: transfer });
  await area.dispatchEvent("drop", { dataTransfer: transfer });
}

test("drop files, watch them upload, pick from my files, submit and download", async ({ page, visit, portico }) => {
  test.slow(); // several uploads and pages, each checked by axe-core
  addUser(portico, {
    email: "lena@attach.example",
    name: "Lena Vos",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password: "lena's long passphrase",
  });
  await visit("/login");
  await signIn(page, "lena@attach.example", "lena's long passphrase");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/cases/new");
  await expect(page.getByText("Up to 25 MB per file.").filter({ visible: true })).toBeVisible();
  await page.getByLabel("Subject").fill("Export crashes with attachments");

  // Slow the upload down so that the progress bar can be seen moving.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 400 * 1024,
  });
  await dropFiles(page, { "crash log.txt": "panic at line 42\n", "screen.bin": 1_500_000 });
  await expect(page.getByRole("progressbar", { name: "Uploading screen.bin" })).toBeVisible();
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const rows = page.getByRole("group", { name: "Attachments" }).getByRole("listitem");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "crash log.txt" })).toContainText("Uploaded");
  await expect(rows.filter({ hasText: "screen.bin" })).toContainText("Uploaded", { timeout: 20_000 });
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await checkA11y(page);

  // Remove one before submitting; an oversized file never leaves the browser.
  await page.getByRole("button", { name: "Remove screen.bin" }).click();
  await expect(rows).toHaveCount(1);
  await dropFiles(page, { "video.bin": 25_000_001 });
  await expect(rows.filter({ hasText: "video.bin" })).toContainText("This file is larger than the upload limit.");
  await page.getByRole("button", { name: "Remove video.bin" }).click();

  // The picker: "Upload files" opens it; its first tab uploads new files.
  await page.getByRole("button", { name: "Upload files" }).click();
  const dialog = page.getByRole("dialog", { name: "Attach files" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("tab", { name: "Upload new" })).toHaveAttribute("aria-selected", "true");
  await checkA11y(page);
  await dialog.getByLabel("Choose files from your computer").setInputFiles({
    name: "settings.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("colour=on\n"),
  });
  await expect(dialog).toBeHidden();
  await expect(rows.filter({ hasText: "settings.txt" })).toContainText("Uploaded");

  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  await expect(toast).toContainText(/Case \d{8}: created\./);
  await expect(toast.getByRole("link", { name: "Download crash log.txt" })).toBeVisible();
  await expect(toast.getByRole("link", { name: "Download settings.txt" })).toBeVisible();
  await expect(rows).toHaveCount(0);

  await toast.getByRole("link", { name: /^Open case/ }).click();
  await expect(page.getByRole("heading", { name: "Attachments (2)" })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download crash log.txt" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("crash log.txt");
  const saved = await download.path();
  expect(fs.readFileSync(saved, "utf8")).toBe("panic at line 42\n");

  // A second case re-attaches a file from the first, through "Owned by me" (keyboard only).
  await visit("/cases/new");
  await page.getByLabel("Subject").fill("Same crash on another PC");
  await page.getByRole("button", { name: "Upload files" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("tab", { name: "Upload new" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(dialog.getByRole("tab", { name: "Owned by me" })).toHaveAttribute("aria-selected", "true");
  await expect(dialog.getByRole("tab", { name: "Owned by me" })).toBeFocused();
  await expect(dialog.getByRole("button", { name: "Attach crash log.txt" })).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(dialog.getByText("No files here yet.")).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(dialog.getByRole("button", { name: "Attach settings.txt" })).toBeVisible();
  await checkA11y(page);
  await dialog.getByRole("button", { name: "Attach settings.txt" }).click();
  await expect(dialog.getByRole("button", { name: "Attach settings.txt" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(rows.filter({ hasText: "settings.txt" })).toContainText("Uploaded");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "created." }).getByRole("link", { name: "Download settings.txt" })).toBeVisible();
});
