"use strict";
/** /poli/kohort-ibu: the pregnancies of the kohort ibu, ongoing first; "data belum lengkap" marked for the bidan to complete. */
(() => {
  const $ = id => document.getElementById(id);
  const tick = d => d ? "✓ " + simpus.esc(simpus.tanggal(d)) : "—";

  async function load() {
    const list = await simpus.api("GET", `/api/kia/kohort?months=${$("bulan").value}&incomplete=${$("belumLengkap").checked}`);
    const open = list.filter(p => !p.endedOn);
    $("ringkasan").textContent = `${list.length} kehamilan, ${open.length} masih berjalan, ${list.filter(p => !p.dated).length} data belum lengkap.`;
    $("daftar").innerHTML = list.map(p => `<tr class="${p.dated ? "" : "belum-lengkap"} ${p.endedOn ? "selesai" : ""}">
      <td class="nama"><a href="/pasien/${encodeURIComponent(p.rm)}/riwayat">${simpus.esc(p.name)}</a></td><td>${simpus.esc(p.rm)}</td>
      <td>${p.gravida ? `G${p.gravida}P${p.para ?? 0}A${p.abortus ?? 0}` : ""}</td>
      <td>${simpus.esc(simpus.tanggal(p.lmp))}</td><td>${simpus.esc(simpus.tanggal(p.edd))}</td>
      <td>${p.gestationalWeekToday != null ? p.gestationalWeekToday + " mg" : ""}</td>
      <td>${p.contacts}</td><td>${p.contactsT1}/${p.contactsT2}/${p.contactsT3}</td><td>${p.doctorContacts}</td>
      <td>${tick(p.k1Murni)}</td><td>${tick(p.k4)}</td><td>${tick(p.k6)}</td>
      <td>${simpus.esc(p.riskFlags.join(", "))}</td>
      <td>${p.dated ? (p.endedOn ? "Bersalin " + simpus.esc(simpus.tanggal(p.endedOn)) : "") : "Data belum lengkap: isi HPHT atau usia kehamilan pada kunjungan berikut"}</td></tr>`).join("")
      || `<tr><td colspan="14">Tidak ada kehamilan${$("belumLengkap").checked ? " dengan data belum lengkap" : ""} dalam periode ini.</td></tr>`;
  }

  (async () => {
    if (!await simpus.bar("/poli")) return;
    $("belumLengkap").addEventListener("change", load);
    $("bulan").addEventListener("change", load);
    await load();
  })();
})();
