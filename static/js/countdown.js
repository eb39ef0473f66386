// The projector's countdown: ticks every second towards the end the server wrote in
// data-countdown-ends (UTC). Looked up on each tick, so a timer redrawn by htmx keeps going.
(function () {
  function pad(number) {
    return number < 10 ? "0" + number : String(number);
  }
  function tick() {
    document.querySelectorAll("[data-countdown-ends]").forEach(function (timer) {
      var ends = Date.parse(timer.getAttribute("data-countdown-ends"));
      var output = timer.querySelector("[data-countdown-left]");
      if (isNaN(ends) || !output) return;
      var left = Math.round((ends - Date.now()) / 1000);
      if (left <= 0) {
        output.textContent = timer.getAttribute("data-countdown-done");
        timer.classList.add("done");
        return;
      }
      var hours = Math.floor(left / 3600);
      var minutes = Math.floor((left % 3600) / 60);
      var seconds = left % 60;
      output.textContent = (hours ? hours + ":" + pad(minutes) : String(minutes)) + ":" + pad(seconds);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
