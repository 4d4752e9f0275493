// Shared by the apotek pages: the sub-navigation with the alert count, number formatting, the page's role.
"use strict";
const apotek = (() => {
  const fmt = new Intl.NumberFormat("id-ID");
  const links = [["/apotek", "Resep"], ["/apotek/stok", "Stok & peringatan"], ["/apotek/penerimaan", "Penerimaan"],
    ["/apotek/opname", "Stok opname"], ["/apotek/laporan", "LPLPO & POR"]];

  /** Draws the top bar and the apotek sub-navigation; resolves with {me, settings, canWrite}. */
  async function start() {
    const ctx = await simpus.bar("/apotek");
    if (!ctx) return null;
    const nav = document.querySelector("nav.sub");
    nav.innerHTML = links.map(([href, label]) =>
      `<a href="${href}"${href === location.pathname ? ' class="aktif" aria-current="page"' : ""}>${label}</a>`).join("") +
      `<span class="peringatan" id="ringkasPeringatan"></span>`;
    peringatan();
    return { ...ctx, canWrite: ctx.me.role === "admin" || ctx.me.role === "farmasi" };
  }

  async function peringatan() {
    try {
      const a = await simpus.api("GET", "/api/pharmacy/alerts");
      const expired = a.expiring.filter(x => x.expired).length;
      const parts = [];
      if (expired) parts.push(`${expired} bets kedaluwarsa`);
      if (a.expiring.length - expired) parts.push(`${a.expiring.length - expired} bets hampir kedaluwarsa`);
      if (a.belowMinimum.length) parts.push(`${a.belowMinimum.length} obat di bawah minimum`);
      if (a.outOfStockPrescribedToday.length) parts.push(`${a.outOfStockPrescribedToday.length} obat kosong diresepkan hari ini`);
      document.getElementById("ringkasPeringatan").innerHTML = parts.length
        ? `<a href="/apotek/stok">⚠ ${parts.join(" · ")}</a>` : "";
    } catch { }
  }

  function angka(n) { return n == null ? "–" : fmt.format(n); }
  function hariIni() {
    const d = new Date(); return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }
  function bulanLalu() {
    const d = new Date(); d.setDate(1); d.setMonth(d.getMonth() - 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
  }
  function pesanGalat(err, fallback) {
    const p = (err && err.problem) || {};
    if (p.errors) return Object.values(p.errors).flat().join(" ");
    return p.detail || p.title || fallback || "Terjadi kesalahan.";
  }

  /** A drug search box with a result list (↑/↓, Enter picks, Escape closes); pick(drug) is called with the chosen drug. */
  function cariObat(input, list, pick) {
    let items = [], active = 0;
    const close = () => { list.classList.add("tersembunyi"); list.innerHTML = ""; input.setAttribute("aria-expanded", "false"); };
    const draw = () => {
      list.innerHTML = items.map((d, i) => `<li role="option" data-i="${i}" class="${i === active ? "aktif" : ""}" aria-selected="${i === active}">` +
        `${simpus.esc(d.name)} <span class="kecil">(${simpus.esc(d.unit)})</span></li>`).join("");
      list.classList.toggle("tersembunyi", items.length === 0);
      input.setAttribute("aria-expanded", String(items.length > 0));
    };
    const search = simpus.debounce(async () => {
      const q = input.value.trim();
      if (!q) { items = []; close(); return; }
      items = await simpus.api("GET", "/api/drugs?q=" + encodeURIComponent(q)).catch(() => []);
      items = items.slice(0, 12);
      if (input.value.trim() !== q) return;
      active = 0; draw();
    }, 120);
    input.addEventListener("input", search);
    input.addEventListener("keydown", e => {
      if (e.key === "ArrowDown" && items.length) { e.preventDefault(); active = (active + 1) % items.length; draw(); }
      else if (e.key === "ArrowUp" && items.length) { e.preventDefault(); active = (active - 1 + items.length) % items.length; draw(); }
      else if (e.key === "Enter") {
        // Enter picks from the list; without a list it does nothing (never submits the surrounding form).
        e.preventDefault(); e.stopPropagation();
        if (items[active] && !list.classList.contains("tersembunyi")) { const d = items[active]; items = []; close(); pick(d); }
      }
      else if (e.key === "Escape") close();
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
    list.addEventListener("mousedown", e => {
      const li = e.target.closest("li"); if (!li) return;
      e.preventDefault(); const d = items[Number(li.dataset.i)]; items = []; close(); pick(d);
    });
  }

  return { start, peringatan, angka, hariIni, bulanLalu, pesanGalat, cariObat };
})();
