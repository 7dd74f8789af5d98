// A small W3C WebDriver client over fetch (Node >= 20), enough for tauri-driver.
// @ts-check

const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** Special keys (W3C codepoints). */
export const Keys = Object.freeze({
  ENTER: '\uE007',
  ESCAPE: '\uE00C',
  TAB: '\uE004',
  BACKSPACE: '\uE003',
  CONTROL: '\uE009',
  SHIFT: '\uE008',
  LEFT: '\uE012',
  UP: '\uE013',
  RIGHT: '\uE014',
  DOWN: '\uE015',
});

export class WebDriverError extends Error {
  /** @param {string} error @param {string} message @param {number} status */
  constructor(error, message, status) {
    super(`${error}: ${message}`);
    this.error = error;
    this.status = status;
  }
}

/**
 * @param {string} base e.g. http://127.0.0.1:4444
 * @param {'GET'|'POST'|'DELETE'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  /** @type {any} */
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new WebDriverError('invalid response', text.slice(0, 300), res.status);
  }
  const value = json?.value;
  if (!res.ok || (value && typeof value === 'object' && 'error' in value && value.error)) {
    throw new WebDriverError(value?.error ?? `HTTP ${res.status}`, value?.message ?? text.slice(0, 300), res.status);
  }
  return value;
}

export class Element {
  /** @param {Session} session @param {string} id */
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }
  /** @param {string} p */
  path(p = '') {
    return `/element/${this.id}${p}`;
  }
  click() {
    return this.session.cmd('POST', this.path('/click'), {});
  }
  clear() {
    return this.session.cmd('POST', this.path('/clear'), {});
  }
  /** @param {string} text */
  sendKeys(text) {
    return this.session.cmd('POST', this.path('/value'), { text, value: Array.from(text) });
  }
  /** @returns {Promise<string>} */
  text() {
    return this.session.cmd('GET', this.path('/text'));
  }
  /** @param {string} name @returns {Promise<string|null>} */
  attribute(name) {
    return this.session.cmd('GET', this.path(`/attribute/${encodeURIComponent(name)}`));
  }
  /** @param {string} name @returns {Promise<any>} */
  property(name) {
    return this.session.cmd('GET', this.path(`/property/${encodeURIComponent(name)}`));
  }
  /** @returns {Promise<boolean>} */
  displayed() {
    return this.session.cmd('GET', this.path('/displayed'));
  }
  /** @param {string} css @returns {Promise<Element[]>} */
  async findAll(css) {
    const list = await this.session.cmd('POST', this.path('/elements'), { using: 'css selector', value: css });
    return list.map((/** @type {any} */ v) => new Element(this.session, v[ELEMENT_KEY]));
  }
  /** The first element inside this one that matches. @param {string} css @returns {Promise<Element>} */
  async find(css) {
    const [first] = await this.findAll(css);
    if (!first) throw new Error(`nothing matches ${css} inside the element`);
    return first;
  }
  toJSON() {
    return { [ELEMENT_KEY]: this.id };
  }
}

export class Session {
  /** @param {string} base @param {string} id */
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  /**
   * @param {string} base
   * @param {Record<string, unknown>} capabilities  the alwaysMatch object
   */
  static async create(base, capabilities) {
    const value = await request(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, value.sessionId);
  }

  /** @param {'GET'|'POST'|'DELETE'} method @param {string} path @param {unknown} [body] */
  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  end() {
    return this.cmd('DELETE', '');
  }

  /** @param {string} css @returns {Promise<Element>} */
  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return new Element(this, v[ELEMENT_KEY]);
  }

  /** @param {string} css @returns {Promise<Element[]>} */
  async findAll(css) {
    const list = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return list.map((/** @type {any} */ v) => new Element(this, v[ELEMENT_KEY]));
  }

  /** @param {string} script @param {unknown[]} [args] */
  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** @param {string} script  the last argument is the callback @param {unknown[]} [args] */
  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  /**
   * Presses keys together where the focus is (Keys values or characters), then releases them:
   * pressKey(Keys.TAB), pressKey(Keys.SHIFT, Keys.RIGHT).
   * @param {string[]} keys
   */
  pressKey(...keys) {
    const down = keys.map((value) => ({ type: 'keyDown', value }));
    const up = [...keys].reverse().map((value) => ({ type: 'keyUp', value }));
    return this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [...down, ...up] }] });
  }

  /** @returns {Promise<Buffer>} PNG bytes */
  async screenshot() {
    const b64 = await this.cmd('GET', '/screenshot');
    return Buffer.from(b64, 'base64');
  }

  /** Wait for two animation frames so the screen is painted. */
  settle() {
    return this.executeAsync('const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));');
  }

  /**
   * Poll until fn returns a truthy value (errors count as "not yet").
   * @template T
   * @param {() => Promise<T>} fn
   * @param {{timeout?: number, interval?: number, message?: string}} [opts]
   * @returns {Promise<T>}
   */
  async waitFor(fn, { timeout = 10000, interval = 100, message = 'condition' } = {}) {
    const deadline = Date.now() + timeout;
    /** @type {unknown} */
    let lastError = null;
    for (;;) {
      try {
        const v = await fn();
        if (v) return v;
      } catch (e) {
        lastError = e;
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${message}${lastError ? ` (last error: ${/** @type {Error} */ (lastError).message})` : ''}`);
      }
      await new Promise((r) => setTimeout(r, interval));
    }
  }

  /** Wait for an element matching css that is displayed. @param {string} css @param {number} [timeout] */
  waitForElement(css, timeout = 10000) {
    return this.waitFor(
      async () => {
        const els = await this.findAll(css);
        for (const e of els) if (await e.displayed()) return e;
        return null;
      },
      { timeout, message: `element ${css}` },
    );
  }
}
