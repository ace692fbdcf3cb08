// Says the staff API's refusals and rule problems in Swedish for the editors' pages. The API's `message`
// is English (for scripts and faq:check); the words and patterns come from the page's data (`swedish`,
// EDITOR_SWEDISH in editor-text.ts). Loaded before the page's own script, which calls
// window.StaffSwedish.problem(problem, S) and window.StaffSwedish.refusal(json, S).
(function () {
  'use strict';
  var compiled = null;
  function compile(S) {
    if (compiled && compiled.S === S) return compiled;
    compiled = {
      S: S,
      strip: S.strip.map(function (src) { return new RegExp(src); }),
      rules: S.rules.map(function (rule) { return [new RegExp('^(?:' + rule[0] + ')$'), rule[1]]; }),
    };
    return compiled;
  }
  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  /** An English message as the Swedish sentence of the rule matching all of it, or null. */
  function ruled(message, c) {
    var text = String(message);
    c.strip.forEach(function (re) { text = text.replace(re, ''); });
    text = text.trim();
    for (var i = 0; i < c.rules.length; i++) {
      if (c.rules[i][0].test(text)) return capital(text.replace(c.rules[i][0], c.rules[i][1]));
    }
    return null;
  }

  /** One problem ({ code, field, message }) as a Swedish sentence: a rule's, else its code's. */
  function problem(p, S) {
    return ruled((p && p.message) || '', compile(S)) || (p && p.code && S.codes[p.code]) || S.codes.other;
  }

  /** A refusal's body in Swedish: its problems when it names any, else what its code means. */
  function refusal(json, S) {
    var problems = json && Array.isArray(json.problems) ? json.problems : [];
    if (problems.length > 0) return problems.map(function (p) { return problem(p, S); }).join(' ');
    var code = json && json.error && json.error.code;
    var said = json && json.error && typeof json.error.message === 'string' ? ruled(json.error.message, compile(S)) : null;
    return said || (code && S.errors[code]) || S.errors.failed;
  }

  window.StaffSwedish = { problem: problem, refusal: refusal };
})();
