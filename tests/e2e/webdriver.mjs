// A minimal W3C WebDriver client over fetch: just what the end-to-end tests need to drive the
// real Wheelwright window through tauri-driver. No browser download, no dependency.
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
// W3C names an element reference by this key.
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

async function request(method, path, body) {
  const response = await fetch(`${DRIVER}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    // Never hang the suite on a stuck driver: a slow step fails with its name instead.
    signal: AbortSignal.timeout(30_000),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
  return json.value;
}

export async function waitForDriver(timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const status = await request("GET", "/status");
      if (status.ready !== false) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`tauri-driver did not answer on ${DRIVER}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export class Session {
  static async start(application, args = []) {
    const value = await request("POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application, args } } },
    });
    return new Session(value.sessionId);
  }

  constructor(id) {
    this.id = id;
  }

  cmd(method, path, body) {
    return request(method, `/session/${this.id}${path}`, body);
  }

  /** Waits until `css` matches an element (and `ready(el)` holds), returning its id. */
  async find(css, { timeoutMs = 10_000, text } = {}) {
    const until = Date.now() + timeoutMs;
    let last = "";
    for (;;) {
      try {
        const found = await this.cmd("POST", "/element", { using: "css selector", value: css });
        const id = found[ELEMENT];
        if (text === undefined) return id;
        last = await this.text(id);
        if (last.includes(text)) return id;
      } catch {
        // not there yet
      }
      if (Date.now() > until) throw new Error(`no element ${css}${text ? ` with text "${text}" (last: "${last}")` : ""}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async click(css) {
    await this.cmd("POST", `/element/${await this.find(css)}/click`, {});
  }

  /** Types into a text input as a user would; an empty text just clears it. */
  async type(css, text) {
    const id = await this.find(css);
    await this.cmd("POST", `/element/${id}/clear`, {});
    if (text !== "") await this.cmd("POST", `/element/${id}/value`, { text });
  }

  /** Sets a date input or a select: WebKit's native pickers take no keystrokes here. */
  async choose(css, value) {
    await this.find(css);
    await this.execute(
      `const el = document.querySelector(arguments[0]); el.value = arguments[1];
       el.dispatchEvent(new Event("input", { bubbles: true })); el.dispatchEvent(new Event("change", { bubbles: true }));`,
      [css, value],
    );
  }

  text(id) {
    return this.cmd("GET", `/element/${id}/text`);
  }

  async attribute(css, name) {
    return this.cmd("GET", `/element/${await this.find(css)}/attribute/${name}`);
  }

  /** Presses keys on the real keyboard, one after another (WebDriver actions), to whatever has
   * the focus. */
  async keys(...keys) {
    const actions = keys.flatMap((value) => [
      { type: "keyDown", value },
      { type: "keyUp", value },
    ]);
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  end() {
    return this.cmd("DELETE", "", undefined);
  }
}
