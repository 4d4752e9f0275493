// "Akses rekam medis" (/akses, head and admin): who opened which patient's clinical record, per user and per patient.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const bagian = { "riwayat": "Riwayat", "pemeriksaan": "Pemeriksaan", "kia": "Catatan KIA", "jejak-koreksi": "Jejak koreksi",
    "resep": "Resep", "surat": "Surat" };
  const waktu = iso => `${simpus.tanggal(iso)} ${simpus.jam(iso)}`;
  let pasien = null;

  function isoLokal(d) {
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }
  function periode() { return `from=${$("dari").value}&to=${$("sampai").value}`; }

  async function muatPengguna() {
    const rows = await simpus.api("GET", "/api/access-log/users?" + periode());
    $("daftarPengguna").innerHTML = rows.map(u => `<tr>
      <td>${simpus.esc(u.fullName)} <span class="kecil">(${simpus.esc(u.username)})</span></td><td>${simpus.esc(u.role)}</td>
      <td class="angka">${u.openings}</td><td class="angka">${u.patients}</td><td>${waktu(u.lastOpenedAt)}</td>
      <td><button type="button" class="kedua" data-pengguna="${simpus.esc(u.username)}" data-nama="${simpus.esc(u.fullName)}">Lihat</button></td></tr>`).join("")
      || `<tr><td colspan="6" class="kecil">Tidak ada rekam medis yang dibuka pada periode ini.</td></tr>`;
  }

  async function tampilkanPengguna(username, nama) {
    const rows = await simpus.api("GET", `/api/access-log?username=${encodeURIComponent(username)}&` + periode());
    $("judulPengguna").textContent = `Dibuka oleh ${nama}`;
    $("aksesPengguna").innerHTML = rows.map(a => `<tr><td>${waktu(a.openedAt)}</td><td>${simpus.esc(a.rm)}</td>
      <td>${simpus.esc(a.patientName)}</td><td>${simpus.esc(bagian[a.part] || a.part)}</td></tr>`).join("")
      || `<tr><td colspan="4" class="kecil">Tidak ada.</td></tr>`;
    $("judulPengguna").classList.remove("tersembunyi");
    $("tabelPengguna").classList.remove("tersembunyi");
  }

  async function tampilkanPasien(p) {
    pasien = p;
    $("hasil").innerHTML = "";
    try {
      const rows = await simpus.api("GET", `/api/access-log?rm=${encodeURIComponent(p.rm)}&` + periode());
      $("judulPasien").textContent = `Rekam medis ${p.name} (${p.rm})`;
      $("aksesPasien").innerHTML = rows.map(a => `<tr><td>${waktu(a.openedAt)}</td>
        <td>${simpus.esc(a.userFullName)} <span class="kecil">(${simpus.esc(a.username)})</span></td><td>${simpus.esc(a.role)}</td>
        <td>${simpus.esc(bagian[a.part] || a.part)}</td></tr>`).join("")
        || `<tr><td colspan="4" class="kecil">Tidak ada yang membuka rekam medis pasien ini pada periode ini.</td></tr>`;
      $("judulPasien").classList.remove("tersembunyi");
      $("tabelPasien").classList.remove("tersembunyi");
    } catch (err) {
      simpus.showErrors($("cariPasien"), err);
    }
  }

  const cari = simpus.debounce(async () => {
    const q = $("q").value.trim();
    if (q.length < 2) { $("hasil").innerHTML = ""; return; }
    const rows = await simpus.api("GET", "/api/patients?q=" + encodeURIComponent(q));
    $("hasil").innerHTML = rows.slice(0, 8).map((p, i) =>
      `<li><a href="#" data-i="${i}">${simpus.esc(p.rm)} · ${simpus.esc(p.name)} · ${simpus.tanggal(p.birthDate)}</a></li>`).join("")
      || "<li>Tidak ditemukan.</li>";
    $("hasil").dataset.rows = JSON.stringify(rows.slice(0, 8).map(p => ({ rm: p.rm, name: p.name })));
  }, 250);

  $("q").addEventListener("input", cari);
  $("cariPasien").addEventListener("submit", e => {
    e.preventDefault();
    const rows = JSON.parse($("hasil").dataset.rows || "[]");
    if (rows.length) tampilkanPasien(rows[0]);
  });
  $("hasil").addEventListener("click", e => {
    const a = e.target.closest("a[data-i]");
    if (!a) return;
    e.preventDefault();
    tampilkanPasien(JSON.parse($("hasil").dataset.rows)[+a.dataset.i]);
  });
  $("daftarPengguna").addEventListener("click", e => {
    const b = e.target.closest("button[data-pengguna]");
    if (b) tampilkanPengguna(b.dataset.pengguna, b.dataset.nama);
  });
  $("periode").addEventListener("submit", async e => {
    e.preventDefault();
    simpus.message($("pesanPeriode"), "", "");
    try {
      await muatPengguna();
      $("judulPengguna").classList.add("tersembunyi");
      $("tabelPengguna").classList.add("tersembunyi");
      if (pasien) await tampilkanPasien(pasien);
    } catch (err) {
      simpus.message($("pesanPeriode"), "galat", simpus.showErrors(e.target, err));
    }
  });

  (async () => {
    await simpus.bar("/akses");
    const today = new Date();
    $("sampai").value = isoLokal(today);
    $("dari").value = isoLokal(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29));
    const rm = new URLSearchParams(location.search).get("rm");
    await muatPengguna();
    if (rm) await tampilkanPasien({ rm, name: rm });
  })();
})();
