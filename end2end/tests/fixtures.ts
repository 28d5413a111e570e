// Shared fixtures: a real `portico` server per worker (free port, fresh SQLite database seeded with
// the demo data), and axe-core WCAG 2.1 AA checks on every page a test visits.
import { test as base, expect, Locator, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { simpleParser } from "mailparser";
import { spawn, spawnSync, ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..");
const bin = process.env.PORTICO_BIN ?? path.join(os.homedir(), ".cache/portico-target/release/portico");

/** A running portico: its URL, its data folder, its environment, and where its emails land (the
 * folder of the SMTP server process it sends to; `null` when it uses the built-in dev mailbox). */
export type Portico = {
  url: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  mailDir: string | null;
  /** The port of the IMAP server (Dovecot) whose INBOX portico reads; `null` without one. */
  imapPort: number | null;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`portico exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`portico did not become healthy at ${url}:\n${log()}`);
}

const locales: Record<string, Record<string, string>> = Object.fromEntries(
  ["en", "ru", "nl"].map((l) => [l, JSON.parse(fs.readFileSync(path.join(repoRoot, "app", "locales", `${l}.json`), "utf8"))]),
);

/** The app's English texts that a Russian or Dutch page must never show: every English value that
 * differs from that language's own value of the same key, cut at its `{{ placeholders }}` into the
 * fixed pieces (of 4 characters or more) a rendered text contains. */
function englishOnly(lang: string): string[] {
  const own = new Set(Object.values(locales[lang]));
  const pieces = new Set<string>();
  for (const [key, english] of Object.entries(locales.en)) {
    if (locales[lang][key] === english) continue;
    for (const piece of english.split(/\{\{[^}]*\}\}/)) {
      const p = piece.trim();
      if (p.length >= 4 && /[A-Za-z]{3}/.test(p) && ![...own].some((o) => o.includes(p))) pieces.add(p);
    }
  }
  return [...pieces];
}

/** On a Russian or Dutch page, no text of the app is left in English: each visible text node and
 * each label an assistive technology reads (aria-label, title, placeholder, alt) is compared with
 * the English texts, leaving out what people wrote (elements marked with another `lang`, such as an
 * article's own language, and form values). */
export async function checkTranslated(page: Page): Promise<void> {
  const lang = await page.locator("html").getAttribute("lang");
  if (lang !== "ru" && lang !== "nl") return;
  const shown: string[] = await page.evaluate((pageLang) => {
    const out: string[] = [];
    const inOtherLanguage = (el: Element | null) => {
      const marked = el?.closest("[lang]");
      return !!marked && marked.getAttribute("lang") !== pageLang;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || ["SCRIPT", "STYLE", "TEXTAREA", "OPTION"].includes(el.tagName) || inOtherLanguage(el)) continue;
      const text = (n.textContent ?? "").replace(/\s+/g, " ").trim();
      if (text) out.push(text);
    }
    for (const el of Array.from(document.querySelectorAll("[aria-label],[title],[placeholder],img[alt]"))) {
      if (inOtherLanguage(el)) continue;
      for (const a of ["aria-label", "title", "placeholder", "alt"]) {
        const v = el.getAttribute(a);
        if (v) out.push(v.trim());
      }
    }
    return out;
  }, lang);
  const english = englishOnly(lang);
  const found = shown.flatMap((text) => english.filter((e) => text === e || (e.length >= 12 && text.includes(e))).map((e) => `${e} (in "${text}")`));
  expect(found, `English text on a page in ${lang}: ${page.url()}`).toEqual([]);
}

/** WCAG 2.1 AA: fails the test on any violation, listing rule, impact and the offending nodes. */
export async function checkA11y(page: Page): Promise<void> {
  // axe-core runs as a script in the page. Where the test has JavaScript off, audit the same URL with
  // the same cookies in a context that runs axe but blocks the app's own JS and WASM: the very
  // server-rendered page a visitor without JavaScript gets.
  const jsOff = (test.info().project.use as { javaScriptEnabled?: boolean }).javaScriptEnabled === false;
  let target = page;
  let cleanup = async () => {};
  if (jsOff) {
    const browser = page.context().browser()!;
    // Playwright Test applies the project options to new contexts too: turn JS back on explicitly.
    const context = await browser.newContext({
      javaScriptEnabled: true,
      storageState: await page.context().storageState(),
    });
    target = await context.newPage();
    await target.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
    await target.goto(page.url());
    cleanup = () => context.close();
  }
  try {
    await checkTranslated(target);
    const results = await new AxeBuilder({ page: target })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    const summary = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
    );
    expect(summary, `axe-core found WCAG 2.1 AA violations on ${page.url()}`).toEqual([]);
  } finally {
    await cleanup();
  }
}

/** The password of every demo login (`portico seed-demo`). */
export const DEMO_PASSWORD = "portico-demo-2026";

/** The words the shared helpers look for, per language (the locale files' values). */
export type Lang = "en" | "ru" | "nl";
const WORDS: Record<Lang, { email: string; password: string; signIn: string; account: string; signOut: string }> = {
  en: { email: "Email", password: "Password", signIn: "Sign in", account: "Account", signOut: "Sign out" },
  ru: { email: "Электронная почта", password: "Пароль", signIn: "Войти", account: "Учётная запись", signOut: "Выйти" },
  nl: { email: "E-mailadres", password: "Wachtwoord", signIn: "Aanmelden", account: "Account", signOut: "Afmelden" },
};

/** Signs in on the sign-in page as a person does (labels, button), from wherever `page` is; `lang`:
 * the language the sign-in page is in. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, lang: Lang = "en"): Promise<void> {
  const w = WORDS[lang];
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.password, { exact: true }).fill(password);
  // Exactly: "Sign in with a passkey" is a button too.
  await page.getByRole("button", { name: w.signIn, exact: true }).click();
}

/** Starts a real SMTP server process on loopback (end2end/smtp-sink.mjs) writing every message
 * into `dir`; resolves with its port and a function that stops it. */
async function startSmtpSink(dir: string): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(__dirname, "..", "smtp-sink.mjs"), dir, "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`smtp-sink exited with ${code}`)));
    child.stdout!.once("data", (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
      else reject(new Error(`smtp-sink said ${d}`));
    });
  });
  return { port, stop: () => child.kill("SIGTERM") };
}

/** Starts Debian's Dovecot on loopback, configured in a temporary folder of its own: plain IMAP,
 * one user `support` with password `secret`, Maildir (owned by `nobody` when the tests run as
 * root: Dovecot stores no mail as root, and its unprivileged processes must reach the folder).
 * Resolves with its port and a function that stops it and, once it has exited, removes the folder. */
async function startDovecot(): Promise<{ port: number; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-imap-"));
  const port = await freePort();
  for (const sub of ["run", "state", "mail"]) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  fs.chmodSync(dir, 0o755);
  const root = process.getuid?.() === 0;
  const user = root ? "nobody" : os.userInfo().username;
  const uid = root ? 65534 : os.userInfo().uid;
  if (root) fs.chownSync(path.join(dir, "mail"), uid, 65534);
  fs.writeFileSync(path.join(dir, "users"), "support:{PLAIN}secret\n");
  fs.writeFileSync(
    path.join(dir, "dovecot.conf"),
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/log`,
      "protocols = imap",
      "listen = 127.0.0.1",
      "ssl = no",
      "disable_plaintext_auth = no",
      "auth_mechanisms = plain login",
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/users\n}`,
      `userdb {\n  driver = static\n  args = uid=${uid} gid=${uid} home=${dir}/mail/%u\n}`,
      "mail_location = maildir:~/Maildir",
      `service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      "service anvil {\n  chroot =\n}",
      `default_internal_user = ${user}`,
      `default_login_user = ${user}`,
      `default_internal_group = ${root ? "nogroup" : user}`,
      "",
    ].join("\n"),
  );
  const child = spawn("/usr/sbin/dovecot", ["-F", "-c", path.join(dir, "dovecot.conf")], { stdio: "inherit" });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) break;
    if (Date.now() > deadline) throw new Error(`dovecot did not start: ${fs.readFileSync(path.join(dir, "log"), "utf8")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    // Dovecot writes its state while it shuts down, so its folder goes once it has exited (a
    // removal racing it met ENOTEMPTY).
    stop: () =>
      new Promise<void>((resolve, reject) => {
        const remove = () => {
          try {
            fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
            resolve();
          } catch (e) {
            reject(e);
          }
        };
        if (child.exitCode !== null || child.signalCode !== null) {
          remove();
        } else {
          child.once("exit", remove);
          child.kill("SIGTERM");
        }
      }),
  };
}

/** Delivers the raw message `raw` into the INBOX portico reads (IMAP APPEND, as a mail server's
 * delivery would put it there). */
export async function deliverMail(portico: Portico, raw: string): Promise<void> {
  if (!portico.imapPort) throw new Error("this portico reads no mailbox");
  const socket = net.connect(portico.imapPort, "127.0.0.1");
  let seen = "";
  socket.on("data", (d) => (seen += d.toString("utf8")));
  const waitFor = async (re: RegExp) => {
    const deadline = Date.now() + 10_000;
    while (!re.test(seen)) {
      if (Date.now() > deadline) throw new Error(`IMAP: waited for ${re}, got ${seen}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor(/^\* OK/m);
  socket.write("a1 LOGIN support secret\r\n");
  await waitFor(/^a1 OK/m);
  const bytes = Buffer.from(raw.replace(/\r?\n/g, "\r\n"), "utf8");
  socket.write(`a2 APPEND INBOX {${bytes.length}}\r\n`);
  await waitFor(/^\+/m);
  socket.write(Buffer.concat([bytes, Buffer.from("\r\n")]));
  await waitFor(/^a2 OK/m);
  socket.write("a3 LOGOUT\r\n");
  socket.end();
}

/** A PostgreSQL server of the test's own (`initdb` in a temporary folder, on a free port), which
 * the test can stop and start again as an operator's restart does. As root (CI) it runs as the
 * `postgres` user, since PostgreSQL refuses root. */
export type OwnPostgres = { url: string; stop: () => void; start: () => void; remove: () => void };

export async function startPostgres(): Promise<OwnPostgres> {
  const onPath = (process.env.PATH ?? "").split(":").find((d) => fs.existsSync(path.join(d, "initdb")));
  const debian = fs.existsSync("/usr/lib/postgresql")
    ? fs
        .readdirSync("/usr/lib/postgresql")
        .map((v) => path.join("/usr/lib/postgresql", v, "bin"))
        .filter((d) => fs.existsSync(path.join(d, "initdb")))
        .sort()
        .pop()
    : undefined;
  const binDir = process.env.PORTICO_TEST_PG_BIN ?? onPath ?? debian;
  if (!binDir) throw new Error("PostgreSQL's initdb and pg_ctl are needed (Debian: the postgresql package)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-e2e-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync("chown", ["-R", "postgres:postgres", dir]);
  const run = (program: string, args: string[]) => {
    const cmd = asRoot ? "runuser" : path.join(binDir, program);
    const all = asRoot ? ["-u", "postgres", "--", path.join(binDir, program), ...args] : args;
    const out = spawnSync(cmd, all, { encoding: "utf8" });
    if (out.status !== 0) throw new Error(`${program} ${args.join(" ")}: ${out.stdout}${out.stderr}`);
  };
  const port = await freePort();
  const data = path.join(dir, "data");
  run("initdb", ["-U", "postgres", "--auth=trust", "--no-sync", "-D", data]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run("pg_ctl", ["-w", "-D", data, "-o", options, "-l", path.join(dir, "log"), "start"]);
  const stop = () => run("pg_ctl", ["-w", "-D", data, "-m", "fast", "stop"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    remove: () => {
      try {
        stop();
      } catch {
        // Stopped already.
      }
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/** Starts portico on a free port with a fresh demo-seeded SQLite database (`demo: false`: an empty
 * one, as a fresh install has); with `smtp`, its emails go to a real SMTP server process, otherwise
 * to the dev mailbox. `host`: the name its public URL (and so the tests' browser) uses for loopback:
 * `localhost` where browsers refuse an IP address (passkeys). */
export async function startPortico(
  smtp: boolean,
  demo = true,
  imap = false,
  extraEnv: Record<string, string> = {},
  host = "127.0.0.1",
): Promise<{ portico: Portico; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-e2e-"));
  const port = await freePort();
  const sink = smtp ? await startSmtpSink(path.join(dir, "mail")) : null;
  // With `imap`, a Dovecot whose INBOX portico reads (looking every second).
  const dovecot = imap ? await startDovecot() : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORTICO_DATABASE_URL: `sqlite://${dir}/portico.db`,
    PORTICO_DATA_DIR: path.join(dir, "files"),
    PORTICO_LISTEN: `127.0.0.1:${port}`,
    PORTICO_PUBLIC_URL: `http://${host}:${port}`,
    LEPTOS_SITE_ROOT: path.join(repoRoot, "target/site"),
    RUST_LOG: "warn",
    // The ways to ask for support that the sign-in page, home page and footer show.
    PORTICO_SUPPORT_PHONE: "+31 20 555 0100",
    PORTICO_SUPPORT_ADDRESS: "Portico support <support@portico.example>",
    ...extraEnv,
  };
  delete env.PORTICO_SMTP_URL;
  delete env.PORTICO_IMAP_URL;
  if (sink) env.PORTICO_SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
  if (dovecot) {
    env.PORTICO_IMAP_URL = `imap://support:secret@127.0.0.1:${dovecot.port}`;
    env.PORTICO_IMAP_POLL_SECONDS = "1";
  }
  // The demo's cases would change every list and number the tests expect: people and products only.
  if (demo) {
    const seed = spawnSync(bin, ["seed-demo", "--without-cases"], { cwd: repoRoot, env, encoding: "utf8" });
    if (seed.status !== 0) {
      // Nothing started may outlive the failure.
      sink?.stop();
      await dovecot?.stop();
      throw new Error(`portico seed-demo failed:\n${seed.stdout}${seed.stderr}`);
    }
  }
  let output = "";
  // Without an SMTP server the dev mailbox must be asked for: `serve` refuses to start otherwise.
  const serveArgs = sink ? ["serve"] : ["serve", "--dev-mailbox"];
  const child = spawn(bin, serveArgs, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://${host}:${port}`;
  const stop = async () => {
    child.kill("SIGTERM");
    sink?.stop();
    await dovecot?.stop();
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, child, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    portico: { url, dir, env, mailDir: sink ? path.join(dir, "mail") : null, imapPort: dovecot?.port ?? null },
    stop,
  };
}

/** Adds a person with `portico user add`, as an operator does. */
export function addUser(portico: Portico, args: Record<string, string>): void {
  const argv = ["user", "add", ...Object.entries(args).flatMap(([k, v]) => [`--${k}`, v])];
  const res = spawnSync(bin, argv, { cwd: repoRoot, env: portico.env, encoding: "utf8" });
  if (res.status !== 0) throw new Error(`portico user add failed:\n${res.stdout}${res.stderr}`);
}

/** An email as the SMTP server received it. */
export type Mail = { to: string; subject: string; text: string; html: string; messageId: string };

/** Waits (up to 20 s) for an email to `to` whose subject matches, at the SMTP server process. */
export async function waitForMail(portico: Portico, to: string, subject: RegExp): Promise<Mail> {
  if (!portico.mailDir) throw new Error("this portico has no SMTP server");
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const files = fs.existsSync(portico.mailDir) ? fs.readdirSync(portico.mailDir).filter((f) => f.endsWith(".eml")) : [];
    for (const f of files.sort()) {
      const parsed = await simpleParser(fs.readFileSync(path.join(portico.mailDir, f)));
      const mail: Mail = {
        to: parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address).join(",") : "",
        subject: parsed.subject ?? "",
        text: parsed.text ?? "",
        html: typeof parsed.html === "string" ? parsed.html : "",
        messageId: parsed.messageId ?? "",
      };
      if (mail.to === to && subject.test(mail.subject)) return mail;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${to} matching ${subject} within 20 s`);
}

/** Opens the account menu (a native disclosure: it works before hydration and without JavaScript)
 * until `item` in it shows. It waits for the signed-in header first: right after signing in the
 * header may still be the signed-out one for a moment. */
export async function openAccountMenu(page: Page, item: Locator, lang: Lang = "en"): Promise<void> {
  const menu = page.getByRole("button", { name: WORDS[lang].account });
  await expect(async () => {
    if (!(await item.isVisible())) await menu.click({ timeout: 1_000 });
    await expect(item).toBeVisible({ timeout: 1_000 });
  }).toPass();
}

/** Signs out through the account menu. */
export async function signOut(page: Page, lang: Lang = "en"): Promise<void> {
  const button = page.getByRole("button", { name: WORDS[lang].signOut });
  await openAccountMenu(page, button, lang);
  await button.click();
  await expect(page).toHaveURL(/\/login$/);
}

type Fixtures = { visit: (path: string) => Promise<void> };
type WorkerFixtures = { portico: Portico };

export const test = base.extend<Fixtures, WorkerFixtures>({
  portico: [
    async ({}, use) => {
      const { portico, stop } = await startPortico(true);
      try {
        await use(portico);
      } finally {
        await stop();
      }
    },
    { scope: "worker", timeout: 60_000 },
  ],
  baseURL: async ({ portico }, use) => use(portico.url),
  visit: async ({ page }, use) => {
    await use(async (target: string) => {
      await page.goto(target);
      await checkA11y(page);
    });
  },
  // Whatever a test ends on is checked too (open menus, error states, switched languages).
  page: async ({ page }, use) => {
    await use(page);
    if (page.url().startsWith("http")) await checkA11y(page);
  },
});

/** `test` with its own portico whose public URL names loopback `localhost`: browsers allow
 * passkeys only on a domain name, never an IP address. */
export const testOnLocalhost = test.extend<{}, { portico: Portico }>({
  portico: [
    async ({}, use) => {
      const { portico, stop } = await startPortico(false, true, false, {}, "localhost");
      try {
        await use(portico);
      } finally {
        await stop();
      }
    },
    { scope: "worker", timeout: 60_000 },
  ],
});

export { expect };
