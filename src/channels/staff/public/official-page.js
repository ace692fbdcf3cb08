// The official page's import form: the page's address or its pasted HTML/text goes to the staff API,
// which makes a draft; the result (what became entries and updates, what could not be placed) is shown
// as text only: nothing from the page is ever rendered as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('staff-data').textContent);
  var T = data.text;
  var form = document.getElementById('import-form');
  var result = document.getElementById('import-result');
  if (!form || !result) return;
  var urlInput = document.getElementById('import-url');
  var bodyInput = document.getElementById('import-body');
  var button = form.querySelector('button[type="submit"]');

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function show(nodes) {
    result.textContent = '';
    nodes.forEach(function (n) { result.appendChild(n); });
  }
  function list(heading, items) {
    if (!items || items.length === 0) return [];
    var ul = el('ul');
    items.forEach(function (t) { ul.appendChild(el('li', t)); });
    return heading ? [el('h3', heading), ul] : [ul];
  }
  function summary(body) {
    var out = [];
    if (body.entries) {
      out = out.concat(list(T.added, body.entries.added));
      out = out.concat(list(T.matched, (body.entries.matched || []).map(function (m) { return '”' + m.question + '” → ' + m.entry + (m.answerDiffers ? ' (' + T.differs + ')' : ''); })));
    }
    if (body.updates && body.updates.added > 0) out.push(el('p', T.updates + ': ' + body.updates.added));
    out = out.concat(list(T.unplaced, (body.unplaced || []).map(function (u) { return u.reason + ': ”' + u.text + '”'; })));
    var contact = body.contact || {};
    out = out.concat(list(T.contact, Object.keys(contact).map(function (k) { return contact[k].value + ' ← ”' + contact[k].sentence + '”'; })));
    out = out.concat(list(T.personal, (body.personalDataRemoved || []).map(function (p) { return p.where + ': ' + p.kinds.join(', '); })));
    return out;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var url = urlInput.value.trim();
    var pasted = bodyInput.value;
    if (url === '' && pasted.trim() === '') { show([el('p', T.needInput)]); urlInput.focus(); return; }
    var payload;
    if (pasted.trim() !== '') {
      payload = /<(?:html|body|p|div|h[1-6]|details|dl|article|main)[\s>]/i.test(pasted.slice(0, 4096)) ? { html: pasted } : { text: pasted };
      if (url !== '') payload.url = url;
    } else {
      payload = { url: url };
    }
    var headers = { 'content-type': 'application/json' };
    if (data.csrf) headers['x-csrf-token'] = data.csrf;
    button.disabled = true;
    show([el('p', T.working)]);
    fetch('/api/staff/changes/import-page', { method: 'POST', headers: headers, body: JSON.stringify(payload), credentials: 'same-origin' })
      .then(function (res) {
        return res.json().then(function (body) { return { status: res.status, body: body }; });
      })
      .then(function (r) {
        if (r.status === 201) show([el('p', T.created.replace('{id}', String(r.body.id)))].concat(summary(r.body)));
        else if (r.status === 200) show([el('p', T.nothingNew)].concat(summary(r.body)));
        else if (r.body && r.body.problems) show([el('p', T.invalid)].concat(list('', r.body.problems.map(function (p) { return (p.entry ? p.entry + ', ' : '') + (p.field ? p.field + ': ' : '') + p.message; }))).concat(summary(r.body)));
        else show([el('p', T.refused), el('p', r.body && r.body.error ? r.body.error.message : 'HTTP ' + r.status)]);
      })
      .catch(function () { show([el('p', T.failed)]); })
      .then(function () { button.disabled = false; });
  });
})();
