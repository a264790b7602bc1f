"use strict";
// What shows when: the open poll first, then the open prompt (a closed poll's results come
// after an open prompt), the card or group question, or a quiet "nothing right now".
(function () {
  var S = window.Summit;
  if (!S.ok) return;
  var sayTimer = 0;

  // A passing word at the top (a group chosen, a card taken on); errors sit by their controls.
  S.say = function (text) {
    var p = S.$("link");
    p.textContent = text;
    p.className = "link-state good";
    clearTimeout(sayTimer);
    sayTimer = setTimeout(function () { if (p.textContent === text) p.textContent = ""; }, 8000);
  };

  // Something the whole page cannot get past (not joined, a pass for another summit).
  S.complain = function (text, lang) {
    var p = S.$("problem");
    p.textContent = text;
    if (lang && lang !== S.lang) p.lang = lang; else p.removeAttribute("lang");
    p.hidden = false;
  };

  // Cards are put in order by moving a node only when it is out of place: moving the card
  // that holds the focus would blur it and close the phone's keyboard mid-word.
  // When a move must happen (a poll closes while a note is being typed), the focus and
  // the caret are put back.
  function before(node, next) {
    if (node.nextElementSibling === next || node === next) return;
    var f = document.activeElement, at = f && "selectionStart" in f ? [f.selectionStart, f.selectionEnd] : null;
    next.parentNode.insertBefore(node, next);
    if (f && f !== document.activeElement && document.contains(f)) {
      f.focus({ preventScroll: true });
      if (at) try { f.setSelectionRange(at[0], at[1]); } catch (e) { /* not a text field */ }
    }
  }

  // Someone typing (a note, a word) while the cards change around them (a poll closing
  // folds its options and moves below the open question; the browser's scroll anchoring
  // may keep the moved card still and send the field off the screen) keeps the field where
  // it was on screen: the page is held at least as tall as it was, and scrolled by as much
  // as the field moved. The hold goes at the first change heard once nobody is typing.
  function typing() {
    var f = document.activeElement;
    if (!f || S.$("poll").contains(f)) return null;
    return f.tagName === "TEXTAREA" || f.tagName === "INPUT" && /^(text|search)$/.test(f.type) ? f : null;
  }
  function steady(f) {
    var main = document.querySelector("main");
    if (!f) { main.style.minHeight = ""; return function () {}; }
    var y = f.getBoundingClientRect().top;
    main.style.minHeight = main.offsetHeight + "px";
    return function () {
      if (document.activeElement === f) window.scrollBy(0, f.getBoundingClientRect().top - y);
    };
  }

  // What a screen reader is told, and the tab's title, when what is open changes.
  var was = null;
  function tell(s) {
    var poll = s.poll, q = s.prompt, old = was || {};
    var said = [];
    if (s.item && (!old.item || old.item.title !== s.item.title)) said.push(S.t("tell.now", { title: s.item.title }));
    if (poll && poll.open && !(old.poll && old.poll.id === poll.id && old.poll.open))
      said.push(S.t("tell.poll_open", { question: poll.question }));
    else if (poll && !poll.open && old.poll && old.poll.id === poll.id && old.poll.open)
      said.push(S.t("tell.poll_closed", { question: poll.question }));
    if (q && !(old.prompt && old.prompt.id === q.id)) said.push(S.t("tell.prompt", { text: q.text }));
    if (was && said.length) S.announce(said.join(" "));
    was = s;
    document.title = poll && poll.open ? S.t("title.vote", { title: s.title }) : q ? S.t("title.prompt", { title: s.title }) : s.title;
  }

  // "Now: <the item's title>": the page's word, and the summit's own in its language.
  // "Not started" only when nothing is shown: an open poll has started, whatever the agenda.
  function now(s) {
    if (s.item) S.around(S.$("now"), "page.now", "title", s.item.title);
    else S.$("now").textContent = s.poll || s.prompt ? "" : S.t("page.not_started");
  }

  // The privacy notice, once seen (the phone sent something, or something opened since
  // the page came), folds into one line that opens, so what is open is on the first screen.
  // What is in view stays put (Safari has no scroll anchoring).
  // A latecomer's first layer (one line, the whole notice under it) folds the same way.
  S.fold = function () {
    var aside = S.$("privacy"), h = S.$("privacy-title"), brief = S.$("privacy-brief");
    if (!aside || !(h || brief)) return;
    var anchor = S.$("poll").hidden ? S.$("title") : S.$("poll"), top = anchor.getBoundingClientRect().top;
    if (brief) {
      aside.removeChild(brief);
      aside.querySelector("summary").textContent = S.t("page.privacy_fold");
    } else {
      var details = S.el("details");
      S.add(details, S.el("summary", null, S.t("page.privacy_fold")), h.nextElementSibling);
      aside.setAttribute("aria-label", h.textContent);
      aside.removeAttribute("aria-labelledby");
      aside.replaceChild(details, h);
    }
    if (window.scrollY > 0) window.scrollBy(0, anchor.getBoundingClientRect().top - top);
  };
  var shown = null;
  function opened(s) {
    var key = (s.poll && s.poll.open ? "poll" + s.poll.id : "") + (s.prompt ? "prompt" + s.prompt.id : "");
    if (shown !== null && key && key !== shown) S.fold();
    shown = key;
  }

  S.render = function (s) {
    var settle = steady(typing());
    S.content(S.$("title")).textContent = s.title;
    now(s);
    opened(s);
    tell(s);
    S.$("problem").hidden = true;
    S.showPoll(s.poll, s.me);
    S.showPrompt(s.prompt, s.me);
    var poll = S.$("poll"), prompt = S.$("prompt"), card = S.$("card");
    if (s.poll && !s.poll.open && s.prompt) before(prompt, poll);
    else before(poll, prompt);
    // A phone without a card in verified mode can do nothing else until it has one.
    var first = poll.previousElementSibling === prompt ? prompt : poll;
    var needCard = s.verified && !(s.me || {}).card;
    if (needCard) before(card, first);
    else before(card, S.$("group"));
    // Not a poll to fill in and be refused at Send: the card comes first.
    if (needCard) poll.hidden = prompt.hidden = true;
    // A card's QR code lands here (/c/... sends it to #card): say it worked.
    if (location.hash === "#card" && s.me && s.me.card) {
      S.say(S.t("card.taken", { card: s.me.card }));
      history.replaceState(null, "", location.pathname);
    }
    S.showCardEntry(s);
    S.showGroup(s);
    S.pointGroup(!S.$("group").hidden);
    if (s.me) s.me.fresh = false;
    S.$("idle").hidden = !!(s.poll || s.prompt || s.verified && !(s.me || {}).card);
    settle();
  };

  S.start();
})();
