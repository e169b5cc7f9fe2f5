(function () {
  'use strict';
  var store = document.getElementById('images');
  var images = store ? JSON.parse(store.textContent) : {};
  document.querySelectorAll('img[data-img]').forEach(function (img) {
    var src = images[img.getAttribute('data-img')];
    if (src) {
      img.src = src;
    }
  });
  var cards = Array.prototype.slice.call(document.querySelectorAll('#cards > article.item'));
  var run = document.getElementById('f-run');
  var task = document.getElementById('f-task');
  var outcome = document.getElementById('f-outcome');
  var count = document.getElementById('f-count');
  var more = document.getElementById('f-more');
  if (!run || !task || !outcome || !count || !more) {
    return;
  }
  var PAGE = 24;
  var limit = PAGE;
  function apply() {
    var matched = 0;
    cards.forEach(function (c) {
      var ok = (!run.value || c.getAttribute('data-run') === run.value) &&
        (!task.value || c.getAttribute('data-task') === task.value) &&
        (!outcome.value || c.getAttribute('data-outcome') === outcome.value);
      if (ok) {
        matched++;
      }
      c.hidden = !(ok && matched <= limit);
    });
    count.textContent = Math.min(matched, limit) + ' of ' + matched + ' shown';
    more.hidden = matched <= limit;
  }
  [run, task, outcome].forEach(function (s) {
    s.addEventListener('change', function () {
      limit = PAGE;
      apply();
    });
  });
  more.addEventListener('click', function () {
    limit += PAGE;
    apply();
  });
  apply();
}());
