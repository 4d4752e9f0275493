// "Pengguna dan sesi" (/pengguna, admin, both services): users with their profile, password resets, and the live sessions.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const form = $("formPengguna");
  const waktu = iso => `${simpus.tanggal(iso)} ${simpus.jam(iso)}`;
  let users = [];
  let editing = null;
  let poli = null;
  const peran = { admin: "Admin", pendaftaran: "Pendaftaran", klinisi: "Klinisi", kepala: "Kepala Puskesmas", farmasi: "Farmasi (apotek)", petugas: "Petugas" };
  const namaPeran = r => peran[r] || r;

  function ubahMode(user) {
    editing = user;
    $("judulForm").textContent = user ? `Ubah pengguna ${user.username}` : "Tambah pengguna";
    $("simpanPengguna").textContent = user ? "Simpan perubahan" : "Tambah";
    $("labelSandi").textContent = user ? "Kata sandi baru (kosongkan bila tidak diatur ulang)" : "Kata sandi (min. 10)";
    $("uUsername").readOnly = !!user;
    simpus.clearErrors(form);
    if (!user) { form.reset(); return; }
    $("uUsername").value = user.username; $("uFullName").value = user.fullName; $("uPassword").value = "";
    $("uRole").value = user.role; $("uPoli").value = user.poli || "";
    $("uNip").value = user.nip || ""; $("uSip").value = user.sip || ""; $("uNik").value = user.nik || "";
    $("uFullName").focus();
  }

  async function muatPengguna() {
    users = await simpus.api("GET", "/api/users");
    $("daftarPengguna").innerHTML = users.map(u => `<tr>
      <td>${simpus.esc(u.username)}</td><td>${simpus.esc(u.fullName)}</td><td>${simpus.esc(namaPeran(u.role))}</td>
      <td class="kolom-poli">${simpus.esc(namaPoli(u.poli))}</td><td>${simpus.esc(u.nip || "")}</td><td>${simpus.esc(u.sip || "")}</td>
      <td>${simpus.esc(u.nik || "")}</td><td>${u.active ? "ya" : "tidak"}</td>
      <td><button type="button" class="kedua" data-ubah="${simpus.esc(u.username)}">Ubah</button>
        <button type="button" class="kedua" data-aktif="${simpus.esc(u.username)}">${u.active ? "Nonaktifkan" : "Aktifkan"}</button></td></tr>`).join("");
  }

  async function muatSesi() {
    const sesi = await simpus.api("GET", "/api/sessions");
    $("daftarSesi").innerHTML = sesi.map(s => `<tr>
      <td>${simpus.esc(s.fullName)} <span class="kecil">(${simpus.esc(s.username)})</span></td><td>${simpus.esc(namaPeran(s.role))}</td>
      <td>${waktu(s.createdAt)}</td><td>${waktu(s.lastSeenAt)}</td>
      <td>${simpus.esc(s.address)}</td><td class="kecil" title="${simpus.esc(s.userAgent)}">${simpus.esc(peramban(s.userAgent))}</td>
      <td>${s.current ? '<span class="kecil">sesi Anda</span>' : `<button type="button" class="bahaya" data-akhiri="${s.id}">Akhiri</button>`}</td></tr>`).join("")
      || `<tr><td colspan="7" class="kecil">Tidak ada sesi aktif.</td></tr>`;
  }

  /** "Chrome · Windows" from a User-Agent header; other clients (scripts) as they call themselves. */
  function peramban(ua) {
    if (!ua) return "—";
    const nama = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrome\//.test(ua) ? "Chrome"
      : /Safari\//.test(ua) ? "Safari" : null;
    const os = /Windows/.test(ua) ? "Windows" : /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS"
      : /Mac OS/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : null;
    return nama ? (os ? `${nama} · ${os}` : nama) : ua.slice(0, 40);
  }

  function namaPoli(code) {
    if (!code) return "";
    const p = poli && poli.find(x => x.code === code);
    return p ? p.name : code;
  }

  form.addEventListener("submit", async e => {
    e.preventDefault();
    const body = {
      username: $("uUsername").value, fullName: $("uFullName").value || null, password: $("uPassword").value || null,
      role: $("uRole").value, poli: poli ? ($("uPoli").value || "") : null,
      nip: $("uNip").value, sip: $("uSip").value, nik: $("uNik").value,
    };
    try {
      if (editing) await simpus.api("PUT", "/api/users/" + encodeURIComponent(editing.username), body);
      else await simpus.api("POST", "/api/users", body);
      const pesan = editing ? (body.password ? "Pengguna diubah dan kata sandinya diatur ulang." : "Pengguna diubah.") : "Pengguna ditambahkan.";
      ubahMode(null);
      simpus.message($("pesanPengguna"), "ok", pesan);
      await Promise.all([muatPengguna(), muatSesi()]);
    } catch (err) {
      simpus.message($("pesanPengguna"), "galat", simpus.showErrors(form, err));
    }
  });
  $("batal").addEventListener("click", () => { ubahMode(null); simpus.message($("pesanPengguna"), "", ""); });

  $("daftarPengguna").addEventListener("click", async e => {
    const ubah = e.target.closest("button[data-ubah]");
    if (ubah) { ubahMode(users.find(x => x.username === ubah.dataset.ubah)); return; }
    const aktif = e.target.closest("button[data-aktif]");
    if (!aktif) return;
    const u = users.find(x => x.username === aktif.dataset.aktif);
    try {
      await simpus.api("PUT", "/api/users/" + encodeURIComponent(u.username), { active: !u.active });
      simpus.message($("pesanPengguna"), "ok", u.active ? `${u.username} dinonaktifkan; sesinya diakhiri.` : `${u.username} diaktifkan.`);
    } catch (err) {
      simpus.message($("pesanPengguna"), "galat", simpus.showErrors(form, err));
    }
    await Promise.all([muatPengguna(), muatSesi()]);
  });

  $("daftarSesi").addEventListener("click", async e => {
    const b = e.target.closest("button[data-akhiri]");
    if (!b) return;
    try {
      await simpus.api("DELETE", "/api/sessions/" + b.dataset.akhiri);
      simpus.message($("pesanSesi"), "ok", "Sesi diakhiri: pengguna itu harus masuk lagi.");
    } catch (err) {
      simpus.message($("pesanSesi"), "galat", (err.problem && err.problem.detail) || "Gagal mengakhiri sesi.");
    }
    await muatSesi();
  });

  (async () => {
    await window.simpusKop("/pengguna");
    const roles = await simpus.api("GET", "/api/users/roles");
    // Not admin by default: the most powerful role is chosen on purpose.
    $("uRole").innerHTML = [...roles.filter(r => r !== "admin"), ...roles.filter(r => r === "admin")]
      .map(r => `<option value="${simpus.esc(r)}">${simpus.esc(namaPeran(r))}</option>`).join("");
    try { poli = await simpus.api("GET", "/api/poli?all=true"); } catch { poli = null; }
    if (poli) {
      $("uPoli").innerHTML = '<option value="">—</option>' + poli.map(p => `<option value="${simpus.esc(p.code)}">${simpus.esc(p.name)}</option>`).join("");
    } else {
      document.querySelectorAll(".kolom-poli").forEach(el => el.classList.add("tersembunyi"));
    }
    await Promise.all([muatPengguna(), muatSesi()]);
  })();
})();
