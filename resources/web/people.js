"use strict";
// Who is voting: the professional group (asked after the first vote or note, never before
// the open poll), and, in verified mode, the voting card's code for a phone without one.
(function () {
  var S = window.Summit;
  if (!S.ok) return;
  var el = S.el, add = S.add, ASKED = "summit-group-asked";

  // A group chosen while the laptop is away is held and sent again (S.resend, core.js).
  var HELD = "summit-group-held", groupSending = null;
  function sendGroup() {
    var g = S.store.get(HELD);
    if (!g) return Promise.resolve();
    if (!groupSending) {
      groupSending = S.send("/api/group", { group: g }).then(function (d) {
        if (S.store.get(HELD) === g) S.store.drop(HELD);
        return d;
      }, function (e) {
        if (!e.offline) S.store.drop(HELD);
        throw e;
      });
      groupSending.then(done, done);
    }
    function done() { groupSending = null; }
    return groupSending;
  }
  S.resenders.group = function () { sendGroup().catch(function () { /* said when chosen */ }); };

  S.acted = function () {
    S.store.set("summit-acted", 1);
    if (S.state) S.render(S.state);
  };

  S.showGroup = function (s, force) {
    var card = S.$("group");
    var me = s.me || {};
    var acted = S.store.get("summit-acted") || !!me.ballot;
    var ask = force || (!me.group && !me.group_fixed && !S.store.get(ASKED) && (acted || !s.poll && !s.prompt));
    if (s.verified && !me.card) ask = false;  // the card comes first
    S.$("change-group").hidden = !!(ask || me.group_fixed || (s.verified && !me.card));
    if (!ask) { if (!force) card.hidden = true; return; }
    if (!card.hidden) return;
    card.textContent = "";
    add(card,
      el("h2", { id: "group-title" }, S.t("group.title")),
      el("p", { class: "hint" }, S.t("group.hint")));
    var list = el("div", { class: "choices", role: "group", "aria-labelledby": "group-title" });
    var fb = S.feedback();
    s.groups.forEach(function (g) {
      var b = S.content(el("button", { type: "button", class: "choice" }, g));
      b.setAttribute("aria-pressed", String(me.group === g));
      b.addEventListener("click", function () {
        S.store.set(HELD, g);
        S.state.me.group = g;
        sendGroup().then(function () {
          done(S.t("group.thanks", { group: g }));
        }, function (e) {
          if (e.offline) done(S.t("group.offline", { group: g, kept: S.kept() }));
          else fb.error(e.message, e.lang);
        });
      });
      list.appendChild(b);
    });
    var skip = el("button", { type: "button", class: "link" }, S.t("group.skip"));
    skip.addEventListener("click", function () { done(S.t("group.later")); });
    add(card, list, skip, fb.box);
    card.hidden = false;

    function done(text) {
      S.store.set(ASKED, 1);
      card.hidden = true;
      S.$("change-group").hidden = false;
      S.pointGroup(false);
      S.say(text);
    }
  };

  S.$("change-group").addEventListener("click", function () {
    if (!S.state) return;
    S.$("group").hidden = true;
    S.showGroup(S.state, true);
  });

  S.showCardEntry = function (s) {
    var card = S.$("card");
    var need = !!(s.verified && !(s.me || {}).card);
    if (!need) { card.hidden = true; return; }
    if (!card.hidden) return;
    card.textContent = "";
    var input = el("input", { id: "card-code", type: "text", autocomplete: "off", autocapitalize: "characters", spellcheck: false });
    var fb = S.feedback();
    var submit = el("button", { type: "submit", class: "primary" }, S.t("card.use"));
    var form = add(el("form", { noValidate: true }),
      el("label", { for: "card-code" }, S.t("card.code")), input, submit, fb.box);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!input.value.trim()) { fb.error(S.t("card.type")); return; }
      submit.disabled = true;
      S.send("/api/card", { code: input.value }).then(function (d) {
        card.hidden = true;
        S.say(S.t("done.ok", { message: d.message }));
        S.reload();
      }, function (e) { fb.error(e.message, e.lang); }).then(function () { submit.disabled = false; });
    });
    add(card,
      el("h2", { id: "card-title" }, S.t("card.title")),
      el("p", null, S.t("card.how")),
      form);
    card.hidden = false;
  };
})();
