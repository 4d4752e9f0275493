// The script of index.html (kept out of the page so the Content-Security-Policy allows no inline script).
  (async () => {
    const ctx = await simpus.bar("/");
    if (!ctx) return;
    document.getElementById("judul").textContent = "Selamat datang, " + ctx.me.fullName;
    document.getElementById("menu").innerHTML = [...document.querySelectorAll("header.bar > a[href^='/']")]
      .filter(a => a.getAttribute("href") !== "/")
      .map(a => `<li><a href="${a.getAttribute("href")}">${simpus.esc(a.textContent)}</a></li>`).join("");
    const board = await simpus.api("GET", "/api/queue");
    document.getElementById("ringkas").innerHTML = board.map(p =>
      `<tr><td>${simpus.esc(p.name)}</td><td class="angka">${p.waiting}</td><td class="angka">${simpus.esc(p.servingLabel ?? "–")}</td><td class="angka">${p.finished}</td></tr>`).join("");
  })();
