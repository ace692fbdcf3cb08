// The editors' review: a group of residents' questions becomes a draft (a phrasing of the entry the
// engine leans to, or an out-of-scope question), or opens the entry editor as a new entry with the
// group's questions as its phrasings.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('staff-data').textContent);
  var T = data.text;
  var status = document.getElementById('status');
  function say(message) { status.textContent = ''; window.setTimeout(function () { status.textContent = message; }, 30); }

  function draft(button) {
    var index = Number(button.getAttribute('data-group'));
    var group = data.groups[index];
    var outcome = document.getElementById('outcome-' + index);
    if (!group) return;
    var body = { action: button.getAttribute('data-action'), text: group.text, lang: group.lang };
    if (body.action === 'phrasing') body.entry = button.getAttribute('data-entry');
    var headers = { 'content-type': 'application/json' };
    if (data.csrf) headers['x-csrf-token'] = data.csrf;
    button.disabled = true;
    fetch(data.draftUrl, { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin' })
      .then(function (res) { return res.json().then(function (json) { return { status: res.status, json: json }; }, function () { return { status: res.status, json: {} }; }); })
      .then(function (r) {
        outcome.textContent = '';
        if (r.status === 201) {
          var message = T.created.replace('{id}', r.json.id);
          var link = document.createElement('a');
          link.href = '/staff/drafts/' + r.json.id;
          link.textContent = T.open + ' ' + r.json.id;
          outcome.appendChild(document.createTextNode(message + ' '));
          outcome.appendChild(link);
          say(message);
          link.focus();
          return;
        }
        button.disabled = false;
        // The API's messages are English; the refusal and its problems are said in Swedish (swedish.js).
        var text = window.StaffSwedish.refusal(r.json, data.swedish);
        outcome.textContent = text;
        say(text);
      }, function () { button.disabled = false; say(T.failed); });
  }

  function newEntry(button) {
    var group = data.groups[Number(button.getAttribute('data-group'))];
    if (!group) return;
    // Handed to the editor through this tab's storage: residents' words never travel in a URL.
    try { window.sessionStorage.setItem('staff-new-entry', JSON.stringify({ lang: group.lang, phrasings: group.phrasings })); } catch (e) { /* the editor opens empty */ }
    window.location.href = '/staff/entries/new?from=review';
  }

  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('button') : null;
    if (!target) return;
    if (target.classList.contains('review-draft')) draft(target);
    else if (target.classList.contains('new-entry')) newEntry(target);
  });
})();
