// The bos console's only script: live charts and the bookiesports menus.
"use strict";
(function () {
  // Charts: redraw every data-live seconds.
  document.querySelectorAll("img[data-live]").forEach(function (img) {
    var base = img.getAttribute("src");
    var every = Math.max(2, parseInt(img.dataset.live, 10) || 10) * 1000;
    setInterval(function () {
      img.src = base + (base.indexOf("?") < 0 ? "?" : "&") + "t=" + Date.now();
    }, every);
  });

  function fill(select, items) {
    var keep = select.value;
    select.innerHTML = "";
    items.forEach(function (t) {
      var o = document.createElement("option");
      o.value = o.textContent = t;
      select.appendChild(o);
    });
    if (items.indexOf(keep) >= 0) select.value = keep;
  }

  // Sport -> league -> teams menus, fed only by bookiesports.
  document.querySelectorAll("form.menus").forEach(function (form) {
    var menus;
    try { menus = JSON.parse(form.dataset.menus || "{}"); } catch (e) { return; }
    var sports = menus.sports || [];
    var q = function (role) { return form.querySelector('[data-role="' + role + '"]'); };
    var sport = q("sport"), eg = q("event_group"), home = q("home"), away = q("away");
    if (!sport) return;
    function groups() {
      var s = sports.filter(function (x) { return x.name === sport.value; })[0];
      return s ? s.event_groups : [];
    }
    function teams() {
      var g = groups().filter(function (x) { return x.name === eg.value; })[0];
      return g ? g.teams : [];
    }
    function onTeams() {
      fill(home, teams());
      fill(away, teams().filter(function (t) { return t !== home.value; }));
    }
    function onGroup() { onTeams(); }
    function onSport() { fill(eg, groups().map(function (g) { return g.name; })); onGroup(); }
    fill(sport, sports.map(function (s) { return s.name; }));
    sport.addEventListener("change", onSport);
    eg.addEventListener("change", onGroup);
    home.addEventListener("change", function () {
      fill(away, teams().filter(function (t) { return t !== home.value; }));
    });
    onSport();
  });

  // Couch Potato: show the fields of the chosen call.
  var call = document.getElementById("call");
  if (call) {
    var show = function () {
      document.querySelectorAll("[data-when]").forEach(function (el) {
        var on = el.dataset.when.split(" ").indexOf(call.value) >= 0;
        el.hidden = !on;
        el.querySelectorAll("input, select").forEach(function (i) { i.disabled = !on; });
      });
    };
    call.addEventListener("change", show);
    show();
  }
})();
