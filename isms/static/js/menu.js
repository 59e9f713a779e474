// The header menu on narrow screens: a disclosure button that shows and hides the navigation. Without
// JavaScript the button stays hidden and the menu open; on wide screens CSS hides the button.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".site-menu-toggle");
  const menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  const header = button.closest(".site-header");
  const show = (open) => {
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("site-header--open", open);
  };
  header.classList.add("site-header--foldable");
  button.hidden = false;
  button.addEventListener("click", () => show(button.getAttribute("aria-expanded") !== "true"));
  header.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      show(false);
      button.focus();
    }
  });
});

// A filter panel (details[data-fold-on-phone]) starts folded on a phone unless a filter is in use; it is
// open in the HTML, so without JavaScript and on wide screens the filters are simply there.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.matchMedia("(max-width: 40rem)").matches) return;
  for (const panel of document.querySelectorAll("details[data-fold-on-phone]:not([data-active])")) {
    panel.open = false;
  }
});
