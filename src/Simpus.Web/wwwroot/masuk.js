// The login form of both services (/login): a wrong password is shown on the form and keeps the name; a right one goes
// where the user was headed (returnUrl), never back to /login.
"use strict";
(() => {
  const form = document.getElementById("form");
  const pesan = document.getElementById("pesan");

  /** The page to open after logging in: a local path from returnUrl, otherwise the home page. */
  function tujuan() {
    const params = new URLSearchParams(location.search);
    const back = params.get("returnUrl") || params.get("ReturnUrl") || "";
    if (!back.startsWith("/") || back.startsWith("//") || back.startsWith("/\\")) return "/";
    const path = back.split(/[?#]/)[0];
    return path === "/login" || path.startsWith("/api/") ? "/" : back;
  }

  form.addEventListener("submit", async e => {
    e.preventDefault();
    simpus.message(pesan, "", "");
    const tombol = form.querySelector("button[type=submit]");
    tombol.disabled = true;
    try {
      await simpus.api("POST", "/api/auth/login", { username: form.username.value, password: form.password.value });
      location.assign(tujuan());
    } catch (err) {
      simpus.message(pesan, "galat", simpus.showErrors(form, err));
      if (!(err.problem && err.problem.errors && err.problem.errors.username)) {
        form.password.value = "";
        form.password.focus();
      }
      tombol.disabled = false;
    }
  });
})();
