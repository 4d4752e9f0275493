// SIMPUS shared page helpers: API calls with ProblemDetails, field errors, Indonesian formatting, the top bar.
"use strict";
const simpus = (() => {
  const fmtTanggal = new Intl.DateTimeFormat("id-ID", { day: "2-digit", month: "short", year: "numeric" });
  const zones = { WIB: "Asia/Jakarta", WITA: "Asia/Makassar", WIT: "Asia/Jayapura" };
  // Times are shown in the puskesmas' time zone, whatever the browser's clock says.
  let fmtJam = new Intl.DateTimeFormat("id-ID", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Jakarta" });
  function zona(code) {
    fmtJam = new Intl.DateTimeFormat("id-ID", { hour: "2-digit", minute: "2-digit", timeZone: zones[code] || "Asia/Jakarta" });
  }

  /** Calls the API; resolves with JSON (or null), rejects with {status, problem}. */
  async function api(method, url, body) {
    const init = { method, headers: { "Accept": "application/json" }, credentials: "same-origin" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(url, init);
    // A 401 from the login itself is a wrong password, shown on the form; anywhere else the session has ended.
    if (res.status === 401 && !url.startsWith("/api/auth/login") && location.pathname !== "/login") {
      location.href = "/login?returnUrl=" + encodeURIComponent(location.pathname + location.search);
      throw { status: 401, problem: { detail: "Sesi berakhir, silakan masuk lagi." } };
    }
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) throw { status: res.status, problem: data || { detail: "Gagal (" + res.status + ")" } };
    return data;
  }

  /** Shows ProblemDetails field errors next to inputs named data-field="x" inside form; returns the general message. */
  function showErrors(form, err) {
    clearErrors(form);
    const p = (err && err.problem) || {};
    const errors = p.errors || {};
    let first = null;
    for (const [field, messages] of Object.entries(errors)) {
      const input = form.querySelector(`[data-field="${field}"]`);
      const slot = form.querySelector(`[data-error="${field}"]`);
      if (input) { input.setAttribute("aria-invalid", "true"); first = first || input; }
      if (slot) slot.textContent = messages.join(" ");
    }
    if (first) first.focus();
    const unplaced = Object.keys(errors).filter(f => !form.querySelector(`[data-error="${f}"]`));
    if (unplaced.length) return unplaced.map(f => errors[f].join(" ")).join(" ");
    return Object.keys(errors).length ? "Periksa isian yang ditandai merah." : (p.detail || p.title || "Terjadi kesalahan.");
  }

  function clearErrors(form) {
    form.querySelectorAll("[aria-invalid]").forEach(e => e.removeAttribute("aria-invalid"));
    form.querySelectorAll("[data-error]").forEach(e => e.textContent = "");
  }

  function message(el, kind, text) {
    el.className = "pesan " + kind;
    el.textContent = text;
    el.classList.toggle("tersembunyi", !text);
  }

  function tanggal(iso) { return iso ? fmtTanggal.format(new Date(iso.length === 10 ? iso + "T00:00:00" : iso)) : ""; }
  function jam(iso) { return iso ? fmtJam.format(new Date(iso)) : ""; }
  function umur(birthDate) {
    if (!birthDate) return "";
    const b = new Date(birthDate + "T00:00:00"), t = new Date();
    let months = (t.getFullYear() - b.getFullYear()) * 12 + t.getMonth() - b.getMonth();
    if (t.getDate() < b.getDate()) months--;
    if (months < 1) return Math.floor((t - b) / 86400000) + " hr";
    if (months < 24) return months + " bln";
    return Math.floor(months / 12) + " th";
  }
  function esc(s) {
    return String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }
  function debounce(fn, ms) {
    let t;
    return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
  }

  const roleNames = { admin: "Admin", pendaftaran: "Pendaftaran", klinisi: "Klinisi", kepala: "Kepala Puskesmas", farmasi: "Farmasi" };
  function poliName(settings, code) {
    const p = settings && settings.poli ? settings.poli.find(x => x.code === code) : null;
    return p ? p.name : code;
  }

  /** Fills <header class="bar"> with the menu for the user's role. */
  async function bar(active) {
    const header = document.querySelector("header.bar");
    let me;
    try { me = await api("GET", "/api/auth/me"); } catch { return null; }
    let settings = null;
    try { settings = await api("GET", "/api/settings"); zona(settings.timeZone); } catch { }
    const links = [["/", "Beranda", null]];
    const role = me.role;
    const menu = [
      ["/pendaftaran", "Pendaftaran", ["admin", "pendaftaran"]],
      ["/poli", "Poli", ["admin", "klinisi", "kepala"]],
      ["/apotek", "Apotek", ["admin", "farmasi", "kepala"]],
      ["/antrian", "Layar Antrean", null],
      ["/dasbor", "Dasbor", ["admin"]],
      ["/laporan", "Laporan", ["admin", "kepala"]],
      ["/absensi", "Absensi", ["admin", "kepala"]],
      ["/akses", "Akses RM", ["admin", "kepala"]],
      ["/admin", "Pengaturan", ["admin"]],
      ["/pengguna", "Pengguna", ["admin"]],
    ];
    for (const m of menu) if (!m[2] || m[2].includes(role)) links.push(m);
    header.innerHTML = `<span class="nama">${esc(settings ? settings.name : "SIMPUS")}</span>` +
      links.map(([href, label]) => `<a href="${href}"${href === active ? ' class="aktif" aria-current="page"' : ""}>${label}</a>`).join("") +
      akunDanKeluar(me, active, settings);
    pasangKeluar();
    return { me, settings };
  }

  /** The right end of a top bar: the user's name (a link to their account page) and "Keluar". */
  function akunDanKeluar(me, active, settings) {
    return `<span class="kanan"><a href="/akun" title="Akun saya: ganti kata sandi"${active === "/akun" ? ' class="aktif" aria-current="page"' : ""}>` +
      `${esc(me.fullName)} (${esc(roleNames[me.role] || me.role)}${me.poli ? " · " + esc(poliName(settings, me.poli)) : ""})</a>` +
      `<a href="#" id="keluar">Keluar</a></span>`;
  }

  function pasangKeluar() {
    document.getElementById("keluar").addEventListener("click", async e => {
      e.preventDefault();
      await api("POST", "/api/auth/logout");
      location.href = "/login";
    });
  }

  return { api, zona, showErrors, clearErrors, message, tanggal, jam, umur, esc, debounce, bar, akunDanKeluar, pasangKeluar };
})();
