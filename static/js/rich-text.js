// Progressive enhancement of report sections: each <textarea class="rich-text"> becomes a
// Quill editor (headings, lists, links, tables). The textarea stays in the form and receives
// the editor's HTML on submit; without JavaScript officers type HTML-free text into it. The
// server sanitises whatever arrives.
(function () {
  "use strict";
  if (!window.Quill) return;
  var LABELS = {
    "ql-header": "Heading level", "ql-bold": "Bold", "ql-italic": "Italic",
    "ql-link": "Link", "ql-list[value=ordered]": "Numbered list",
    "ql-list[value=bullet]": "Bulleted list", "ql-clean": "Remove formatting",
    "ql-table": "Insert a table", "ql-row": "Add a table row", "ql-column": "Add a table column",
    "ql-deletetable": "Delete the table",
  };
  document.querySelectorAll("textarea.rich-text").forEach(function (textarea, index) {
    var holder = document.createElement("div");
    holder.className = "rich-text-editor";
    textarea.parentNode.insertBefore(holder, textarea);
    textarea.hidden = true;
    var quill = new window.Quill(holder, {
      theme: "snow",
      modules: {
        table: true,
        toolbar: {
          container: [
            [{ header: [2, 3, false] }], ["bold", "italic", "link"],
            [{ list: "ordered" }, { list: "bullet" }], ["table", "row", "column", "deletetable"],
            ["clean"],
          ],
          handlers: {
            table: function () { this.quill.getModule("table").insertTable(2, 2); },
            row: function () { this.quill.getModule("table").insertRowBelow(); },
            column: function () { this.quill.getModule("table").insertColumnRight(); },
            deletetable: function () { this.quill.getModule("table").deleteTable(); },
          },
        },
      },
    });
    quill.clipboard.dangerouslyPasteHTML(textarea.value);
    var toolbar = holder.previousElementSibling;
    // Quill's buttons carry only class names: give each an accessible name.
    Object.keys(LABELS).forEach(function (selector) {
      var parts = selector.match(/^([\w-]+)(\[.*\])?$/);
      toolbar.querySelectorAll("." + parts[1] + (parts[2] || "")).forEach(function (control) {
        if (control.tagName === "SELECT") return;  // hidden; Quill shows a picker instead
        if (control.classList.contains("ql-picker")) {
          control = control.querySelector(".ql-picker-label");  // the picker's button
          if (!control) return;
        }
        control.setAttribute("aria-label", LABELS[selector]);
        if (control.tagName === "BUTTON" && !control.textContent.trim()) {
          var text = document.createElement("span");
          text.className = "visually-hidden";
          text.textContent = LABELS[selector];
          control.appendChild(text);
        }
      });
    });
    var editable = holder.querySelector(".ql-editor");
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      label.id = label.id || textarea.id + "-label";
      editable.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { quill.focus(); });
    }
    editable.setAttribute("aria-multiline", "true");
    editable.setAttribute("role", "textbox");
    textarea.form.addEventListener("submit", function () {
      // Quill 2 writes every space as &nbsp; in its semantic HTML; keep ordinary spaces.
      textarea.value = quill.getLength() > 1 ? quill.getSemanticHTML().replace(/&nbsp;/g, " ") : "";
    });
  });
})();
