// The console's only script (no build step; the CSP allows scripts from /console/static only).
// Pages work without it: the search box is a plain GET form, the import page reloads itself.
"use strict";

// Catalog: refresh the result rows as the user types (after a short pause).
function searchAsYouType(box) {
  const rows = document.getElementById(box.dataset.results);
  let timer = null;
  let asked = 0;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++asked;
      const answer = await fetch("/console/catalog/search?q=" + encodeURIComponent(box.value),
                                 { credentials: "same-origin" });
      // An older answer arriving after a newer one must not overwrite it.
      if (answer.ok && mine === asked) {
        rows.innerHTML = await answer.text();  // server-rendered and escaped (_catalog_rows.html)
        rows.setAttribute("aria-busy", "false");
      }
    }, 150);
    rows.setAttribute("aria-busy", "true");
  });
}

// Catalog import: follow the progress until the import ends, then show its report.
function followImport(bar) {
  const url = bar.dataset.progress;
  const label = document.getElementById(bar.dataset.label);
  const tick = async () => {
    const answer = await fetch(url, { credentials: "same-origin" });
    if (!answer.ok) return;
    const job = await answer.json();
    bar.value = job.percent;
    label.textContent = `${job.state}: ${job.done.toLocaleString()} of ${job.total.toLocaleString()} rows (${job.percent}%)`;
    if (job.finished) window.location.reload();
    else setTimeout(tick, 500);
  };
  setTimeout(tick, 300);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-results]").forEach(searchAsYouType);
  document.querySelectorAll("progress[data-progress]").forEach(followImport);
});
