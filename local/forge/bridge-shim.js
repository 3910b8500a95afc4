/*
 * Production Handoff local host: the Custom UI bridge.
 *
 * Atlassian's host page gives every Custom UI iframe a `window.__bridge` whose
 * `callBridge(name, payload)` the unmodified `@forge/bridge` package calls. This
 * file is that object for the offline host. It runs inside the iframe (so callbacks
 * and history objects stay in the iframe's window). As on Jira, the frame lives on
 * an origin of its own (the host's "CDN" listener) and cannot reach Jira or the
 * resolvers itself: every invoke and requestJira goes to the shell page
 * (window.parent) with postMessage {source:'ph-bridge', ...}, and the shell page
 * makes the call as its signed-in user and answers the frame.
 *
 * Context comes from `window.__PH_CONTEXT__` / `window.__PH_FRAME__`, injected by
 * the server before this script.
 */
(function () {
  'use strict';
  var root = typeof window !== 'undefined' ? window : globalThis;
  if (root.__bridge && root.__bridge.__phLocal) return;

  // The host clock (local/clock.ts): when the host has been moved in time, the frame's Date follows it, so
  // the browser and the backend agree on "today". Timers are untouched.
  var clockOffset = Number(root.__PH_CLOCK_OFFSET__ || 0);
  if (clockOffset && root.Date && !root.Date.__phHostClock) {
    var RealDate = root.Date;
    var hostNow = function () { return RealDate.now() + clockOffset; };
    var HostDate = function () {
      var args = Array.prototype.slice.call(arguments);
      if (!new.target) return new RealDate(hostNow()).toString();
      return Reflect.construct(RealDate, args.length === 0 ? [hostNow()] : args, new.target);
    };
    HostDate.prototype = RealDate.prototype;
    Object.setPrototypeOf(HostDate, RealDate);
    HostDate.now = hostNow;
    HostDate.parse = RealDate.parse;
    HostDate.UTC = RealDate.UTC;
    Object.defineProperty(HostDate, '__phHostClock', { value: true });
    Object.defineProperty(RealDate.prototype, 'constructor', { value: HostDate, writable: true, configurable: true });
    root.Date = HostDate;
  }

  var context = root.__PH_CONTEXT__ || {};
  var frame = root.__PH_FRAME__ || {};
  var SOURCE = 'ph-bridge';
  var parentWin = root.parent && root.parent !== root ? root.parent : null;
  // The shell page's origin: messages go only there and are accepted only from there.
  var hostOrigin = frame.hostOrigin || '*';

  function clone(v) {
    return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
  }

  function post(message) {
    message.source = SOURCE;
    message.frameId = frame.frameId;
    if (parentWin) parentWin.postMessage(message, hostOrigin);
  }

  // ---- calls answered by the shell page (invoke, requestJira) ----
  var pendingCalls = {};
  var nextCall = 1;
  function callShell(type, payload) {
    if (!parentWin) return Promise.reject(new Error('This frame has no Jira page around it to answer "' + type + '"'));
    return new Promise(function (resolve, reject) {
      var callId = nextCall++;
      pendingCalls[callId] = { resolve: resolve, reject: reject };
      var message = clone(payload) || {};
      message.type = type;
      message.callId = callId;
      post(message);
    });
  }
  function settleCall(m) {
    var pending = pendingCalls[m.callId];
    if (!pending) return;
    delete pendingCalls[m.callId];
    if (m.error) pending.reject(new Error(m.error));
    else pending.resolve(m.response);
  }

  function invoke(payload) {
    payload = payload || {};
    // The shell page adds the module and its issue/project: a frame cannot choose its own context.
    return callShell('invoke', { functionKey: payload.functionKey, payload: payload.payload }).then(function (res) {
      if (res.status === 204) return undefined;
      var body;
      try { body = res.body ? JSON.parse(res.body) : undefined; } catch { body = undefined; }
      if (res.status < 200 || res.status > 299) {
        var msg = body && body.error && body.error.message ? body.error.message : 'Resolver invocation failed with HTTP ' + res.status;
        var err = new Error(msg);
        if (body && body.error && body.error.name) err.name = body.error.name;
        throw err;
      }
      return body;
    });
  }

  function fetchProduct(payload) {
    if (!payload || payload.product !== 'jira') {
      return Promise.reject(new Error('The local host only answers requestJira (product "' + (payload && payload.product) + '")'));
    }
    var restPath = String(payload.restPath || '');
    if (restPath.charAt(0) !== '/') restPath = '/' + restPath;
    var init = payload.fetchRequestInit || {};
    var headers = {};
    (init.headers || []).forEach(function (pair) { headers[pair[0]] = pair[1]; });
    // Tells the host this is the app's own request (local/forge/latency.ts charges it), not Jira's page.
    headers['x-local-bridge-request'] = '1';
    var method = (init.method || 'GET').toUpperCase();
    var body = method === 'GET' || method === 'HEAD' || init.body == null ? undefined : String(init.body);
    return callShell('fetch', { restPath: restPath, method: method, headers: headers, body: body }).then(function (res) {
      return { status: res.status, statusText: res.statusText, headers: res.headers, body: res.body, isAttachment: false };
    });
  }

  // ---- events (on/emit) across frames via the shell ----
  var listeners = {};
  var nextSub = 1;
  function on(payload, isPublic) {
    var name = (isPublic ? 'public:' : '') + payload.event;
    var id = nextSub++;
    (listeners[name] = listeners[name] || {})[id] = payload.callback;
    return Promise.resolve({ unsubscribe: function () { if (listeners[name]) delete listeners[name][id]; } });
  }
  function emit(payload, isPublic) {
    var name = (isPublic ? 'public:' : '') + payload.event;
    if (parentWin) post({ type: 'emit', event: name, payload: clone(payload.payload) });
    else deliver(name, payload.payload);
    return Promise.resolve();
  }
  function deliver(name, payload) {
    var subs = listeners[name] || {};
    Object.keys(subs).forEach(function (id) {
      try { subs[id](clone(payload)); } catch (e) { setTimeout(function () { throw e; }); }
    });
  }

  // ---- workflow rule configuration (@forge/jira-bridge workflowRules.onConfigure) ----
  // Jira calls the callback when the admin presses Add or Update. Its documented contract: a string is
  // saved as the configuration (the new workflow editor caps it at 32 KB); undefined keeps the dialog
  // open without saving. A throwing callback is not documented, so it is reported as the screen failing
  // (outcome 'threw'), never as a clean refusal, and anything but a string is not a configuration.
  var onConfigureFn = null;
  var MAX_CONFIG_CHARS = 32 * 1024;
  function collectConfig(requestId) {
    var reply = function (ok, outcome, value) { post({ type: 'config', requestId: requestId, ok: ok, outcome: outcome, value: value }); };
    if (!onConfigureFn) { reply(false, 'threw', 'This configuration screen did not register workflowRules.onConfigure'); return; }
    Promise.resolve()
      .then(function () { return onConfigureFn(); })
      .then(function (v) {
        if (v === undefined) reply(false, 'blocked', 'The configuration screen kept the dialog open (onConfigure returned undefined).');
        else if (typeof v !== 'string') reply(false, 'invalid', 'onConfigure must return a string (JSON.stringify the configuration) or undefined; it returned ' + (v === null ? 'null' : typeof v) + '.');
        else if (v.length > MAX_CONFIG_CHARS) reply(false, 'invalid', 'The configuration is ' + v.length + ' characters; Jira keeps at most ' + MAX_CONFIG_CHARS + '.');
        else reply(true, 'saved', v);
      }, function (e) {
        reply(false, 'threw', 'onConfigure threw "' + (e && e.message ? e.message : String(e)) + '". Jira does not document what happens then; return undefined to keep the dialog open.');
      });
  }

  // ---- history (view.createHistory) over the iframe's own URL hash ----
  function parsePath(p) {
    var loc = { pathname: '/', search: '', hash: '', state: undefined, key: 'default' };
    if (typeof p === 'object' && p) {
      loc.pathname = p.pathname || '/';
      loc.search = p.search || '';
      loc.hash = p.hash || '';
      return loc;
    }
    p = String(p || '/');
    var h = p.indexOf('#');
    if (h >= 0) { loc.hash = p.slice(h); p = p.slice(0, h); }
    var q = p.indexOf('?');
    if (q >= 0) { loc.search = p.slice(q); p = p.slice(0, q); }
    loc.pathname = p.charAt(0) === '/' ? p : '/' + p;
    return loc;
  }
  function currentAppLocation() {
    var h = root.location.hash || '';
    return parsePath(h.indexOf('#!') === 0 ? h.slice(2) : '/');
  }
  function createHistory() {
    var subs = [];
    var history = {
      action: 'POP',
      location: currentAppLocation(),
      get length() { return root.history.length; },
      listen: function (cb) {
        subs.push(cb);
        return function () { subs = subs.filter(function (s) { return s !== cb; }); };
      },
      push: function (to, state) { change('PUSH', to, state); },
      replace: function (to, state) { change('REPLACE', to, state); },
      go: function (n) { root.history.go(n); },
      back: function () { root.history.back(); },
      forward: function () { root.history.forward(); },
      block: function () { return function () {}; },
      createHref: function (to) { var l = parsePath(to); return l.pathname + l.search + l.hash; },
    };
    function notify(action) {
      history.action = action;
      history.location = currentAppLocation();
      subs.slice().forEach(function (cb) { cb(history.location, action); });
      post({ type: 'history', location: history.location });
    }
    function change(action, to, state) {
      var l = parsePath(to);
      var url = '#!' + l.pathname + l.search + l.hash;
      if (action === 'PUSH') root.history.pushState(state === undefined ? null : state, '', url);
      else root.history.replaceState(state === undefined ? null : state, '', url);
      notify(action);
    }
    root.addEventListener('popstate', function () { notify('POP'); });
    return Promise.resolve(history);
  }

  // ---- navigation targets (router.navigate / getUrl) ----
  function urlFor(loc) {
    if (!loc) throw new Error('navigation needs a url or a target');
    // Jira resolves a relative URL against the site, never against the frame's own (CDN) origin.
    var origin = new URL(context.siteUrl || root.location.origin).origin;
    if (loc.url) return new URL(loc.url, origin + '/').toString();
    var projectKey = loc.projectKey || loc.projectId || (context.extension && context.extension.project && context.extension.project.key);
    switch (loc.target) {
      case 'issue': return origin + '/browse/' + encodeURIComponent(loc.issueKey || loc.issueId);
      case 'projectSettingsDetails':
      case 'project':
        return origin + '/projects/' + encodeURIComponent(projectKey);
      case 'module':
        if (loc.moduleKey && projectKey) return origin + '/projects/' + encodeURIComponent(projectKey) + '/apps/' + encodeURIComponent(loc.moduleKey);
        return origin + '/';
      case 'dashboard': return origin + '/';
      case 'userProfile': return origin + '/';
      default: throw new Error('The local host cannot navigate to target "' + loc.target + '"');
    }
  }

  function enableTheming() {
    var mode = (context.theme && context.theme.colorMode) || 'light';
    var el = root.document && root.document.documentElement;
    if (el) {
      el.setAttribute('data-color-mode', mode);
      el.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography');
    }
    return Promise.resolve();
  }

  // ---- messages from the shell ----
  if (root.addEventListener) {
    root.addEventListener('message', function (ev) {
      var m = ev.data;
      if (!m || m.source !== 'ph-shell') return;
      if (hostOrigin !== '*' && ev.origin !== hostOrigin) return;
      if (m.type === 'call-result') settleCall(m);
      else if (m.type === 'event') deliver(m.event, m.payload);
      else if (m.type === 'collect-config') collectConfig(m.requestId); else if (m.type === 'theme') {
        context.theme = { colorMode: m.colorMode };
      }
    });
  }

  // ---- auto height ----
  function startResize() {
    if (!parentWin || !root.document) return;
    var last = 0;
    var measure = function () {
      var d = root.document;
      var h = Math.max(d.documentElement ? d.documentElement.scrollHeight : 0, d.body ? d.body.scrollHeight : 0);
      if (h !== last) { last = h; post({ type: 'resize', height: h }); }
    };
    if (typeof ResizeObserver !== 'undefined') {
      var ro = new ResizeObserver(measure);
      var attach = function () { ro.observe(root.document.documentElement); if (root.document.body) ro.observe(root.document.body); measure(); };
      if (root.document.readyState === 'loading') root.document.addEventListener('DOMContentLoaded', attach);
      else attach();
    }
    root.addEventListener('load', measure);
    setInterval(measure, 500);
  }
  startResize();

  var handlers = {
    invoke: invoke,
    getContext: function () { return Promise.resolve(clone(context)); },
    fetchProduct: fetchProduct,
    showFlag: function (p) { post({ type: 'flag', flag: clone(p) }); return Promise.resolve(true); },
    closeFlag: function (p) { post({ type: 'closeFlag', id: p && p.id }); return Promise.resolve(true); },
    navigate: function (p) {
      var url = urlFor(p);
      // The sandbox lets the frame open nothing itself: Jira's page navigates or opens the tab.
      if (parentWin) post({ type: 'navigate', url: url, newTab: p.type === 'new-tab' });
      else if (p.type === 'new-tab') root.open(url, '_blank', 'noopener');
      else root.location.assign(url);
      return Promise.resolve();
    },
    getUrl: function (p) { return Promise.resolve(urlFor(p)); },
    reload: function () { if (parentWin) post({ type: 'reload' }); else root.location.reload(); return Promise.resolve(); },
    open: function () { return Promise.resolve(false); },
    // Only a dashboard gadget's edit view is submittable here: Jira saves the object as the gadget's configuration.
    submit: function (payload) {
      if (!frame.gadgetId || frame.entryPoint !== 'edit') return Promise.resolve(false);
      var configuration;
      try { configuration = JSON.parse(JSON.stringify(payload === undefined ? null : payload)); } catch (e) { return Promise.reject(new Error('The configuration must be JSON: ' + e.message)); }
      // The shell page saves it as the signed-in user (the frame's own origin reaches nothing but its files).
      return callShell('gadget-submit', { configuration: configuration }).then(function () { return true; });
    },
    // A gadget's edit view closes back to the dashboard without saving (Jira shows the gadget's view again).
    close: function () {
      if (!frame.gadgetId || frame.entryPoint !== 'edit') return Promise.resolve(false);
      post({ type: 'gadget-close' });
      return Promise.resolve(true);
    },
    onClose: function () { return Promise.resolve(false); },
    refresh: function () { post({ type: 'refresh' }); return Promise.resolve(true); },
    createHistory: createHistory,
    on: function (p) { return on(p, false); },
    emit: function (p) { return emit(p, false); },
    onPublic: function (p) { return on(p, true); },
    emitPublic: function (p) { return emit(p, true); },
    enableTheming: enableTheming,
    changeWindowTitle: function (title) { post({ type: 'title', title: String(title) }); return Promise.resolve(); },
    resize: function (p) { post({ type: 'resize', height: p && p.height }); return Promise.resolve(); },
    setWorkflowRuleConfigurationCallback: function (p) {
      var fn = p && p.data && p.data.onConfigure;
      if (typeof fn !== 'function') return Promise.resolve(false);
      onConfigureFn = fn;
      post({ type: 'configReady' });
      return Promise.resolve(true);
    },
    getFrameDispatch: function () { return Promise.resolve(undefined); },
    emitReadyEvent: function () { return Promise.resolve(); },
  };

  root.__bridge = {
    __phLocal: true,
    callBridge: function (name, payload) {
      var h = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : null;
      if (!h) return Promise.reject(new Error('The Production Handoff local host does not implement the bridge call "' + name + '"'));
      try {
        return Promise.resolve(h(payload));
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
})();
