/* The shell's script for the host's own pages: dashboards and gadgets, the outbox, the host clock. */
(function () {
  'use strict';

  function showError(form, message) {
    var el = form && form.querySelector('.form-error');
    if (el) { el.textContent = ' ' + message; el.style.color = '#AE2E24'; } else { window.alert(message); }
  }

  function send(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (res) {
      return res.text().then(function (text) {
        var parsed;
        try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
        if (!res.ok) {
          var msg = (parsed && parsed.errorMessages && parsed.errorMessages.join(' ')) || (parsed && parsed.errors && Object.values(parsed.errors).join(' ')) ||
            (parsed && parsed.error && parsed.error.message) || ('HTTP ' + res.status);
          throw new Error(msg);
        }
        return parsed;
      });
    });
  }

  // ---- dashboards ----
  var create = document.getElementById('create-dashboard');
  if (create) {
    create.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var share = create.elements.share.value === 'loggedin' ? [{ type: 'loggedin' }] : [];
      send('POST', '/rest/api/3/dashboard', { name: create.elements.name.value, sharePermissions: share, editPermissions: [] })
        .then(function (d) { location.assign('/jira/dashboards/' + d.id); })
        .catch(function (e) { showError(create, e.message); });
    });
  }

  var dashboard = document.getElementById('dashboard');
  var dashboardId = dashboard && dashboard.getAttribute('data-dashboard-id');
  function gadgetFrame(card) { return card.querySelector('iframe.forge-frame'); }
  function cards() { return Array.prototype.slice.call(document.querySelectorAll('section.gadget')); }
  function post(frame, message) {
    message.source = 'ph-shell';
    // App frames live on the Custom UI's own origin (as on Forge's CDN), not this page's.
    if (frame && frame.contentWindow) frame.contentWindow.postMessage(message, new URL(frame.src, location.href).origin);
  }
  /** Jira's refresh: reload the gadget, or, for `refreshable: false` gadgets, tell every gadget frame instead. */
  function refresh(card, origin) {
    if (card.getAttribute('data-refreshable') === 'false') {
      var payload = origin === 'gadget' ? { origin: 'gadget', gadgetId: card.getAttribute('data-gadget-id') } : { origin: 'dashboard' };
      cards().forEach(function (c) { post(gadgetFrame(c), { type: 'event', event: 'JIRA_DASHBOARD_GADGET_REFRESH', payload: payload }); });
    } else {
      var f = gadgetFrame(card);
      if (f) f.setAttribute('src', f.getAttribute('src'));
    }
  }
  if (dashboard) {
    var toolbar = document.getElementById('dashboard-toolbar');
    toolbar.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var moduleKey = toolbar.elements.moduleKey && toolbar.elements.moduleKey.value;
      if (!moduleKey) return;
      send('POST', '/rest/api/3/dashboard/' + dashboardId + '/gadget', { moduleKey: moduleKey, position: { column: Number(toolbar.elements.column.value), row: 0 } })
        .then(function () { location.assign(location.pathname); })
        .catch(function (e) { showError(toolbar, e.message); });
    });
    document.getElementById('refresh-dashboard').addEventListener('click', function () {
      var told = false;
      cards().forEach(function (c) {
        if (c.getAttribute('data-mode') !== 'view') return;
        if (c.getAttribute('data-refreshable') === 'false') { if (!told) { told = true; refresh(c, 'dashboard'); } } else refresh(c, 'dashboard');
      });
    });
    cards().forEach(function (card) {
      var id = card.getAttribute('data-gadget-id');
      var r = card.querySelector('.gadget-refresh');
      if (r) r.addEventListener('click', function () { refresh(card, 'gadget'); });
      var rm = card.querySelector('.gadget-remove');
      if (rm) rm.addEventListener('click', function () {
        send('DELETE', '/rest/api/3/dashboard/' + dashboardId + '/gadget/' + id)
          .then(function () { location.assign(location.pathname); })
          .catch(function (e) { showError(toolbar, e.message); });
      });
      var minutes = Number(card.getAttribute('data-refresh-minutes'));
      if (minutes > 0 && card.getAttribute('data-mode') === 'view') setInterval(function () { refresh(card, 'gadget'); }, minutes * 60000);
    });
  }

  // ---- outbox ----
  var clear = document.getElementById('clear-outbox');
  if (clear) clear.addEventListener('click', function () { send('DELETE', '/__local/outbox').then(function () { location.reload(); }); });

  // ---- host clock ----
  function moveClock(form, body) {
    send('POST', '/__local/clock', body).then(function () { location.reload(); }).catch(function (e) { showError(form, e.message); });
  }
  var advance = document.getElementById('clock-advance');
  if (advance) advance.addEventListener('submit', function (ev) { ev.preventDefault(); moveClock(advance, { advanceDays: Number(advance.elements.advanceDays.value) }); });
  var set = document.getElementById('clock-set');
  if (set) set.addEventListener('submit', function (ev) { ev.preventDefault(); moveClock(set, { now: set.elements.now.value + 'Z' }); });
  var reset = document.getElementById('clock-reset');
  if (reset) reset.addEventListener('click', function () { moveClock(set, { reset: true }); });
  var run = document.getElementById('run-schedules');
  if (run) run.addEventListener('click', function () {
    run.disabled = true;
    send('POST', '/__local/scheduled/run', {}).then(function (r) {
      document.getElementById('run-result').textContent = r.ran.length ? 'Ran ' + r.ran.map(function (x) { return x.moduleKey + ' (' + x.outcome + ')'; }).join(', ') : 'Nothing was due.';
      setTimeout(function () { location.reload(); }, 800);
    }).catch(function (e) { document.getElementById('run-result').textContent = e.message; run.disabled = false; });
  });
})();
