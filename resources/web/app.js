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
  S.complain = function (text) {
    var p = S.$("problem");
    p.textContent = text;
    p.hidden = false;
  };

  S.render = function (s) {
    S.$("title").textContent = s.title;
    document.title = s.title;
    S.$("now").textContent = s.item ? "Now: " + s.item.title : "The summit has not started yet.";
    S.$("problem").hidden = true;
    S.showPoll(s.poll, s.me);
    S.showPrompt(s.prompt, s.me);
    var poll = S.$("poll"), prompt = S.$("prompt");
    if (s.poll && !s.poll.open && s.prompt) poll.parentNode.insertBefore(prompt, poll);
    else poll.parentNode.insertBefore(poll, prompt);
    S.showCardEntry(s);
    S.showGroup(s);
    if (s.me) s.me.fresh = false;
    S.$("idle").hidden = !!(s.poll || s.prompt || s.verified && !(s.me || {}).card);
  };

  S.start();
})();
