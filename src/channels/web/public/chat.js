// Starts Web Chat on the page. The self-hosted transport below is a small DirectLine-compatible object:
// Web Chat needs activity$ (multicast), connectionStatus$ (replaying, 0 → 1 → 2) and postActivity().
// Around it: the input's length limit and counter, the notices the page shows itself (in the language of
// the conversation), the typing indicator, used card buttons, and keeping the latest reply in view.
(function () {
  'use strict';

  var configElement = document.getElementById('chat-config');
  var host = document.getElementById('webchat');
  if (!configElement || !host) return;
  var config = JSON.parse(configElement.textContent || '{}');
  var chatSection = document.getElementById('chat');
  var alertBox = document.getElementById('chat-alert');
  var counter = document.getElementById('chat-counter');
  var limitHint = document.getElementById('chat-input-limit');

  // ---- The page around the chat ---------------------------------------------------------------------------

  // On a large screen the status line and the privacy notice are opened (a small screen keeps them to
  // one line each; the resident opens them). Only at load: a resident's own choice is never undone.
  if (window.matchMedia && window.matchMedia('(min-width: 48rem) and (min-height: 40rem)').matches) {
    Array.prototype.forEach.call(document.querySelectorAll('details.fold'), function (d) { d.open = true; });
  }

  // The status line and the contact details follow the corpus: a reply (or, with Direct Line, a request
  // after one) carries the current PageState when the page shows an older one.
  var pageState = config.state;
  function setText(selector, text) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (el) { el.textContent = text; });
  }
  function applyPageState(state) {
    if (!state || typeof state.version !== 'string' || state.version === pageState.version) return;
    pageState = state;
    var box = document.getElementById('chat-status-box');
    if (box) {
      if (state.status) {
        setText('[data-status="label"]', state.status.label);
        setText('[data-status="date"]', state.status.date);
        setText('[data-status="text"]', state.status.text);
        Array.prototype.forEach.call(box.querySelectorAll('time'), function (t) { t.setAttribute('datetime', state.status.datetime); });
        box.hidden = false;
      } else {
        box.hidden = true;
      }
    }
    var c = state.contact;
    Array.prototype.forEach.call(document.querySelectorAll('[data-contact="phone"]'), function (a) { a.textContent = c.phone; a.setAttribute('href', 'tel:' + c.tel); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-contact="email"]'), function (a) { a.textContent = c.email; a.setAttribute('href', 'mailto:' + c.email); });
    setText('[data-contact="hours"]', c.hours);
    setText('[data-contact="address"]', c.address);
    setText('.site-footer h2', c.name);
    config.notices = state.notices;
  }
  var stateRequest = null;
  function refreshPageState() {
    if (stateRequest) return;
    stateRequest = fetch(config.stateUrl + '?v=' + encodeURIComponent(pageState.version), { credentials: 'same-origin' })
      .then(function (response) { return response.status === 200 ? response.json() : null; })
      .then(applyPageState, function () {})
      .then(function () { stateRequest = null; });
  }
  // Also without a reply: when the resident comes back to the tab, and every few minutes while it shows.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') refreshPageState();
  });
  window.setInterval(function () {
    if (document.visibilityState === 'visible') refreshPageState();
  }, 180000);

  // The conversation's language: that of the bot's last reply (the bot answers in the resident's).
  var lang = 'sv';
  function notices() {
    return config.notices[lang] || config.notices.sv;
  }
  // Fills "{name}" placeholders; the server's i18n already filled "{{…}}".
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  if (!window.WebChat) {
    host.textContent = notices().failed;
    return;
  }

  // ---- The page's own status line (role="alert" next to the input) -----------------------------------

  var alertKind = '';
  function showAlert(kind, text) {
    alertKind = kind;
    // Emptied first so a repeated message is announced again.
    alertBox.textContent = '';
    window.setTimeout(function () { alertBox.textContent = text; }, 30);
  }
  function clearAlert(kind) {
    if (kind && alertKind !== kind) return;
    alertKind = '';
    alertBox.textContent = '';
  }

  // ---- When the server asks us to wait ------------------------------------------------------------------

  var heldUntil = 0;
  function waitText(seconds) {
    var n = notices();
    if (seconds < 60) return seconds === 1 ? n.waitSecond : fill(n.waitSeconds, { n: seconds });
    var minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? n.waitMinute : fill(n.waitMinutes, { n: minutes });
  }
  function clockText(date) {
    var pad = function (v) { return ('0' + v).slice(-2); };
    return fill(notices().time, { hour: pad(date.getHours()), minute: pad(date.getMinutes()) });
  }
  function waitNotice(kind) {
    var seconds = Math.max(1, Math.ceil((heldUntil - Date.now()) / 1000));
    return fill(notices()[kind], { wait: waitText(seconds), time: clockText(new Date(heldUntil)) });
  }
  // The server's Retry-After: the JSON body's retryAfterSeconds, else the header, else a minute.
  function retryAfterSeconds(result) {
    var fromBody = result.json && result.json.error && result.json.error.retryAfterSeconds;
    if (typeof fromBody === 'number' && isFinite(fromBody) && fromBody > 0) return Math.ceil(fromBody);
    var fromHeader = Number(result.retryAfter);
    if (isFinite(fromHeader) && fromHeader > 0) return Math.ceil(fromHeader);
    return 60;
  }

  // ---- Keeping the input and the latest reply in view ---------------------------------------------------

  var inputSelector = '[data-id="webchat-sendbox-input"]';
  function ensureChatVisible() {
    // Twice: once for Web Chat to render the reply, once for its scroll-to-bottom to settle.
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(function () {
        var rect = chatSection.getBoundingClientRect();
        if (rect.bottom > window.innerHeight || rect.top < 0) chatSection.scrollIntoView({ block: 'end' });
      });
    });
  }

  // The welcome is long on a phone: Web Chat would show its end (it snaps only to messages after one that
  // was read), so the transcript is taken back to its start once, unless the resident has begun.
  var welcomed = false;
  var residentBegan = false;
  function showWelcomeStart() {
    if (welcomed) return;
    welcomed = true;
    var tries = 0;
    (function toTop() {
      var scrollable = host.querySelector('.webchat__basic-transcript__scrollable');
      if (residentBegan) return;
      if (scrollable && scrollable.scrollHeight > scrollable.clientHeight) scrollable.scrollTop = 0;
      // Web Chat's own scrolling runs for a few frames after the welcome renders.
      if (++tries < 30) window.requestAnimationFrame(toTop);
    })();
  }

  // Web Chat formats the time it reads out ("Skickat 7 december 12:38 fm") with a 12-hour pattern it
  // cannot be told to change. Swedish uses the 24-hour clock: such times in its status texts are
  // rewritten in place ("klockan 00.38"), again whenever Web Chat renders them anew.
  var twelveHour = /(\d{1,2}):(\d{2})\s?(fm|em)\b/g;
  function to24Hour(match, hour, minute, half) {
    var h = Number(hour) % 12 + (half === 'em' ? 12 : 0);
    return 'klockan ' + ('0' + h).slice(-2) + '.' + minute;
  }
  function fixTimes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      // Only Web Chat's own texts: an answer's words are the corpus's, never rewritten.
      if (twelveHour.test(node.data) && !(node.parentElement && node.parentElement.closest('.webchat__bubble__content'))) {
        node.data = node.data.replace(twelveHour, to24Hour);
      }
      twelveHour.lastIndex = 0;
    }
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === 'characterData' && record.target.parentNode) fixTimes(record.target.parentNode);
      else Array.prototype.forEach.call(record.addedNodes, function (added) { fixTimes(added.nodeType === 1 ? added : added.parentNode || host); });
    });
  }).observe(host, { childList: true, subtree: true, characterData: true });

  // The input is Web Chat's; say what it takes and tie it to the limit shown below it.
  function describeInput() {
    var input = host.querySelector(inputSelector);
    if (input && input.getAttribute('aria-describedby') !== limitHint.id) input.setAttribute('aria-describedby', limitHint.id);
  }
  // A card of a few short buttons ("Hjälpte svaret? Ja / Nej") puts them side by side, so it takes one
  // row under the answer instead of pushing the next message down; long choices stay stacked.
  function compactCards() {
    Array.prototype.forEach.call(host.querySelectorAll('.ac-adaptiveCard:not([data-compact])'), function (card) {
      var buttons = card.querySelectorAll('.ac-pushButton');
      var short = buttons.length > 0 && buttons.length <= 3 && Array.prototype.every.call(buttons, function (b) { return (b.textContent || '').trim().length <= 12; });
      card.setAttribute('data-compact', short ? 'true' : 'false');
    });
  }
  new MutationObserver(function () {
    describeInput();
    compactCards();
  }).observe(host, { childList: true, subtree: true });

  function updateCounter(length) {
    counter.textContent = length + '/' + config.maxLength;
    counter.classList.toggle('chat__counter--near', length >= config.maxLength * 0.9);
  }

  // ---- Card buttons that were used ------------------------------------------------------------------------

  // A "Hjälpte svaret? Ja / Nej" or "Menar du …?" card answers once: after a click its buttons are marked
  // used (aria-disabled, so keyboard focus stays put) and further clicks are ignored with a short note.
  // Web Chat does not tell the card action middleware which button was pressed, so a click listener
  // (capture phase, before Adaptive Cards' own) notes it, and stops clicks on a used card.
  var pressed = null;
  host.addEventListener(
    'click',
    function (event) {
      var button = event.target && typeof event.target.closest === 'function' ? event.target.closest('.ac-adaptiveCard button') : null;
      pressed = button;
      var card = button && button.closest('.ac-adaptiveCard');
      if (card && card.getAttribute('data-used') === 'true') {
        event.stopPropagation();
        event.preventDefault();
        pressed = null;
        showAlert('card', notices().cardUsed);
      }
    },
    true
  );
  function markUsed(card, chosen) {
    card.setAttribute('data-used', 'true');
    Array.prototype.forEach.call(card.querySelectorAll('button'), function (b) {
      b.setAttribute('aria-disabled', 'true');
      if (b === chosen) b.classList.add('chat__card-choice');
    });
    var title = chosen.getAttribute('title') || chosen.textContent || '';
    var note = document.createElement('p');
    note.className = 'chat__card-note';
    note.textContent = fill(notices().cardChosen, { choice: title.trim() });
    card.appendChild(note);
  }
  var cardActionMiddleware = function () {
    return function (next) {
      return function (args) {
        var action = args && args.cardAction;
        var button = pressed;
        pressed = null;
        // Only buttons that answer the bot are used up; a tel: or mailto: button can be pressed again.
        var answers = action && (action.type === 'messageBack' || action.type === 'imBack' || action.type === 'postBack');
        if (button && answers) markUsed(button.closest('.ac-adaptiveCard'), button);
        return next(args);
      };
    };
  };

  // ---- Web Chat's store: the length limit and the conversation's language ----------------------------

  function refuseLength(length) {
    var n = notices();
    var typedOne = length === config.maxLength + 1;
    showAlert('length', fill(typedOne ? n.inputLimitReached : n.inputTooLong, { max: config.maxLength, length: length }));
  }
  var store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action.type === 'WEB_CHAT/SET_SEND_BOX') {
          var text = action.payload && typeof action.payload.text === 'string' ? action.payload.text : '';
          // Refused whole, never cut: a pasted text that is too long stays out of the input.
          if (text.length > config.maxLength) {
            refuseLength(text.length);
            return undefined;
          }
          updateCounter(text.length);
          clearAlert('length');
        } else if (action.type === 'DIRECT_LINE/POST_ACTIVITY') {
          var posted = action.payload && action.payload.activity;
          if (posted && typeof posted.text === 'string' && posted.text.length > config.maxLength) {
            refuseLength(posted.text.length);
            return undefined;
          }
          clearAlert('card');
          residentBegan = true;
        } else if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
          var activity = action.payload && action.payload.activity;
          if (activity && activity.from && activity.from.role === 'bot' && activity.type === 'message') {
            if (typeof activity.locale === 'string' && activity.locale !== '') lang = activity.locale.slice(0, 2) === 'en' ? 'en' : 'sv';
            ensureChatVisible();
            showWelcomeStart();
            if (config.transport.kind === 'direct-line') refreshPageState();
          }
        }
        return next(action);
      };
    };
  });

  // ---- The self-hosted transport --------------------------------------------------------------------------

  // A minimal multicast observable; with `replay` new subscribers get the current value first, like
  // rxjs' BehaviorSubject that DirectLineJS uses.
  function createSubject(replay) {
    var observers = [];
    var hasValue = false;
    var current;
    function normalize(observerOrNext, error, complete) {
      if (typeof observerOrNext === 'function') return { next: observerOrNext, error: error, complete: complete };
      return observerOrNext || {};
    }
    var observable = {
      subscribe: function (observerOrNext, error, complete) {
        var observer = normalize(observerOrNext, error, complete);
        observers.push(observer);
        var subscription = {
          closed: false,
          unsubscribe: function () {
            subscription.closed = true;
            observers = observers.filter(function (o) { return o !== observer; });
          },
        };
        if (replay && hasValue && observer.next) observer.next(current);
        return subscription;
      },
    };
    return {
      observable: observable,
      next: function (value) {
        if (replay) {
          hasValue = true;
          current = value;
        }
        observers.slice().forEach(function (o) { if (o.next) o.next(value); });
      },
    };
  }

  // A cold observable of one value from a promise, started once however often it is subscribed.
  function fromPromiseOnce(start) {
    var promise;
    return {
      subscribe: function (observerOrNext, error, complete) {
        var observer = typeof observerOrNext === 'function' ? { next: observerOrNext, error: error, complete: complete } : observerOrNext || {};
        var closed = false;
        promise = promise || start();
        promise.then(
          function (value) {
            if (closed) return;
            if (observer.next) observer.next(value);
            if (observer.complete) observer.complete();
          },
          function (err) {
            if (!closed && observer.error) observer.error(err);
          }
        );
        return { closed: false, unsubscribe: function () { closed = true; } };
      },
    };
  }

  function randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function createSelfHostedDirectLine(messagesUrl, conversationId, userId) {
    var activities = createSubject(false);
    var status = createSubject(true);
    var counterId = 0;
    var bot = { id: config.bot.id, name: config.bot.name, role: 'bot' };

    function fromBot(fields) {
      counterId += 1;
      activities.next(Object.assign({ id: 'page-' + counterId, timestamp: new Date().toISOString(), from: bot, conversation: { id: conversationId } }, fields));
    }
    // The page's own message, from the bot's id so it also ends the typing indicator.
    function notice(text) {
      fromBot({ type: 'message', textFormat: 'plain', text: text, locale: lang === 'en' ? 'en-GB' : 'sv-SE' });
    }
    // Web Chat shows its typing indicator until the bot's next message (or for 5 s).
    function typing() {
      fromBot({ type: 'typing' });
    }

    function post(body) {
      return fetch(messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(body),
      }).then(function (response) {
        return response.json().then(
          function (json) { return { status: response.status, json: json, retryAfter: response.headers.get('retry-after') }; },
          function () { return { status: response.status, json: null, retryAfter: response.headers.get('retry-after') }; }
        );
      });
    }

    // `unanchored`: the replies answer something the transcript never shows (the conversationUpdate), and
    // Web Chat would hold an activity whose replyToId it has not seen for 5 s once other bot messages exist.
    function emitReplies(json, unanchored) {
      (json && Array.isArray(json.activities) ? json.activities : []).forEach(function (a) {
        if (!unanchored) return activities.next(a);
        var copy = Object.assign({}, a);
        delete copy.replyToId;
        activities.next(copy);
      });
    }

    function send(activity) {
      // Web Chat also posts typing and event activities; this channel carries only messages.
      if (activity.type !== 'message') return Promise.resolve('local-' + randomId());
      if (typeof activity.text === 'string' && activity.text.length > config.maxLength) {
        refuseLength(activity.text.length);
        return Promise.reject(new Error('too long'));
      }
      // Still waiting out the server's limit: say when, and send nothing (the resident can retry later).
      if (Date.now() < heldUntil) {
        notice(waitNotice('rateLimited'));
        return Promise.reject(new Error('rate limited'));
      }
      var body = { type: 'message', conversationId: conversationId, userId: userId, pageVersion: pageState.version };
      if (typeof activity.text === 'string' && activity.text !== '') body.text = activity.text;
      if (activity.value !== undefined) body.value = activity.value;
      if (body.text === undefined && body.value === undefined) body.text = '';
      var echo = function (id, timestamp) {
        // Web Chat matches its pending message by channelData.clientActivityID.
        var copy = Object.assign({}, activity, {
          id: id,
          timestamp: timestamp,
          conversation: { id: conversationId },
          from: Object.assign({}, activity.from, { id: userId, role: 'user' }),
          channelData: Object.assign({}, activity.channelData),
        });
        activities.next(copy);
        return id;
      };
      typing();
      return post(body).then(
        function (result) {
          if (result.status === 200 && result.json) {
            applyPageState(result.json.page);
            echo(result.json.id, result.json.timestamp);
            emitReplies(result.json);
            return result.json.id;
          }
          if (result.status === 429) {
            heldUntil = Date.now() + retryAfterSeconds(result) * 1000;
            notice(waitNotice('rateLimited'));
            throw new Error('rate limited');
          }
          var id = 'unsent-' + randomId();
          echo(id, new Date().toISOString());
          notice(result.status === 413 ? notices().tooLong : notices().failed);
          return id;
        },
        function (err) {
          notice(notices().failed);
          throw err;
        }
      );
    }

    // The bot's welcome answers a conversationUpdate in which the resident joins. When the server asks
    // us to wait (a reload while limited), say until when and greet again by ourselves then.
    function greet() {
      post({ type: 'conversationUpdate', conversationId: conversationId, userId: userId, pageVersion: pageState.version }).then(
        function (result) {
          if (result.status === 200) {
            if (result.json) applyPageState(result.json.page);
            emitReplies(result.json, true);
          } else if (result.status === 429) {
            heldUntil = Date.now() + retryAfterSeconds(result) * 1000;
            notice(waitNotice('rateLimitedOnLoad'));
            window.setTimeout(greet, heldUntil - Date.now() + 250);
          } else {
            notice(notices().failed);
          }
        },
        function () { notice(notices().failed); }
      );
    }

    status.next(0);
    // Connect on the next tick, after Web Chat has subscribed, then greet.
    setTimeout(function () {
      status.next(1);
      status.next(2);
      greet();
    }, 0);

    return {
      activity$: activities.observable,
      connectionStatus$: status.observable,
      postActivity: function (activity) {
        return fromPromiseOnce(function () { return send(activity); });
      },
      end: function () { status.next(5); },
    };
  }

  var styleOptions = {
    accent: '#00558c',
    primaryFont: 'system-ui, "Segoe UI", Roboto, Arial, sans-serif',
    bubbleBackground: '#f2f4f7',
    bubbleFromUserBackground: '#00558c',
    bubbleFromUserTextColor: '#ffffff',
    bubbleBorderRadius: 8,
    bubbleFromUserBorderRadius: 8,
    hideUploadButton: true,
    sendBoxHeight: 48,
    // A long question wraps inside the input instead of scrolling out of sight sideways.
    sendBoxTextWrap: true,
    suggestedActionLayout: 'flow',
    // After a reply the transcript stops scrolling when the first new message reaches its top, so the
    // start of the answer is what shows, not the buttons under it.
    autoScrollSnapOnPage: 1,
    suggestedActionBorderColor: '#00558c',
    suggestedActionTextColor: '#00558c',
    suggestedActionBorderRadius: 20,
    transcriptVisualKeyboardIndicatorColor: '#000000',
  };

  function render(directLine, userId) {
    host.textContent = '';
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        userID: userId,
        locale: config.locale,
        overrideLocalizedStrings: config.strings,
        nonce: config.nonce,
        styleOptions: styleOptions,
        cardActionMiddleware: cardActionMiddleware,
        sendTypingIndicator: false,
      },
      host
    );
    updateCounter(0);
  }

  if (config.transport.kind === 'direct-line') {
    fetch(config.transport.tokenUrl, { method: 'POST', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('token ' + response.status);
        return response.json();
      })
      .then(function (token) {
        render(window.WebChat.createDirectLine({ token: token.token, domain: config.transport.domain }), token.userId);
      })
      .catch(function () {
        host.textContent = notices().failed;
      });
  } else {
    var userId = 'u-' + randomId();
    render(createSelfHostedDirectLine(config.transport.messagesUrl, 'c-' + randomId(), userId), userId);
  }
})();
