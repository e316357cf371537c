// calsync review: Escape closes what is open (an event's details, a correction form) and
// gives the focus back to its summary. Everything else works without script.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const open = event.target instanceof Element ? event.target.closest("details[open]") : null;
  if (open) {
    open.open = false;
    const summary = open.querySelector("summary");
    if (summary) summary.focus();
  }
});
