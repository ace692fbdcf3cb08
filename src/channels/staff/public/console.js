// The agents' console: search as you type over the vetted answers, keyboard first (type, arrows, Enter
// copies), copy with the source line as plain text and HTML, and the bot's decision for a resident's words.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('staff-data').textContent);
  var T = data.text;
  var input = document.getElementById('q');
  var list = document.getElementById('results');
  var decision = document.getElementById('decision');
  var panel = document.getElementById('answer');
  var status = document.getElementById('status');
  var copyButton = document.getElementById('copy');
  var results = [];
  var active = -1;
  var shown = null;
  var timer = null;
  var sequence = 0;
  var REASONS = { 'low-confidence': 'osäker', 'not-covered': 'om händelsen, men inget granskat svar', 'off-topic': 'utanför ämnet', human: 'invånaren bad om en person', gibberish: 'obegriplig text', empty: 'ingen fråga' };

  function post(url, body) {
    var headers = { 'content-type': 'application/json' };
    if (data.csrf) headers['x-csrf-token'] = data.csrf;
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }
  function percent(n) { return Math.round(n * 100) + ' %'; }
  function say(text) { status.textContent = ''; window.setTimeout(function () { status.textContent = text; }, 30); }
  function reviewed(e) { return e.lastReviewed ? ' · Senast granskad: ' + e.lastReviewed : ''; }
  function sourceLine(e) { return 'Källa: ' + e.sourceTitle + ', ' + e.sourceUrl + reviewed(e); }
  function escapeHtml(s) { return s.replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }

  function fromResult(r) {
    return { id: r.id, question: r.question, answer: r.answer.trim(), sourceTitle: r.source.title, sourceUrl: r.source.url, lastReviewed: r.lastReviewed || null };
  }

  function showAnswer(entry) {
    shown = entry;
    if (!entry) { panel.hidden = true; return; }
    document.getElementById('answer-question').textContent = entry.question;
    document.getElementById('answer-text').textContent = entry.answer;
    document.getElementById('answer-source').textContent = sourceLine(entry);
    panel.hidden = false;
  }

  function select(index) {
    active = index;
    var items = list.querySelectorAll('[role="option"]');
    for (var i = 0; i < items.length; i++) items[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
    var item = items[index];
    if (item) {
      input.setAttribute('aria-activedescendant', item.id);
      item.scrollIntoView({ block: 'nearest' });
      showAnswer(fromResult(results[index]));
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function clear() {
    results = [];
    list.textContent = '';
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    decision.textContent = '';
    active = -1;
  }

  function render(body) {
    results = body.results;
    list.textContent = '';
    results.forEach(function (r, i) {
      var li = document.createElement('li');
      li.id = 'result-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = r.question;
      var meta = document.createElement('span');
      meta.className = 'result__meta';
      meta.textContent = r.id + ' · ' + percent(r.score);
      li.appendChild(meta);
      li.addEventListener('mousedown', function (event) { event.preventDefault(); });
      li.addEventListener('click', function () { select(i); input.focus(); });
      list.appendChild(li);
    });
    var top = results[0];
    if (body.decision === 'answer' && top) decision.textContent = T.decisions.answer + ' ”' + top.question + '” (' + T.confidence + ' ' + percent(body.confidence) + ')';
    else if (body.decision === 'clarify') decision.textContent = T.decisions.clarify + ' ' + Math.min(3, results.length) + ' alternativ (' + T.confidence + ' ' + percent(body.confidence) + ')';
    else decision.textContent = T.decisions.escalate + (body.escalation ? ' (' + (REASONS[body.escalation.reason] || body.escalation.reason) + ')' : '') + '. ' + (results.length ? '' : T.noResults);
    list.hidden = results.length === 0;
    input.setAttribute('aria-expanded', results.length ? 'true' : 'false');
    select(results.length ? 0 : -1);
    if (!results.length) showAnswer(null);
  }

  function search() {
    var q = input.value.trim();
    var mine = ++sequence;
    if (!q) { clear(); return; }
    post(data.searchUrl, { q: q, limit: 8 }).then(function (body) {
      if (mine === sequence) render(body);
    }, function () {
      if (mine === sequence) say(T.searchFailed);
    });
  }

  function copy(entry) {
    if (!entry) return;
    var plain = entry.answer + '\n\n' + sourceLine(entry);
    var html = entry.answer.split(/\n{2,}/).map(function (p) { return '<p>' + escapeHtml(p).replace(/\n/g, '<br>') + '</p>'; }).join('') +
      '<p>Källa: <a href="' + escapeHtml(entry.sourceUrl) + '">' + escapeHtml(entry.sourceTitle) + '</a>' + escapeHtml(reviewed(entry)) + '</p>';
    var done = function () { say(T.copied + entry.question); };
    var failed = function () { say(T.copyFailed); };
    if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      var item = new window.ClipboardItem({ 'text/plain': new Blob([plain], { type: 'text/plain' }), 'text/html': new Blob([html], { type: 'text/html' }) });
      navigator.clipboard.write([item]).then(done, function () {
        navigator.clipboard.writeText(plain).then(done, failed);
      });
    } else if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(plain).then(done, failed);
    } else {
      failed();
    }
  }

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 150);
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' && results.length) {
      event.preventDefault();
      select(Math.min(results.length - 1, active + 1));
    } else if (event.key === 'ArrowUp' && results.length) {
      event.preventDefault();
      select(Math.max(0, active - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      copy(results[active] ? fromResult(results[active]) : shown);
    } else if (event.key === 'Escape') {
      input.value = '';
      clear();
      showAnswer(null);
    }
  });
  copyButton.addEventListener('click', function () { copy(shown); });

  var buttons = document.querySelectorAll('.show-entry');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', function (event) {
      var entry = data.entries[event.currentTarget.getAttribute('data-entry-id')];
      if (!entry) return;
      clear();
      showAnswer(entry);
      copyButton.focus();
    });
  }

  var form = document.getElementById('preview-form');
  var textArea = document.getElementById('preview-text');
  var out = document.getElementById('preview-result');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = textArea.value.trim();
    if (!text) return;
    post(data.previewUrl, { text: text }).then(function (p) {
      out.textContent = '';
      var head = document.createElement('p');
      head.className = 'decision';
      if (p.decision === 'small-talk') head.textContent = T.decisions['small-talk'] + ' (' + p.intent + ').';
      else if (p.decision === 'answer') head.textContent = T.decisions.answer + ' ”' + p.entry.question + '” (' + p.entry.id + ', ' + T.confidence + ' ' + percent(p.confidence) + ').';
      else if (p.decision === 'clarify') head.textContent = T.decisions.clarify + ' ' + p.options.length + ' alternativ (' + T.confidence + ' ' + percent(p.confidence) + '):';
      else head.textContent = T.decisions.escalate + ' (' + (REASONS[p.reason] || p.reason) + ', ' + T.confidence + ' ' + percent(p.confidence) + ').';
      out.appendChild(head);
      var shownList = p.decision === 'clarify' ? p.options : p.candidates || [];
      if (shownList.length) {
        var ol = document.createElement('ol');
        shownList.forEach(function (c) {
          var li = document.createElement('li');
          li.textContent = c.question + ' (' + c.id + ', ' + percent(c.confidence) + ')';
          ol.appendChild(li);
        });
        out.appendChild(ol);
      }
    }, function () { out.textContent = T.searchFailed; });
  });
})();
