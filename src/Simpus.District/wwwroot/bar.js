// The district pages' top bar (the clinic's simpus.bar() menu is for the clinic).
"use strict";
async function dinkesBar(active) {
  const header = document.querySelector("header.bar");
  let me;
  try { me = await simpus.api("GET", "/api/auth/me"); } catch { return null; }
  const links = [["/", "Dasbor", null], ["/obat", "Obat & POR", null], ["/unggah", "Unggah paket", null], ["/puskesmas", "Puskesmas", null], ["/pengguna", "Pengguna", ["admin"]]]
    .filter(m => !m[2] || m[2].includes(me.role));
  header.innerHTML = `<span class="nama">SIMPUS Dinas Kesehatan</span>` +
    links.map(([href, label]) => `<a href="${href}"${href === active ? ' class="aktif" aria-current="page"' : ""}>${label}</a>`).join("") +
    simpus.akunDanKeluar(me, active);
  simpus.pasangKeluar();
  return me;
}
function lastMonth() {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}
function waktu(iso) {
  return iso ? new Intl.DateTimeFormat("id-ID", { day: "2-digit", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Jakarta" }).format(new Date(iso)) : "";
}
