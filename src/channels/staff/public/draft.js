// A draft: the test pane asks the draft and the published corpus; the impact preview lists the questions
// whose decision or answer would change; publishing shows four eyes (403) and a conflict (409) clearly,
// and facts the official page does not state (409 facts_unconfirmed) in a warning the publisher ticks to
// publish anyway.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('staff-data').textContent);
  var T = data.text;
  var outcome = document.getElementById('outcome');
  // The API's messages are English; every refusal shown here is said in Swedish (swedish.js).
  function refusal(json) { return window.StaffSwedish.refusal(json, data.swedish); }
  // The loader's warnings of the draft (the page says each by its code): in Swedish, whole.
  Array.prototype.forEach.call(document.querySelectorAll('#warnings .warning-text[data-message]'), function (el) {
    el.textContent = window.StaffSwedish.problem({ code: el.getAttribute('data-code'), message: el.getAttribute('data-message') }, data.swedish);
  });

  function request(method, url, body) {
    var headers = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (data.csrf && method !== 'GET') headers['x-csrf-token'] = data.csrf;
    var init = { method: method, headers: headers, credentials: 'same-origin' };
    if (body !== undefined) init.body = JSON.stringify(body);
    return fetch(url, init).then(function (res) {
      return res.json().then(function (json) { return { status: res.status, json: json }; }, function () { return { status: res.status, json: {} }; });
    });
  }
  function tell(text, kind) {
    outcome.textContent = text;
    outcome.className = 'outcome' + (kind ? ' outcome--' + kind : '');
    outcome.focus();
  }
  function percent(n) { return Math.round(n * 100) + ' %'; }
  function decision(d) {
    if (!d) return '–';
    if (d.decision === 'small-talk') return T.decisions['small-talk'];
    var who = d.entry ? ' ”' + d.entry.question + '” (' + d.entry.id + ')' : d.id ? ' ' + d.id : '';
    return (T.decisions[d.decision] || d.decision) + (d.decision === 'answer' ? who : '') + (typeof d.confidence === 'number' ? ', ' + percent(d.confidence) : '');
  }
  function cell(row, tag, text) {
    var c = document.createElement(tag);
    if (tag === 'th') c.scope = 'col';
    c.textContent = text;
    row.appendChild(c);
  }

  var testForm = document.getElementById('test-form');
  if (testForm) {
    var testText = document.getElementById('test-text');
    var testResult = document.getElementById('test-result');
    testForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = testText.value.trim();
      if (!text) return;
      request('POST', data.askUrl, { text: text }).then(function (r) {
        testResult.textContent = '';
        if (r.status !== 200) { testResult.textContent = refusal(r.json); return; }
        var dl = document.createElement('dl');
        [[T.testDraft, r.json.draft], [T.testPublished, r.json.published]].forEach(function (pair) {
          var dt = document.createElement('dt');
          dt.textContent = pair[0];
          var dd = document.createElement('dd');
          dd.textContent = decision(pair[1]);
          dl.appendChild(dt);
          dl.appendChild(dd);
        });
        testResult.appendChild(dl);
      }, function () { testResult.textContent = T.failed; });
    });
  }

  var impactButton = document.getElementById('impact');
  if (impactButton) {
    var impactResult = document.getElementById('impact-result');
    impactButton.addEventListener('click', function () {
      impactButton.disabled = true;
      impactResult.textContent = T.impactRunning;
      request('GET', data.impactUrl).then(function (r) {
        impactButton.disabled = false;
        impactResult.textContent = '';
        if (r.status !== 200) { impactResult.textContent = refusal(r.json); return; }
        var summary = document.createElement('p');
        summary.textContent = (r.json.changed.length === 0 ? T.impactNone : T.impactSome).replace('{asked}', r.json.asked).replace('{changed}', r.json.changed.length);
        impactResult.appendChild(summary);
        if (r.json.changed.length === 0) return;
        var table = document.createElement('table');
        var caption = document.createElement('caption');
        caption.textContent = summary.textContent;
        table.appendChild(caption);
        var head = document.createElement('thead');
        var hr = document.createElement('tr');
        var c = T.impactColumns;
        [c.text, c.source, c.before, c.after].forEach(function (h) { cell(hr, 'th', h); });
        head.appendChild(hr);
        table.appendChild(head);
        var body = document.createElement('tbody');
        r.json.changed.forEach(function (x) {
          var tr = document.createElement('tr');
          cell(tr, 'td', x.text);
          cell(tr, 'td', x.source === 'golden' ? 'testfråga' : 'invånare');
          cell(tr, 'td', decision(x.before));
          cell(tr, 'td', decision(x.after) + (x.answerChanged ? ' (nytt svar)' : ''));
          body.appendChild(tr);
        });
        table.appendChild(body);
        impactResult.appendChild(table);
      }, function () { impactButton.disabled = false; impactResult.textContent = T.failed; });
    });
  }

  var publish = document.getElementById('publish');
  var factsWarning = document.getElementById('facts-warning');
  var factsList = document.getElementById('facts-list');
  var factsAck = document.getElementById('facts-ack');
  var factsError = document.getElementById('facts-error');
  var publishAnyway = document.getElementById('publish-anyway');
  // Where a fact stands, as the facts check names it, in Swedish (as on the official-page page).
  function whereSv(where) {
    var m = /^entry "(.+)"$/.exec(where);
    if (m) return 'posten ”' + m[1] + '”';
    if (where === 'contact center') return 'kontaktuppgifterna';
    m = /^timeline update (\d+) \((.+)\)$/.exec(where);
    if (m) return 'uppdatering ' + m[1] + ' (' + m[2] + ') i tidslinjen';
    m = /^welcome (\w+) \((sv|en)\)$/.exec(where);
    if (m) return ({ greeting: 'hälsningen', topic: 'ämnet', organisation: 'kommunens namn' }[m[1]] || m[1]) + ' i välkomsten (' + m[2] + ')';
    return String(where);
  }
  // The facts the page does not state, each with its entry and field, as text; focus goes to the warning.
  function warnFacts(facts) {
    factsList.textContent = '';
    facts.forEach(function (f) {
      var li = document.createElement('li');
      li.textContent = whereSv(f.where) + ', fältet ' + f.field + ': ' + (T.factKinds[f.kind] || f.kind) + ' ”' + f.fact + '”';
      if (f.context) {
        var context = document.createElement('span');
        context.className = 'help';
        context.textContent = '”' + f.context + '”';
        li.appendChild(document.createElement('br'));
        li.appendChild(context);
      }
      factsList.appendChild(li);
    });
    factsAck.checked = false;
    factsError.hidden = true;
    factsError.textContent = '';
    factsWarning.hidden = false;
    factsWarning.focus();
  }
  function published(r) {
    var code = r.json.error && r.json.error.code;
    if (r.status === 200) {
      if (factsWarning) factsWarning.hidden = true;
      tell(T.published.replace('{v}', r.json.version), 'ok');
      return;
    }
    publish.disabled = false;
    if (publishAnyway) publishAnyway.disabled = false;
    if (code === 'four_eyes') tell(T.fourEyes, 'refused');
    else if (code === 'forbidden') tell(T.forbidden, 'refused');
    else if (code === 'csrf') tell(T.csrf, 'refused');
    else if (code === 'conflict') {
      // The page shows both sides of a conflict: load it again with the conflict in view.
      window.location.replace(window.location.pathname + '?konflikt=1#konflikt');
    } else if (code === 'invalid_change') tell(T.invalid + ' ' + (r.json.problems || []).map(function (p) { return window.StaffSwedish.problem(p, data.swedish); }).join(' '), 'refused');
    else if (code === 'not_draft') tell(T.notDraft, 'refused');
    else if (code === 'files_mode') tell(T.filesMode, 'refused');
    else if (code === 'store_unavailable') tell(T.unavailable, 'refused');
    else if (code === 'facts_unconfirmed' && factsWarning && Array.isArray(r.json.error.facts)) {
      tell(refusal(r.json), 'refused');
      warnFacts(r.json.error.facts);
    } else tell(refusal(r.json), 'refused');
  }
  function failedToPublish() {
    publish.disabled = false;
    if (publishAnyway) publishAnyway.disabled = false;
    tell(T.failed, 'refused');
  }
  if (publish) {
    publish.addEventListener('click', function () {
      publish.disabled = true;
      request('POST', data.publishUrl).then(published, failedToPublish);
    });
  }
  // The second publish carries the acknowledgement, and only once the box is ticked.
  if (publish && publishAnyway) {
    publishAnyway.addEventListener('click', function () {
      if (!factsAck.checked) {
        factsError.textContent = T.factsNotAcknowledged;
        factsError.hidden = false;
        factsAck.focus();
        return;
      }
      factsError.hidden = true;
      publish.disabled = true;
      publishAnyway.disabled = true;
      request('POST', data.publishUrl, { acknowledgeFacts: true }).then(published, failedToPublish);
    });
    factsAck.addEventListener('change', function () { if (factsAck.checked) factsError.hidden = true; });
  }

  // Withdrawing asks first, in a modal dialog (Esc or "Avbryt" cancels; focus returns to the button).
  var withdraw = document.getElementById('withdraw');
  var dialog = document.getElementById('withdraw-dialog');
  if (withdraw && dialog && typeof dialog.showModal === 'function') {
    withdraw.addEventListener('click', function () { dialog.returnValue = ''; dialog.showModal(); });
    dialog.addEventListener('close', function () {
      if (dialog.returnValue !== 'confirm') { withdraw.focus(); return; }
      withdraw.disabled = true;
      request('POST', data.withdrawUrl).then(function (r) {
        if (r.status === 200) { window.location.replace(window.location.pathname + '?aterkallat=1'); return; }
        withdraw.disabled = false;
        var code = r.json.error && r.json.error.code;
        tell(code === 'forbidden' ? T.withdrawForbidden : refusal(r.json), 'refused');
      }, function () { withdraw.disabled = false; tell(T.failed, 'refused'); });
    });
  }
  if (/[?&]aterkallat=1\b/.test(window.location.search)) tell(T.withdrawn, 'ok');

  if (/[?&]konflikt=1\b/.test(window.location.search)) {
    var conflict = document.getElementById('konflikt');
    if (conflict) { tell(T.conflict, 'refused'); conflict.focus(); }
  }
})();
