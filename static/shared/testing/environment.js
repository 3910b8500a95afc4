/**
 * jsdom for the ui tests, with the fetch classes a browser has and jsdom lacks (`Request`, `Response`,
 * `Headers`): @forge/bridge's requestJira builds a Request and answers a Response, as in a Custom UI frame.
 * They are Node's own (the same WHATWG classes), not stand-ins; Request resolves relative URLs as a page does.
 */
'use strict';
const { TestEnvironment } = require('jest-environment-jsdom');

class UiTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.Response = globalThis.Response;
    this.global.Headers = globalThis.Headers;
    // A browser resolves a relative URL against the document (@forge/bridge builds `new Request('')`).
    const page = this.global;
    this.global.Request = class Request extends globalThis.Request {
      constructor(input, init) {
        super(typeof input === 'string' ? new URL(input, page.location.href).href : input, init);
      }
    };
  }
}

module.exports = UiTestEnvironment;
