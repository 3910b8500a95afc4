/* The shell page's script: user switcher, transitions, Custom UI iframe host side (resize, flags, events, config save). */
(function () {
  'use strict';

  // ---- user switcher ----
  var switcher = document.getElementById('user-switcher');
  if (switcher) {
    switcher.addEventListener('change', function () {
      document.cookie = 'ph_user=' + encodeURIComponent(switcher.value) + '; path=/; SameSite=Lax';
      location.reload();
    });
  }

  // ---- theme switcher: the shell and every Custom UI frame read the ph_theme cookie ----
  var theme = document.getElementById('theme-switcher');
  if (theme) {
    theme.addEventListener('change', function () {
      document.cookie = 'ph_theme=' + encodeURIComponent(theme.value) + '; path=/; SameSite=Lax';
      location.reload();
    });
  }

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // ---- transitions ----
  function showTransitionError(body, status) {
    var box = document.getElementById('transition-error');
    if (!box) return;
    var messages = [];
    if (body && Array.isArray(body.errorMessages)) messages = messages.concat(body.errorMessages);
    if (body && body.errors && typeof body.errors === 'object') {
      Object.keys(body.errors).forEach(function (k) { messages.push(k + ': ' + body.errors[k]); });
    }
    if (!messages.length) messages.push('Jira answered HTTP ' + status + '.');
    box.innerHTML = '<div class="error-box" role="alert"><h3>We couldn\'t transition this issue</h3><ul>' +
      messages.map(function (m) { return '<li>' + esc(m) + '</li>'; }).join('') + '</ul></div>';
  }
  Array.prototype.forEach.call(document.querySelectorAll('.transition-btn'), function (btn) {
    btn.addEventListener('click', function () {
      var key = btn.getAttribute('data-issue-key');
      var id = btn.getAttribute('data-transition-id');
      var buttons = document.querySelectorAll('.transition-btn');
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
      fetch('/rest/api/3/issue/' + encodeURIComponent(key) + '/transitions', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ transition: { id: id } }),
      }).then(function (res) {
        if (res.ok) { location.reload(); return; }
        return res.text().then(function (t) {
          var body; try { body = JSON.parse(t); } catch { body = { errorMessages: [t] }; }
          showTransitionError(body, res.status);
        });
      }).catch(function (e) { showTransitionError({ errorMessages: [String(e)] }, 0); })
        .then(function () { Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; }); });
    });
  });

  // ---- issue panels: quick-add adds the app's panel to this issue (for everyone), Remove takes it off ----
  Array.prototype.forEach.call(document.querySelectorAll('.quick-add, .panel-remove'), function (btn) {
    btn.addEventListener('click', function () {
      var add = btn.classList.contains('quick-add');
      var key = btn.getAttribute('data-issue-key');
      var moduleKey = btn.getAttribute('data-module-key');
      btn.disabled = true;
      fetch('/__shell/issue/' + encodeURIComponent(key) + '/panels/' + encodeURIComponent(moduleKey), { method: add ? 'POST' : 'DELETE', credentials: 'same-origin' })
        .then(function (res) {
          if (!res.ok) throw new Error('HTTP ' + res.status);
          location.assign('/browse/' + encodeURIComponent(key) + (add ? '?panelAdded=' + encodeURIComponent(moduleKey) : ''));
        })
        .catch(function (e) { btn.disabled = false; showTransitionError({ errorMessages: ['Could not change the panel: ' + e.message] }, 0); });
    });
  });

  // ---- issue contexts: collapsed until expanded; each user's choice is remembered; the frame loads on first expand ----
  var me = switcher ? switcher.value : '';
  Array.prototype.forEach.call(document.querySelectorAll('.issue-context'), function (section) {
    var toggle = section.querySelector('.issue-context-toggle');
    var body = document.getElementById(toggle.getAttribute('aria-controls'));
    var frame = body.querySelector('iframe');
    var memory = 'ph-issue-context:' + me + ':' + section.getAttribute('data-module-key');
    function set(expanded) {
      toggle.setAttribute('aria-expanded', String(expanded));
      body.hidden = !expanded;
      if (expanded && frame && !frame.getAttribute('src')) frame.setAttribute('src', frame.getAttribute('data-src'));
      try { localStorage.setItem(memory, expanded ? '1' : '0'); } catch { /* private mode: not remembered */ }
    }
    toggle.addEventListener('click', function () { set(toggle.getAttribute('aria-expanded') !== 'true'); });
    var remembered;
    try { remembered = localStorage.getItem(memory); } catch { remembered = null; }
    if (remembered === '1') set(true);
  });

  // ---- flags ----
  var flagsEl = document.getElementById('flags');
  function closeFlag(id) {
    var el = flagsEl && flagsEl.querySelector('[data-flag-id="' + CSS.escape(String(id)) + '"]');
    if (el) el.remove();
  }
  function showFlag(flag) {
    if (!flagsEl || !flag) return;
    closeFlag(flag.id);
    var el = document.createElement('div');
    el.className = 'flag ' + (flag.type || 'info');
    el.setAttribute('data-flag-id', String(flag.id));
    el.setAttribute('role', 'status');
    el.innerHTML = '<button class="flag-close" aria-label="Dismiss">×</button><div class="flag-title">' + esc(flag.title) + '</div>' +
      (flag.description ? '<div class="flag-desc">' + esc(flag.description) + '</div>' : '');
    el.querySelector('.flag-close').addEventListener('click', function () { el.remove(); });
    flagsEl.appendChild(el);
    if (flag.isAutoDismiss !== false && flag.type !== 'error' && flag.type !== 'warning') {
      setTimeout(function () { el.remove(); }, 8000);
    }
  }

  // ---- iframes ----
  function frames() { return Array.prototype.slice.call(document.querySelectorAll('iframe.forge-frame')); }
  function frameById(id) {
    return frames().filter(function (f) { return f.getAttribute('data-frame-id') === id; })[0];
  }
  // App frames live on the host's own "CDN" origin, as on Jira: messages go to and come from that origin only.
  function frameOrigin(frame) { return frame.getAttribute('src') ? new URL(frame.src, location.href).origin : null; }
  function send(frame, message) {
    message.source = 'ph-shell';
    if (frame && frame.contentWindow) frame.contentWindow.postMessage(message, frameOrigin(frame));
  }
  var pendingConfig = {};
  var nextRequest = 1;

  /** What the frame's module shows (from the frame's own URL, which this page wrote): the frame cannot pick it. */
  function frameInvokeContext(frame) {
    var q = new URL(frame.src, location.href).searchParams;
    var c = {};
    ['issueKey', 'projectKey', 'entryPoint', 'validatorConfig', 'dashboardId', 'gadgetId'].forEach(function (k) { if (q.has(k)) c[k] = q.get(k); });
    return { moduleKey: q.get('moduleKey'), context: c };
  }

  function answerCall(frame, m, promise) {
    promise.then(function (response) {
      send(frame, { type: 'call-result', callId: m.callId, response: response });
    }, function (e) {
      send(frame, { type: 'call-result', callId: m.callId, error: e && e.message ? e.message : String(e) });
    });
  }

  /** invoke: the resolver runs as this page's user, for the frame's module and issue/project. */
  function invokeFor(frame, m) {
    var target = frameInvokeContext(frame);
    return fetch('/__local/invoke', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ moduleKey: target.moduleKey, functionKey: m.functionKey, payload: m.payload, context: target.context }),
    }).then(function (res) {
      return res.text().then(function (text) { return { status: res.status, body: text }; });
    });
  }

  /** requestJira: Jira REST as this page's user (only /rest/ paths). */
  function fetchFor(m) {
    var restPath = String(m.restPath || '');
    if (restPath.indexOf('/rest/') !== 0) return Promise.reject(new Error('requestJira only reaches Jira REST paths (/rest/...), not ' + restPath));
    return fetch(restPath, { method: m.method || 'GET', credentials: 'same-origin', headers: m.headers || {}, body: m.body }).then(function (res) {
      var headers = {};
      res.headers.forEach(function (v, k) { headers[k] = v; });
      return res.text().then(function (text) { return { status: res.status, statusText: res.statusText, headers: headers, body: text }; });
    });
  }

  /**
   * view.submit in a gadget's edit view: Jira saves the object as that gadget's configuration (as this
   * page's user) and shows the dashboard with the gadget in its view mode.
   */
  function gadgetSubmitFor(frame, m) {
    var q = new URL(frame.src, location.href).searchParams;
    if (q.get('entryPoint') !== 'edit' || !q.get('gadgetId')) return Promise.reject(new Error('Only a gadget\'s edit view can submit a configuration'));
    var url = '/__shell/dashboards/' + encodeURIComponent(q.get('dashboardId')) + '/gadgets/' + encodeURIComponent(q.get('gadgetId')) + '/configuration';
    return fetch(url, { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m.configuration) }).then(function (res) {
      return res.text().then(function (text) {
        if (!res.ok) {
          var msg = 'Saving the gadget configuration failed (HTTP ' + res.status + ')';
          try { var b = JSON.parse(text); if (b && b.errorMessages && b.errorMessages.length) msg = b.errorMessages.join(' '); } catch { /* not JSON */ }
          throw new Error(msg);
        }
        setTimeout(function () { location.assign(location.pathname); }, 0);
        return true;
      });
    });
  }

  /**
   * A full-page app's router (view.createHistory) changed its location: as on Jira, the page's own URL
   * carries the route after the app's address. The frame keeps the history entries (the back button steps
   * through them and the frame tells this page again), so this page only rewrites its address.
   */
  function followAppRoute(frame, loc) {
    var base = frame.getAttribute('data-app-base');
    if (!base || !loc || typeof loc.pathname !== 'string' || loc.pathname.charAt(0) !== '/') return;
    var path = loc.pathname === '/' ? '' : loc.pathname;
    var url = base + path + (typeof loc.search === 'string' ? loc.search : '') + (typeof loc.hash === 'string' ? loc.hash : '');
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, '', url);
  }

  window.addEventListener('message', function (ev) {
    var m = ev.data;
    if (!m || m.source !== 'ph-bridge') return;
    var frame = frameById(m.frameId);
    // Only a frame of this page, speaking from its own window and origin, is answered.
    if (!frame || ev.source !== frame.contentWindow || ev.origin !== frameOrigin(frame)) return;
    switch (m.type) {
      case 'invoke': answerCall(frame, m, invokeFor(frame, m)); break;
      case 'fetch': answerCall(frame, m, fetchFor(m)); break;
      case 'gadget-submit': answerCall(frame, m, gadgetSubmitFor(frame, m)); break;
      case 'gadget-close':
        // Only an edit view closes: the dashboard shows again, the configuration as it was.
        if (new URL(frame.src, location.href).searchParams.get('entryPoint') === 'edit') location.assign(location.pathname);
        break;
      case 'resize':
        if (frame && typeof m.height === 'number' && m.height > 0) frame.style.height = Math.min(m.height, 20000) + 'px';
        break;
      case 'flag': showFlag(m.flag); break;
      case 'closeFlag': closeFlag(m.id); break;
      case 'emit':
        frames().forEach(function (f) { send(f, { type: 'event', event: m.event, payload: m.payload }); });
        break;
      case 'navigate':
        if (!/^https?:/i.test(String(m.url))) break;
        if (m.newTab) window.open(m.url, '_blank', 'noopener');
        else location.assign(m.url);
        break;
      case 'reload': location.reload(); break;
      case 'refresh': location.reload(); break;
      case 'title': document.title = m.title; break;
      case 'history': followAppRoute(frame, m.location); break;
      case 'config':
        var p = pendingConfig[m.requestId];
        if (p) { delete pendingConfig[m.requestId]; p(m); }
        break;
      default: break;
    }
  });

  /** Asks a config iframe for its workflowRules.onConfigure value. */
  function collectConfig(frame) {
    return new Promise(function (resolve, reject) {
      var id = nextRequest++;
      var timer = setTimeout(function () { delete pendingConfig[id]; reject(new Error('The configuration screen did not answer (did it call workflowRules.onConfigure?)')); }, 10000);
      pendingConfig[id] = function (m) {
        clearTimeout(timer);
        if (m.ok) { resolve(m.value); return; }
        var err = new Error(m.value || 'The configuration screen refused to save');
        err.outcome = m.outcome;
        reject(err);
      };
      send(frame, { type: 'collect-config', requestId: id });
    });
  }
  window.__phCollectConfig = collectConfig;

  var save = document.getElementById('save-config');
  if (save) {
    save.addEventListener('click', function () {
      var errEl = document.getElementById('config-error');
      errEl.textContent = '';
      errEl.removeAttribute('data-outcome');
      save.disabled = true;
      collectConfig(frameById('config')).then(function (value) {
        var body = { configuration: value };
        if (save.getAttribute('data-module-key')) {
          body.moduleKey = save.getAttribute('data-module-key');
          body.transitionId = save.getAttribute('data-transition-id');
          body.issueTypeId = save.getAttribute('data-issue-type-id');
        }
        return fetch(save.getAttribute('data-action'), {
          method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
        }).then(function (res) {
          if (!res.ok) return res.text().then(function (t) { throw new Error('Saving failed (HTTP ' + res.status + '): ' + t); });
          location.assign(location.pathname);
        });
      }).catch(function (e) {
        // 'blocked' is Jira's documented refusal: the dialog just stays open and the screen explains why.
        // Anything else (a throw, a value that is not a string) is an error of the app's screen.
        var blocked = e.outcome === 'blocked';
        errEl.setAttribute('data-outcome', e.outcome || 'failed');
        errEl.textContent = ' ' + e.message;
        errEl.style.color = blocked ? '' : '#AE2E24';
        save.disabled = false;
      });
    });
  }
})();
