// SATUSEHAT admin page: connection settings with presets, test, sending status, what needs attention, onboarding.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const esc = simpus.esc;
  const fields = ["authUrl", "baseUrl", "organizationId", "clientId"];
  let presets = [];

  function asal(source) {
    return source === "halaman" ? "diatur di halaman ini" : source === "konfigurasi" ? "dari konfigurasi (Simpus:SatuSehat)" : "belum diisi";
  }

  function showSettings(v) {
    presets = v.presets;
    for (const f of fields) {
      $(f).value = v[f].value || "";
      $("asal-" + f).textContent = asal(v[f].source);
    }
    $("clientSecret").value = "";
    $("clientSecret").placeholder = v.secretSet ? "tersimpan — kosongkan bila tidak diubah" : "";
    $("asal-clientSecret").textContent = v.secretUnreadable ? "secret tersimpan tidak dapat dibuka (kunci berubah): isi ulang"
      : v.secretSet ? "tersimpan terenkripsi, " + asal(v.secretSource) : "belum diisi";
    $("enabled").checked = v.enabled;
  }

  function badge(status) { return `<span class="lencana ${esc(status)}">${esc(status)}</span>`; }

  async function loadStatus() {
    const s = await simpus.api("GET", "/api/satusehat/status");
    $("ringkas").innerHTML = ["menunggu", "terkirim", "ditahan", "gagal"]
      .map(k => `<span>${badge(k)}<b>${(s.counts[k] || 0).toLocaleString("id-ID")}</b></span>`).join("");
    const st = s.sender, pending = (st.pending || 0).toLocaleString("id-ID");
    // A pause is a problem the admin should see (SATUSEHAT down, throttling, a refused token): shown as one, with what waits.
    const paused = st.active && st.pausedUntil;
    $("keadaan").className = paused ? "pesan galat" : "kecil";
    $("keadaan").textContent = !st.active ? "Pengiriman tidak aktif (koneksi belum lengkap atau dimatikan)."
      : paused ? `Pengiriman dijeda sampai ${simpus.jam(st.pausedUntil)}, lalu dicoba lagi otomatis. ${st.problem || "SATUSEHAT tidak dapat dihubungi."} ` +
        `${pending} kunjungan menunggu; tidak ada yang hilang.`
      : st.pending ? `${pending} kunjungan dalam antrean kirim.` : "Semua kunjungan yang selesai sudah diproses.";
  }

  async function loadAttention() {
    const rows = await simpus.api("GET", "/api/satusehat/visits");
    $("perhatian").innerHTML = rows.length ? rows.map(r => `<tr>
      <td>${simpus.tanggal(r.visitDate)}</td><td>${esc(r.rm)}</td><td>${esc(r.patientName)}</td><td>${esc(r.poli)}</td>
      <td>${badge(r.state.status)}</td><td class="alasan">${esc(r.state.message || "")}</td>
      <td><button type="button" data-kirim="${r.state.visitId}">Kirim ulang</button></td></tr>`).join("")
      : `<tr><td colspan="7" class="kecil">Tidak ada kunjungan yang ditahan atau gagal.</td></tr>`;
  }

  async function loadIdentities() {
    const [klinisi, lokasi, pasien, kfa] = await Promise.all([
      simpus.api("GET", "/api/satusehat/practitioners"), simpus.api("GET", "/api/satusehat/locations"),
      simpus.api("GET", "/api/satusehat/patients/unresolved"), simpus.api("GET", "/api/satusehat/kfa")]);
    const label = { found: "ditemukan", notFound: "tidak ditemukan", noNik: "NIK kosong", unchecked: "belum diperiksa" };
    $("klinisi").innerHTML = klinisi.map(k => `<tr><td>${esc(k.username)}</td><td>${esc(k.fullName)}</td><td>${k.nik ? "ada" : "—"}</td>
      <td>${k.ihsId ? esc(k.ihsId) : esc(label[k.status] || k.status)}${k.message ? `<div class="kecil">${esc(k.message)}</div>` : ""}</td></tr>`).join("");
    $("lokasi").innerHTML = lokasi.map(l => `<tr><td>${esc(l.poliName)}</td><td>${l.locationId ? esc(l.locationId) : "belum dibuat"}</td></tr>`).join("");
    $("pasien").innerHTML = pasien.length ? pasien.map(p => `<tr><td>${esc(p.rm)}</td><td>${esc(p.name)}</td><td class="alasan">${esc(p.message || label[p.status])}</td></tr>`).join("")
      : `<tr><td colspan="3" class="kecil">Tidak ada.</td></tr>`;
    $("kfa").innerHTML = `${kfa.codes.length} obat punya kode KFA, ${kfa.missing.length} obat aktif belum. ` +
      `Obat tanpa kode KFA dikirim dengan namanya saja. Isi kode di <a href="/admin/obat">katalog obat</a>.`;
  }

  async function refresh() {
    try { await Promise.all([loadStatus(), loadAttention(), loadIdentities()]); }
    catch (e) { simpus.message($("pesanKirim"), "galat", (e.problem && e.problem.detail) || "Gagal memuat."); }
  }

  document.querySelectorAll("[data-preset]").forEach(b => b.addEventListener("click", () => {
    const p = presets.find(x => x.name === b.dataset.preset);
    if (p) { $("authUrl").value = p.authUrl; $("baseUrl").value = p.baseUrl; }
  }));

  $("formKoneksi").addEventListener("submit", async e => {
    e.preventDefault();
    const form = $("formKoneksi");
    const body = { enabled: $("enabled").checked };
    for (const f of fields) body[f] = $(f).value;
    if ($("clientSecret").value) body.clientSecret = $("clientSecret").value;
    try {
      showSettings(await simpus.api("PUT", "/api/satusehat/settings", body));
      simpus.clearErrors(form);
      simpus.message($("pesanKoneksi"), "sukses", "Tersimpan.");
      refresh();
    } catch (err) { simpus.message($("pesanKoneksi"), "galat", simpus.showErrors(form, err)); }
  });

  $("tes").addEventListener("click", async () => {
    simpus.message($("pesanKoneksi"), "info", "Menguji koneksi…");
    try {
      const r = await simpus.api("POST", "/api/satusehat/settings/test");
      simpus.message($("pesanKoneksi"), r.ok ? "sukses" : "galat", r.message);
    } catch (err) { simpus.message($("pesanKoneksi"), "galat", simpus.showErrors($("formKoneksi"), err)); }
  });

  $("kirimUlangSemua").addEventListener("click", async () => {
    const r = await simpus.api("POST", "/api/satusehat/resend");
    simpus.message($("pesanKirim"), "sukses", `${r.queued} kunjungan masuk antrean kirim lagi.`);
    refresh();
  });

  $("perhatian").addEventListener("click", async e => {
    const id = e.target.dataset && e.target.dataset.kirim;
    if (!id) return;
    try {
      await simpus.api("POST", `/api/satusehat/visits/${id}/resend`);
      simpus.message($("pesanKirim"), "sukses", `Kunjungan ${id} masuk antrean kirim lagi.`);
      refresh();
    } catch (err) { simpus.message($("pesanKirim"), "galat", (err.problem && err.problem.detail) || "Gagal."); }
  });

  $("onboarding").addEventListener("click", async () => {
    simpus.message($("pesanOnboarding"), "info", "Menjalankan onboarding…");
    try {
      const r = await simpus.api("POST", "/api/satusehat/onboarding");
      simpus.message($("pesanOnboarding"), r.problems.length ? "galat" : "sukses",
        r.problems.length ? r.problems.join(" ") : "Semua poli punya Location dan semua klinisi ditemukan.");
      refresh();
    } catch (err) { simpus.message($("pesanOnboarding"), "galat", simpus.showErrors($("formKoneksi"), err)); }
  });

  (async () => {
    await simpus.bar("/admin");
    try { showSettings(await simpus.api("GET", "/api/satusehat/settings")); } catch { }
    await refresh();
    setInterval(loadStatus, 15000);
  })();
})();
