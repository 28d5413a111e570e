// The email channel in a browser: the agent proposes a solution; the solution email arrives at the
// real SMTP server; the customer answers it from their mail program (the test delivers the reply
// into the Dovecot mailbox portico reads over IMAP); the case page shows the reply, without the
// quoted email, and the case is in progress again; the agent finds the message on the inbound
// page. With JavaScript and without.
import { test, expect, signIn, signOut, addUser, waitForMail, startPortico, deliverMail, checkA11y } from "./fixtures";

test("a reply to the solution email becomes a comment and reopens the case", async ({ page }, info) => {
  test.setTimeout(120_000); // two people, a mailbox poll, each page checked by axe-core
  const { portico, stop } = await startPortico(true, true, true);
  try {
    const email = `mail.${info.project.name}@janssens.example`;
    const password = "kees's long passphrase";
    const subject = `Compressor stops (${info.project.name})`;
    addUser(portico, {
      email,
      name: "Kees Klant",
      role: "customer",
      account: "Carrosserie Janssens BV",
      language: "en",
      password,
    });
    await page.goto(`${portico.url}/login`);
    await signIn(page, email, password);
    await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
    await page.goto(`${portico.url}/cases/new`);
    await page.getByLabel("Subject").fill(subject);
    await page.getByRole("button", { name: "Submit" }).click();
    const toast = page.getByRole("status").filter({ hasText: "created." });
    await expect(toast).toBeVisible();
    const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];
    await signOut(page);

    // The agent proposes a solution; its email reaches the SMTP server, threaded.
    await signIn(page, "daan.visser@portico.example");
    await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
    await page.goto(`${portico.url}/cases/${number}`);
    const form = page.getByRole("region", { name: "Update case" });
    await form.getByLabel("Status").selectOption({ label: "Solved" });
    await form.getByLabel("Resolution").fill("Drain the water from the tank.");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.locator(".status-badge")).toHaveText("Solved");
    const solution = await waitForMail(portico, email, new RegExp(`solution proposed for case ${number}`));
    expect(solution.text).toContain("##- Please type your reply above this line -##");
    expect(solution.text).toContain("You can reply to this email");

    // The customer answers from their mail program, quoting the email as mail programs do.
    const quoted = solution.text
      .split("\n")
      .map((l) => `> ${l}`)
      .join("\n");
    await deliverMail(
      portico,
      [
        `From: Kees Klant <${email}>`,
        "To: Portico support <support@portico.example>",
        `Subject: Re: ${solution.subject}`,
        `Message-ID: <reply.${info.project.name}.${number}@janssens.example>`,
        `In-Reply-To: ${solution.messageId}`,
        `References: ${solution.messageId}`,
        "Date: Sat, 05 Dec 2026 10:00:00 +0000",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "The tank was empty; it still stops after a minute.",
        "",
        `On Sat, 5 Dec 2026 at 09:00, Portico <portico@127.0.0.1> wrote:`,
        quoted,
        "",
      ].join("\n"),
    );

    // The agent sees the reply on the case, the case in progress again, and the message on the
    // inbound page.
    await expect(async () => {
      await page.goto(`${portico.url}/cases/${number}`);
      await expect(page.locator(".status-badge")).toHaveText("In progress", { timeout: 500 });
    }).toPass({ timeout: 30_000 });
    const comments = page.getByRole("region", { name: /^Case comments/ });
    await expect(comments).toContainText("The tank was empty; it still stops after a minute.");
    await expect(comments).not.toContainText("Please type your reply above this line");
    await expect(comments).not.toContainText("Drain the water");
    // Support sees the emails of the case, with the raw message.
    const emails = page.getByRole("region", { name: /^Email/ });
    await expect(emails).toContainText(email);
    await expect(emails).toContainText("Added as a comment");
    await expect(emails.getByRole("link", { name: "Download the message (.eml)" })).toHaveCount(1);
    await checkA11y(page);
    // A message with a made-up case reference is held; the agent opens a new case from it.
    await deliverMail(
      portico,
      [
        `From: Kees Klant <${email}>`,
        "To: Portico support <support@portico.example>",
        `Subject: Re: Case ${number} [ref:AAAAAAAAAAAA-0123456789abcdef0123]`,
        `Message-ID: <forged.${info.project.name}.${number}@janssens.example>`,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "The hose leaks too.",
        "",
      ].join("\n"),
    );
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbound email" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Inbound email" })).toBeVisible();
    const held = page.getByRole("row").filter({ hasText: "[ref:AAAA" });
    await expect(async () => {
      await page.reload();
      await expect(held).toContainText("The case reference is not one we sent", { timeout: 500 });
    }).toPass({ timeout: 30_000 });
    await checkA11y(page);
    await held.getByRole("button", { name: "Open a new case" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Done: the message was handled." })).toBeVisible();
    await expect(page.getByText("No messages wait for a decision.")).toBeVisible();
    await checkA11y(page);
    await page.getByRole("link", { name: "All recent messages" }).click();
    const reply = page.getByRole("row").filter({ hasText: email }).filter({ hasText: "Added as a comment" });
    await expect(reply.getByRole("link", { name: number })).toBeVisible();
    const accepted = page.getByRole("row").filter({ hasText: "[ref:AAAA" });
    await expect(accepted).toContainText("Accepted by support");
    await expect(accepted.getByRole("button")).toHaveCount(0);
    await checkA11y(page);
  } finally {
    await page.goto("about:blank"); // the page fixture's last check needs a server that is gone
    await stop();
  }
});
