// Firefox ESR and WebKit for the engines suite, behind one small interface, with each browser's default settings:
// - Firefox: Debian's firefox-esr, headless, driven by puppeteer-core over WebDriver BiDi (no browser download).
//   puppeteer's profile turns `security.fileuri.strict_origin_policy` off, which users do not have: it is set
//   back to Firefox's default here.
// - WebKit: Debian's webkit2gtk-driver, WebKitWebDriver starting WebKitGTK's MiniBrowser under xvfb-run, driven
//   by plain WebDriver over HTTP from node's fetch. MiniBrowser saves downloads into $HOME, so its HOME is a
//   temporary folder of its own.
// A session runs page code with `run(fn, ...args)` (fn's source text and JSON arguments, so page code and
// arguments never mix), clicks and chooses files through the driver's real input, and sees downloads as files.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Why `engine` ('firefox' or 'webkit') cannot run here, or false (the test is then skipped with that reason). */
export function missing(engine) {
  const needed = engine === 'firefox' ? [FIREFOX] : [WEBKIT_DRIVER, MINIBROWSER, '/usr/bin/xvfb-run'];
  const absent = needed.filter((f) => !existsSync(f));
  return absent.length > 0 && `${absent.join(', ')} not installed (./build.sh test installs it)`;
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Polls `probe` (async, returns a truthy value when done) every 100 ms; throws `what` after `timeout` ms. */
export async function poll(probe, what, timeout = 30_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** The page-side expression that calls `fn` with `args` (its source text and JSON: nothing else is evaluated). */
const expression = (fn, args) => `(${fn})(...${JSON.stringify(args)})`;

/** Files (not partial downloads) in `dir`. */
const finished = (dir) => readdirSync(dir).filter((f) => !f.startsWith('.') && !/\.(part|download)$/.test(f) && statSync(join(dir, f)).isFile());

/** What both engines' sessions share: waiting, and downloads seen as new files in a folder. */
class Session {
  constructor(engine, version, downloads) {
    this.engine = engine;
    this.version = version;
    this.downloads = downloads;
    this.taken = mkdtempSync(join(downloads, '.taken-'));
    this.count = 0;
  }

  /** Waits until `fn(...args)` in the page returns something truthy; returns it. */
  waitFor(fn, args = [], { timeout = 30_000, what = String(fn) } = {}) {
    return poll(() => this.run(fn, ...args).catch(() => false), what, timeout);
  }

  /** Runs `action` (e.g. a click), then waits for the one file it downloads; returns {name, text, path}. */
  async download(action, timeout = 30_000) {
    const before = new Set(readdirSync(this.downloads));
    await action();
    const name = await poll(() => finished(this.downloads).find((f) => !before.has(f)), 'a download', timeout);
    const saved = join(this.downloads, name);
    // Written in one go by the page's Blob, but give the browser a moment to finish renaming and closing it.
    await poll(async () => { const a = statSync(saved).size; await sleep(100); return a > 0 && a === statSync(saved).size; }, 'the download to end');
    // Taken out of the download folder, so the next file of the same name keeps its name ("id_rsa(1).pem").
    const path = join(this.taken, `${++this.count}-${name}`);
    renameSync(saved, path);
    return { name, path, text: readFileSync(path, 'utf8') };
  }
}

// ------------------------------------------------------------------------------------------------ Firefox

class FirefoxSession extends Session {
  constructor(browser, page, version, downloads) {
    super('firefox', version, downloads);
    this.browser = browser;
    this.page = page;
    this.errors = [];
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  goto(url) {
    return this.page.goto(url);
  }

  run(fn, ...args) {
    return this.page.evaluate(expression(fn, args));
  }

  /** A real click (the driver's mouse) on the element `selector` finds in the page's document. */
  async click(selector) {
    const el = await this.page.waitForSelector(selector, { visible: true });
    await el.click();
  }

  /** Chooses `path` in the file input `selector`, as the file picker would. */
  async upload(selector, path) {
    const el = await this.page.waitForSelector(selector);
    await el.uploadFile(path);
  }

  async close() {
    await this.browser.close();
  }
}

async function openFirefox(dir) {
  const downloads = join(dir, 'downloads');
  mkdirSync(downloads);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocolTimeout: 600_000, // a benchmark's script runs for minutes (tests/bench/engines.mjs)
    userDataDir: join(dir, 'profile'),
    extraPrefsFirefox: {
      'security.fileuri.strict_origin_policy': true, // Firefox's default (puppeteer's profile turns it off)
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  const page = (await browser.pages())[0] ?? await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  return new FirefoxSession(browser, page, await browser.version(), downloads);
}

// ------------------------------------------------------------------------------------------------ WebKit

/** WebDriver's name for an element reference in JSON. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

class WebKitSession extends Session {
  constructor(driver, base, id, version, downloads) {
    super('webkit', version, downloads);
    this.driver = driver;
    this.base = base;
    this.id = id;
  }

  /** One WebDriver command of this session; its value, or throws the driver's error. */
  async command(method, path, body) {
    const res = await fetch(`${this.base}/session/${this.id}${path}`, {
      method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body),
    });
    const { value } = await res.json();
    if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
    return value;
  }

  goto(url) {
    return this.command('POST', '/url', { url });
  }

  run(fn, ...args) {
    return this.command('POST', '/execute/sync', { script: `return ${expression(fn, args)};`, args: [] });
  }

  async #element(selector) {
    const found = await poll(() => this.command('POST', '/element', { using: 'css selector', value: selector }).catch(() => null),
      selector);
    return found[ELEMENT];
  }

  async click(selector) {
    await this.waitFor((s) => { const e = document.querySelector(s); return e && !e.hidden && e.getClientRects().length > 0; },
      [selector], { what: `${selector} to show` });
    await this.command('POST', `/element/${await this.#element(selector)}/click`, {});
  }

  async upload(selector, path) {
    await this.command('POST', `/element/${await this.#element(selector)}/value`, { text: path });
  }

  async close() {
    try {
      await this.command('DELETE', '');
    } finally {
      try { process.kill(-this.driver.pid, 'SIGTERM'); } catch { /* already gone */ }
    }
  }
}

async function openWebKit(dir) {
  const home = join(dir, 'home');
  mkdirSync(home);
  const port = await freePort();
  // Its own process group (xvfb-run, Xvfb, the driver, MiniBrowser), ended as one by close().
  const driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', WEBKIT_DRIVER, `--port=${port}`],
    { detached: true, stdio: 'ignore', env: { ...process.env, HOME: home } });
  const base = `http://127.0.0.1:${port}`;
  try {
    await poll(() => fetch(`${base}/status`).then((r) => r.ok, () => false), 'WebKitWebDriver to listen');
    const res = await fetch(`${base}/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } } }),
    });
    const { value } = await res.json();
    if (!res.ok) throw new Error(`WebKitWebDriver: ${value?.message}`);
    const session = new WebKitSession(driver, base, value.sessionId, `${value.capabilities.browserName} ${value.capabilities.browserVersion}`, home);
    await session.command('POST', '/window/rect', { width: 1100, height: 900 });
    // WebDriver's default script timeout is 30 s; a benchmark's script runs longer (tests/bench/engines.mjs).
    await session.command('POST', '/timeouts', { script: 600_000 });
    return session;
  } catch (err) {
    try { process.kill(-driver.pid, 'SIGTERM'); } catch { /* already gone */ }
    throw err;
  }
}

/**
 * A session of `engine` ('firefox' or 'webkit') in a fresh profile, closed (and its files removed) when test `t`
 * ends. Its `downloads` folder is where the browser saves files.
 */
export async function open(t, engine) {
  const dir = mkdtempSync(join(tmpdir(), `keyfit-${engine}-`));
  const session = await (engine === 'firefox' ? openFirefox(dir) : openWebKit(dir));
  t.after(async () => {
    await session.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });
  return session;
}
