// The editors' forms (an entry, the timeline, the contact details, the out-of-scope questions, the
// synonyms, the welcome): lists of versions, updates and advice grow and shrink; saving sends the whole file as a
// draft (POST /api/staff/changes with the version it started from); the 422's problems are shown at
// their fields (aria-invalid, aria-describedby) and the first of them gets focus.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('staff-data').textContent);
  var T = data.text;
  var form = document.getElementById('editor');
  if (!form) return;
  var kind = form.getAttribute('data-kind');
  var problemsBox = document.getElementById('problems');
  var status = document.getElementById('status');
  var saveButton = document.getElementById('save');
  var titleInput = document.getElementById('f-title');

  function say(message) { status.textContent = ''; window.setTimeout(function () { status.textContent = message; }, 30); }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function idOf(path) { return 'f-' + path.replace(/[^A-Za-z0-9]+/g, '-'); }

  // --- Lists of like items: add, remove, and keep every path and id numbered in order ----------------

  var PATH_ATTRS = ['name', 'data-field', 'data-group', 'data-item'];
  var ID_ATTRS = ['id', 'for', 'aria-describedby', 'data-help'];
  function retag(root, from, to) {
    var fromId = idOf(from);
    var toId = idOf(to);
    var nodes = [root].concat(Array.prototype.slice.call(root.querySelectorAll('*')));
    nodes.forEach(function (node) {
      PATH_ATTRS.forEach(function (a) {
        var v = node.getAttribute(a);
        if (v !== null && (v === from || v.indexOf(from + '.') === 0)) node.setAttribute(a, to + v.slice(from.length));
      });
      ID_ATTRS.forEach(function (a) {
        var v = node.getAttribute(a);
        if (v === null) return;
        node.setAttribute(a, v.split(' ').map(function (t) { return t === fromId || t.indexOf(fromId + '-') === 0 ? toId + t.slice(fromId.length) : t; }).join(' '));
      });
    });
  }
  function itemsOf(list) { return Array.prototype.filter.call(list.children, function (c) { return c.matches('fieldset.item'); }); }
  function renumber(list) {
    var name = list.getAttribute('data-list');
    itemsOf(list).forEach(function (item, i) {
      var from = item.getAttribute('data-item');
      if (from !== name + '.' + i) retag(item, from, name + '.' + i);
      var legend = item.querySelector('legend');
      legend.textContent = legend.getAttribute('data-legend') + ' ' + (i + 1);
    });
  }
  each(form.querySelectorAll('[data-list]'), function (list) {
    var name = list.getAttribute('data-list');
    var template = list.querySelector(':scope > template');
    var add = list.querySelector(':scope > .add-item');
    add.addEventListener('click', function () {
      var item = template.content.firstElementChild.cloneNode(true);
      retag(item, name + '.ITEM', name + '.' + itemsOf(list).length);
      list.insertBefore(item, add);
      renumber(list);
      var first = item.querySelector('input, textarea, select');
      if (first) first.focus();
    });
    list.addEventListener('click', function (event) {
      var button = event.target instanceof Element ? event.target.closest('.remove-item') : null;
      if (!button || button.closest('[data-list]') !== list) return;
      button.closest('fieldset.item').remove();
      renumber(list);
      add.focus();
    });
  });

  // --- One answer, or dated versions --------------------------------------------------------------

  function showMode() {
    var versions = document.getElementById('mode-versions');
    if (!versions) return;
    each([['answer-single', !versions.checked], ['answer-versions', versions.checked]], function (pair) {
      var box = document.getElementById(pair[0]);
      box.disabled = !pair[1];
      box.hidden = !pair[1];
    });
  }
  // Switching to dated versions starts the first version from the answer as it stands, and back.
  function carry(from, to) {
    ['answer.sv', 'answer.en', 'lattlast.sv', 'lattlast.en'].forEach(function (key) {
      var source = document.getElementById(idOf(from + key));
      var target = document.getElementById(idOf(to + key));
      if (source && target && target.value.trim() === '') target.value = source.value;
    });
  }
  each(form.querySelectorAll('input[name="answer-mode"]'), function (radio) {
    radio.addEventListener('change', function () {
      if (radio.value === 'versions' && radio.checked) carry('', 'versions.0.');
      if (radio.value === 'single' && radio.checked) carry('versions.0.', '');
      showMode();
    });
  });

  // --- The file as the form holds it ----------------------------------------------------------------

  function inactive(el) { return el.closest('fieldset[disabled]') !== null; }
  function lines(text) { return text.split('\n').map(function (s) { return s.trim(); }).filter(function (s) { return s !== ''; }); }
  function isEmpty(el) {
    if (el.getAttribute('data-kind') === 'checks') return el.querySelectorAll('input:checked').length === 0;
    return el.value.trim() === '';
  }
  function valueOf(el) {
    switch (el.getAttribute('data-kind')) {
      case 'checks': return Array.prototype.map.call(el.querySelectorAll('input:checked'), function (c) { return c.value; });
      case 'lines': return lines(el.value);
      case 'groups': return lines(el.value).map(function (l) { return l.split(',').map(function (s) { return s.trim(); }).filter(function (s) { return s !== ''; }); });
      case 'bool': return el.value === '' ? undefined : el.value === 'true';
      default: return el.value;
    }
  }
  function setPath(target, path, value) {
    if (value === undefined) return;
    var keys = path.split('.');
    var cur = target;
    for (var i = 0; i < keys.length - 1; i++) {
      if (cur[keys[i]] === undefined || cur[keys[i]] === null) cur[keys[i]] = /^\d+$/.test(keys[i + 1]) ? [] : {};
      cur = cur[keys[i]];
    }
    cur[keys[keys.length - 1]] = value;
  }
  function controls() {
    return Array.prototype.filter.call(form.querySelectorAll('[data-field]'), function (el) { return el !== titleInput && !inactive(el); });
  }
  function collect() {
    var out = {};
    each(form.querySelectorAll('[data-list]'), function (list) {
      if (!inactive(list)) setPath(out, list.getAttribute('data-list'), []);
    });
    var all = controls();
    var filled = {};
    all.forEach(function (el) {
      var group = el.getAttribute('data-group');
      if (group && !isEmpty(el)) filled[group] = true;
    });
    all.forEach(function (el) {
      var group = el.getAttribute('data-group');
      if (group ? !filled[group] : el.getAttribute('data-optional') === 'true' && isEmpty(el)) return;
      setPath(out, el.getAttribute('data-field'), valueOf(el));
    });
    return out;
  }

  // --- Problems at their fields ---------------------------------------------------------------------

  // The corpus rules speak English (they are faq:check's); swedish.js says them in Swedish.
  var S = data.swedish;
  function swedish(problem) { return problem.sv || window.StaffSwedish.problem(problem, S); }
  function find(path) {
    var hit = null;
    controls().forEach(function (el) { if (!hit && el.getAttribute('data-field') === path) hit = el; });
    return hit;
  }
  function controlFor(field) {
    if (!field) return null;
    var parts = field.split('.');
    while (parts.length > 0) {
      var hit = find(parts.join('.'));
      if (hit) return hit;
      parts.pop();
    }
    var below = null;
    controls().forEach(function (el) { if (!below && el.getAttribute('data-field').indexOf(field + '.') === 0) below = el; });
    return below;
  }
  function clearProblems() {
    each(form.querySelectorAll('.field-error'), function (p) { p.remove(); });
    each(form.querySelectorAll('[aria-invalid]'), function (el) {
      el.removeAttribute('aria-invalid');
      var help = el.getAttribute('data-help');
      if (help) el.setAttribute('aria-describedby', help); else el.removeAttribute('aria-describedby');
    });
    problemsBox.textContent = '';
    problemsBox.hidden = true;
  }
  function mark(el, message) {
    var errorId = el.id + '-error';
    var p = document.getElementById(errorId);
    if (p) { p.textContent += ' ' + message; return; }
    p = document.createElement('p');
    p.className = 'field-error';
    p.id = errorId;
    p.textContent = message;
    if (el.matches('fieldset')) el.insertBefore(p, el.querySelector('legend').nextSibling);
    else el.parentNode.insertBefore(p, el);
    if (!el.matches('fieldset')) el.setAttribute('aria-invalid', 'true');
    var help = el.getAttribute('data-help');
    el.setAttribute('aria-describedby', errorId + (help ? ' ' + help : ''));
  }
  function showProblems(problems, file) {
    clearProblems();
    var heading = document.createElement('h2');
    heading.textContent = problems.length === 1 ? T.problemsOne : T.problemsMany.replace('{n}', problems.length);
    var intro = document.createElement('p');
    intro.textContent = T.problemsIntro;
    var list = document.createElement('ul');
    var first = null;
    problems.forEach(function (problem) {
      var mine = !problem.file || problem.file === file;
      var el = mine ? controlFor(problem.field) : null;
      var message = swedish(problem);
      var li = document.createElement('li');
      if (el) {
        mark(el, message);
        // The first in the form, whatever order the problems came in.
        if (!first || (first.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) !== 0) first = el;
        var a = document.createElement('a');
        a.href = '#' + el.id;
        a.textContent = (problem.field ? problem.field + ': ' : '') + message;
        li.appendChild(a);
      } else {
        li.textContent = (problem.file ? problem.file + (problem.field ? ', ' + problem.field : '') + ': ' : '') + message;
      }
      list.appendChild(li);
    });
    problemsBox.appendChild(heading);
    problemsBox.appendChild(intro);
    problemsBox.appendChild(list);
    problemsBox.hidden = false;
    var target = first && first.matches('fieldset') ? first.querySelector('input') || first : first;
    (target || problemsBox).focus();
  }

  // --- Saving ---------------------------------------------------------------------------------------

  function post(body, file) {
    var headers = { 'content-type': 'application/json' };
    if (data.csrf) headers['x-csrf-token'] = data.csrf;
    saveButton.disabled = true;
    say(T.saving);
    return fetch(data.changesUrl, { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin' })
      .then(function (res) { return res.json().then(function (json) { return { status: res.status, json: json }; }, function () { return { status: res.status, json: {} }; }); })
      .then(function (r) {
        saveButton.disabled = false;
        if (r.status === 201) {
          say(T.saved);
          window.location.href = '/staff/drafts/' + r.json.id;
          return;
        }
        if (r.status === 422 && r.json.problems) return showProblems(r.json.problems, file);
        var code = r.json.error && r.json.error.code;
        if (code === 'invalid_request') {
          var field = /Field "([^"]+)"/.exec(r.json.error.message || '');
          return showProblems([{ file: '', field: field ? field[1].replace(/^entries\.0\.|^(timeline|contact|outOfScope|synonyms|welcome)\./, '') : '', code: 'FIELD_INVALID', message: (r.json.error.message || '').replace(/^Field "[^"]*" /, '') }], file);
        }
        say(code && S.errors[code] ? S.errors[code] : T.saveFailed);
      }, function () { saveButton.disabled = false; say(T.saveFailed); });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var content = collect();
    var body = { title: titleInput.value, baseVersion: Number(form.getAttribute('data-base-version')) };
    var key = { entry: 'entries', timeline: 'timeline', contact: 'contact', outOfScope: 'outOfScope', synonyms: 'synonyms', welcome: 'welcome' }[kind];
    body[key] = kind === 'entry' ? [content] : content;
    var file = kind === 'entry' ? 'entries/' + (content.id || '') + '.yaml' : form.getAttribute('data-file');
    if (kind === 'entry' && (data.takenIds || []).indexOf(content.id) !== -1) {
      showProblems([{ file: '', field: 'id', sv: T.idTaken }], file);
      return;
    }
    post(body, file);
  });

  var removeEntry = document.getElementById('remove-entry');
  if (removeEntry) {
    removeEntry.addEventListener('click', function () {
      post({ title: removeEntry.getAttribute('data-title'), baseVersion: Number(form.getAttribute('data-base-version')), remove: [removeEntry.getAttribute('data-id')] }, form.getAttribute('data-file'));
    });
  }

  // --- A new entry from the review: the group's questions as its phrasings --------------------------

  if (kind === 'entry' && /[?&]from=review\b/.test(window.location.search)) {
    var handed = null;
    try { handed = JSON.parse(window.sessionStorage.getItem('staff-new-entry') || 'null'); window.sessionStorage.removeItem('staff-new-entry'); } catch (e) { handed = null; }
    if (handed && (handed.lang === 'sv' || handed.lang === 'en') && Array.isArray(handed.phrasings)) {
      document.getElementById('f-phrasings-' + handed.lang).value = handed.phrasings.join('\n');
      var note = document.getElementById('from-review');
      if (note) note.hidden = false;
      document.getElementById('f-id').focus();
    }
  }
})();
