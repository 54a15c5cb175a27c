// Search and combined filters on the catalogue. Without JavaScript the same
// filters are pre-rendered pages (college/, level/, skill/), so this only
// adds typing-to-search and combining filters on one page.
(function () {
  "use strict";
  var form = document.getElementById("finder");
  var count = document.getElementById("count");
  var section = document.querySelector("section[aria-labelledby='listed']");
  if (!form || !count || !section) { return; }
  var cards = Array.prototype.slice.call(section.querySelectorAll(".card"));
  var fields = {
    q: form.elements.namedItem("q"),
    college: form.elements.namedItem("college"),
    level: form.elements.namedItem("level"),
    skill: form.elements.namedItem("skill")
  };
  var params = new URLSearchParams(window.location.search);
  Object.keys(fields).forEach(function (name) {
    if (params.has(name)) { fields[name].value = params.get(name); }
  });

  function matches(card) {
    var words = fields.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var text = card.getAttribute("data-text") || "";
    var skills = (card.getAttribute("data-skills") || "").split("|");
    return words.every(function (w) { return text.indexOf(w) !== -1; }) &&
      (!fields.college.value || card.getAttribute("data-college") === fields.college.value) &&
      (!fields.level.value || card.getAttribute("data-level") === fields.level.value) &&
      (!fields.skill.value || skills.indexOf(fields.skill.value) !== -1);
  }

  function update() {
    var shown = 0;
    cards.forEach(function (card) {
      var keep = matches(card);
      card.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = shown + (shown === 1 ? " badge" : " badges") +
      (shown === cards.length ? "" : " of " + cards.length);
  }

  form.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.hidden = false;
  update();
}());
