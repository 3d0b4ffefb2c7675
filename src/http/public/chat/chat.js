/*
 * Sahay web chat: a websocket client for Botkit's web adapter protocol.
 * Plain ES2017, no build step, no libraries: it must load fast on a cheap phone.
 *
 *   → { type: 'hello' | 'welcome_back', user, acks }      on every (re)connect
 *   → { type: 'message', user, text, id, payload? }        what the patient types, or taps (a
 *                                                           quick reply: its title and payload)
 *   → { type: 'location', user, lat, lng, id }             where the patient is (the 📍 button)
 *   ← { type: 'message', text, quick_replies?, id? }       what the bot says
 *   → { type: 'ack', user, id }                            a bot message with that id was shown
 *   ← { type: 'ack', id }                                  the patient's message was answered
 *   ← { type: 'error', code: 'too_many_requests', id?, retryAfter }
 *                                                           the message was refused (too many
 *                                                           from this address): sent again later
 *
 * Both sides confirm because a socket that died without a close (a phone changing networks)
 * still takes writes for a while: a message not confirmed is sent again after the reconnect,
 * and its id makes the second arrival count once (src/channels/webchat/frames.ts).
 *
 * Message text is only ever set with textContent: it comes from strangers.
 */
(function () {
  'use strict';

  var USER_KEY = 'sahay.webchat.user';
  var MAX_DELAY_MS = 30000;
  var LANGUAGES = ['en', 'bn', 'hi'];

  /*
   * The page's own texts (its status line, the 📍 button and its notes, the text field's hint):
   * locales/<lng>/webchat.json, written into the page by the server (src/http/chat-page.ts), so a
   * translator edits them with every other text. Said in the patient's language: the bot's
   * replies carry no language, but they are written in it: Bengali script, Devanagari, or
   * English. Until one says which (the language question mixes all three), the page says all three.
   */
  var TEXTS = readTexts();

  function readTexts() {
    try {
      var texts = JSON.parse(document.getElementById('texts').textContent);
      if (texts && typeof texts === 'object') return texts;
    } catch (e) {
      /* A page not served by Sahay has none: it says nothing of its own rather than fail. */
    }
    return {};
  }

  /* One position, no GPS warm-up needed (a district's nearest hospitals, not a street address). */
  var GEOLOCATION_OPTIONS = { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 };

  var log = document.getElementById('log');
  var choices = document.getElementById('choices');
  var form = document.getElementById('composer');
  var input = document.getElementById('text');
  var status = document.getElementById('status');
  var locate = document.getElementById('locate');

  /* crypto.randomUUID needs a secure context; getRandomValues works on plain http too. */
  function randomId(prefix) {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var hex = '';
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 0x100).toString(16).slice(1);
    return prefix + hex;
  }

  /* The user id is the patient's key to their conversation: kept on this device only. */
  function loadUser() {
    try {
      var saved = window.localStorage.getItem(USER_KEY);
      if (saved) return { id: saved, isNew: false };
      var id = randomId('u-');
      window.localStorage.setItem(USER_KEY, id);
      return { id: id, isNew: true };
    } catch (e) {
      /* Private browsing can forbid storage: the chat still works for this visit. */
      return { id: randomId('u-'), isNew: true };
    }
  }

  var user = loadUser();
  var greeted = !user.isNew; /* after the first hello, every reconnect is a welcome_back */
  var socket = null;
  var attempt = 0;
  var retryTimer = null;
  var outbox = []; /* frames typed while offline, sent in order on reconnect */
  var unconfirmed = []; /* frames sent and not yet confirmed by the server: sent again on reconnect */
  var heldUntil = 0; /* the server refused a message (too many from this address): nothing is sent before then */
  var heldTimer = null;
  var helloRefused = false;
  var seen = Object.create(null); /* outbox ids already shown: a retried delivery is shown once */
  var language = null; /* 'en' | 'bn' | 'hi' once a bot reply shows it; null: all three */
  var statusKey = null;

  /* 'connecting' | 'offline' | 'busy' (webchat.json `status`), or null when online: nothing to say. */
  function setStatus(key) {
    statusKey = key;
    status.textContent = key === null ? '' : pageText('status.' + key);
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function bubble(text, who) {
    var div = document.createElement('div');
    div.className = 'msg ' + who;
    div.setAttribute('dir', 'auto');
    div.textContent = text;
    log.appendChild(div);
    scrollDown();
    return div;
  }

  /* The language a bot reply is written in, or null when it mixes scripts (the language question). */
  function languageOf(text) {
    var bengali = /[\u0980-\u09FF]/.test(text);
    var devanagari = /[\u0900-\u097F]/.test(text);
    if (bengali && !devanagari) return 'bn';
    if (devanagari && !bengali) return 'hi';
    if (!bengali && !devanagari && /[A-Za-z]/.test(text)) return 'en';
    return null;
  }

  /* The text at `key` ("location.denied") in one language; '' when it has none. */
  function textIn(lng, key) {
    var node = TEXTS[lng];
    key.split('.').forEach(function (part) {
      node = node !== null && typeof node === 'object' ? node[part] : undefined;
    });
    return typeof node === 'string' ? node : '';
  }

  function pageText(key) {
    if (language !== null) return textIn(language, key) || textIn('en', key);
    return LANGUAGES.map(function (lng) {
      return textIn(lng, key);
    })
      .filter(function (text) {
        return text !== '';
      })
      .join(' · ');
  }

  function setLanguage(lng) {
    if (lng === null || lng === language) return;
    language = lng;
    showPageTexts();
  }

  /* The page's texts that stand on it, in the language known now. */
  function showPageTexts() {
    locate.setAttribute('aria-label', pageText('location.button'));
    locate.title = pageText('location.button');
    input.placeholder = pageText('composer.placeholder');
    setStatus(statusKey);
  }

  function showChoices(list) {
    choices.textContent = '';
    (list || []).forEach(function (choice) {
      if (!choice || typeof choice.payload !== 'string') return;
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('dir', 'auto');
      button.textContent = typeof choice.title === 'string' ? choice.title : choice.payload;
      button.addEventListener('click', function () {
        say(button.textContent, choice.payload);
      });
      choices.appendChild(button);
    });
    scrollDown();
  }

  function socketUrl() {
    var url = new URL('ws', window.location.href);
    url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.hash = '';
    url.search = '';
    return url.toString();
  }

  function isOpen() {
    return socket !== null && socket.readyState === WebSocket.OPEN;
  }

  function flush() {
    if (Date.now() < heldUntil) return;
    if (heldTimer === null && statusKey === 'busy') setStatus(isOpen() ? null : 'offline');
    while (isOpen() && outbox.length > 0) {
      var item = outbox.shift();
      socket.send(JSON.stringify(item.frame));
      unconfirmed.push(item);
    }
  }

  /* The server has answered this message: it is not sent again. */
  function confirmed(id) {
    unconfirmed = unconfirmed.filter(function (item) {
      if (item.frame.id !== id) return true;
      if (item.bubble) item.bubble.classList.remove('pending');
      return false;
    });
  }

  /*
   * The server refused a message for now (too many from this address, a shared hospital Wi-Fi
   * say): it and everything sent after it go back to the outbox, in order, and are sent again
   * once the wait the server named is over. Nothing the patient typed is lost.
   */
  function refused(id, retryAfterSeconds) {
    /* No id: the hello itself was refused, so the server does not know this socket is the patient's yet. */
    if (typeof id !== 'string') helloRefused = true;
    var at = -1;
    for (var i = 0; i < unconfirmed.length; i++) if (unconfirmed[i].frame.id === id) at = i;
    if (at >= 0) {
      var back = unconfirmed.splice(at);
      back.forEach(function (item) {
        if (item.bubble) item.bubble.classList.add('pending');
      });
      outbox = back.concat(outbox);
    }
    heldUntil = Math.max(heldUntil, Date.now() + retryAfterSeconds * 1000);
    setStatus('busy');
    clearTimeout(heldTimer);
    heldTimer = setTimeout(function () {
      heldTimer = null;
      if (helloRefused && isOpen()) sendHello(socket);
      flush();
    }, heldUntil - Date.now());
  }

  /* The connection is gone: what it did not confirm goes first, in order, on the next one. */
  function requeueUnconfirmed() {
    unconfirmed.forEach(function (item) {
      if (item.bubble) item.bubble.classList.add('pending');
    });
    outbox = unconfirmed.concat(outbox);
    unconfirmed = [];
  }

  /* Send `text` (typed, or a choice's title) and show it as the patient's bubble; a choice also sends its payload. */
  function say(text, payload) {
    var frame = { type: 'message', user: user.id, text: text, channel: 'websocket', id: randomId('m-') };
    if (typeof payload === 'string') frame.payload = payload;
    send(frame, text);
  }

  /* Queue a frame of the patient's, shown as their bubble: sent now, or once the socket is back. */
  function send(frame, shown) {
    showChoices([]);
    var mine = bubble(shown, 'me');
    if (!isOpen()) mine.classList.add('pending');
    outbox.push({ frame: frame, bubble: mine });
    flush();
  }

  /*
   * The 📍 button: one position from the browser, sent as a location frame (the bed search lists
   * the hospitals nearest to it). When the browser will not give one, nothing is sent and the
   * patient is told why, and that a typed place works too.
   */
  function shareLocation() {
    /* Browsers give a location only to secure pages (https, or this machine). */
    if (!window.isSecureContext || !navigator.geolocation) {
      bubble(pageText('location.unavailable'), 'note');
      return;
    }
    locate.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        locate.disabled = false;
        var frame = {
          type: 'location',
          user: user.id,
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          channel: 'websocket',
          id: randomId('m-')
        };
        send(frame, pageText('location.shared'));
      },
      function (error) {
        locate.disabled = false;
        var key = error && error.code === 1 ? 'denied' : error && error.code === 3 ? 'timeout' : 'unavailable';
        bubble(pageText('location.' + key), 'note');
        input.focus();
      },
      GEOLOCATION_OPTIONS
    );
  }

  function onFrame(event) {
    var message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (message && message.type === 'ack' && typeof message.id === 'string') {
      confirmed(message.id);
      return;
    }
    if (message && message.type === 'error' && message.code === 'too_many_requests') {
      refused(message.id, Number(message.retryAfter) || 1);
      return;
    }
    if (!message || message.type !== 'message' || typeof message.text !== 'string') return;
    if (typeof message.id === 'string') {
      /* Confirmed even when already shown: the server may be retrying one whose confirmation was lost. */
      if (isOpen()) socket.send(JSON.stringify({ type: 'ack', user: user.id, id: message.id, channel: 'websocket' }));
      if (seen[message.id]) return;
      seen[message.id] = true;
    }
    setLanguage(languageOf(message.text));
    bubble(message.text, 'bot');
    showChoices(Array.isArray(message.quick_replies) ? message.quick_replies : []);
  }

  /* Who this socket is: the server binds it to the patient, sends what waited, and confirms from then on. */
  function sendHello(ws) {
    helloRefused = false;
    ws.send(JSON.stringify({ type: greeted ? 'welcome_back' : 'hello', user: user.id, channel: 'websocket', acks: true }));
    greeted = true;
  }

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (socket !== null && socket.readyState <= WebSocket.OPEN) return;
    setStatus('connecting');
    var ws = new WebSocket(socketUrl());
    socket = ws;
    ws.addEventListener('open', function () {
      attempt = 0;
      setStatus(null);
      sendHello(ws);
      flush();
    });
    ws.addEventListener('message', onFrame);
    ws.addEventListener('close', function () {
      if (socket !== ws) return;
      socket = null;
      requeueUnconfirmed();
      setStatus('offline');
      scheduleReconnect();
    });
    /* 'close' always follows 'error'; reconnecting is handled there. */
  }

  /* Exponential backoff with jitter, so a server restart is not met by every phone at once. */
  function scheduleReconnect() {
    if (retryTimer !== null) return;
    var delay = Math.min(MAX_DELAY_MS, 1000 * Math.pow(2, attempt));
    attempt += 1;
    retryTimer = setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
  }

  showPageTexts();
  locate.addEventListener('click', shareLocation);

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (text === '') return;
    input.value = '';
    say(text);
    input.focus();
  });

  /* Back online, or back to the tab after the phone slept: try now rather than wait out the backoff. */
  window.addEventListener('online', connect);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && !isOpen()) connect();
  });

  connect();
})();
