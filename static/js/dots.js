// Dot voting: count the dots left as the voter types. The server checks everything again.
(function () {
  var form = document.querySelector("form[data-dots]");
  if (!form) return;
  var total = parseInt(form.getAttribute("data-dots"), 10);
  var output = form.querySelector("[data-dots-left]");
  var plural = new Intl.PluralRules(document.documentElement.lang || "fr");
  function update() {
    var spent = 0;
    form.querySelectorAll("input[type=number]").forEach(function (input) {
      var value = parseInt(input.value, 10);
      if (value > 0) spent += value;
    });
    var left = total - spent;
    var text = left < 0
      ? output.getAttribute("data-over").replace("{n}", String(-left))
      : output.getAttribute(plural.select(left) === "one" ? "data-one" : "data-other").replace("{n}", String(left));
    output.textContent = text;
    output.parentNode.classList.toggle("over", left < 0);
  }
  form.addEventListener("input", update);
  update();
})();
