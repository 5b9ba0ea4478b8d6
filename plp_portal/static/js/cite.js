// The finding page's "Copy citation" button (templates/events/finding_detail.html). Without
// JavaScript, or without a clipboard, the button stays hidden and the citation is plain text
// to select. The citation goes to the clipboard as HTML (a word processor keeps its italics)
// and as plain text.
(function () {
  "use strict";

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(element) {
    var text = element.innerText.trim();
    if (window.ClipboardItem && navigator.clipboard.write) {
      return navigator.clipboard.write([
        new window.ClipboardItem({
          "text/html": new Blob([element.innerHTML.trim()], { type: "text/html" }),
          "text/plain": new Blob([text], { type: "text/plain" }),
        }),
      ]).catch(function () {
        return navigator.clipboard.writeText(text);
      });
    }
    return navigator.clipboard.writeText(text);
  }

  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.dataset.copyTarget);
    var status = document.getElementById(button.dataset.copyStatus);
    if (!target || !status || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(target).then(
        function () {
          status.textContent = button.dataset.copied;
        },
        function () {
          select(target);
          status.textContent = button.dataset.copyFailed;
        }
      );
    });
  });
})();
