// "Choose all in this group" buttons of a checklist; without JavaScript they stay hidden.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-check-all]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const group = document.getElementById(button.dataset.checkAll);
      const boxes = [...group.querySelectorAll("input[type=checkbox]:not(:disabled)")];
      const check = boxes.some((box) => !box.checked);
      for (const box of boxes) box.checked = check;
    });
  }
});
