// Queue ticket (/cetak/antrean/{visitId}?lebar=58|80&cetak=1): a preview on screen; "Cetak tiket" (or cetak=1, as the
// desk's automatic printing asks through a hidden frame) opens the system print dialog with the ticket only.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const visitId = location.pathname.split("/").pop();
  const params = new URLSearchParams(location.search);
  const zones = { WIB: "Asia/Jakarta", WITA: "Asia/Makassar", WIT: "Asia/Jayapura" };

  function lebar(value) {
    const w = value === "58" ? "58" : "80";
    document.body.classList.toggle("lebar-58", w === "58");
    document.body.classList.toggle("lebar-80", w === "80");
    $("lebar").value = w;
    return w;
  }

  async function muat() {
    const res = await fetch(`/api/visits/${encodeURIComponent(visitId)}/ticket`, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (res.status === 401) { location.href = "/login?returnUrl=" + encodeURIComponent(location.pathname + location.search); return null; }
    const data = await res.json().catch(() => null);
    if (!res.ok) { $("pesan").textContent = (data && data.detail) || "Tiket tidak dapat dimuat."; return null; }
    const zone = zones[data.timeZone] || "Asia/Jakarta";
    const at = new Date(data.arrivedAt);
    const tanggal = at.toLocaleDateString("id-ID", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: zone });
    const jam = at.toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit", timeZone: zone });
    $("puskesmas").textContent = data.puskesmasName;
    $("poli").textContent = data.poliName;
    $("label").textContent = data.queueLabel;
    // Date and time on lines of their own: on a 58 mm roll "tanggal · jam" breaks in the middle.
    $("tanggal").textContent = tanggal;
    $("jam").textContent = `Pukul ${jam} ${data.timeZone}`;
    $("tunggu").textContent = data.status !== "arrived" ? "" : data.waitingBefore === 0
      ? "Tidak ada yang menunggu sebelum Anda"
      : `${data.waitingBefore} orang menunggu sebelum Anda`;
    document.title = `Tiket ${data.queueLabel} — SIMPUS`;
    return data;
  }

  lebar(params.get("lebar") || localStorage.getItem("simpus.tiket.lebar") || "80");
  $("lebar").addEventListener("change", e => { localStorage.setItem("simpus.tiket.lebar", lebar(e.target.value)); });
  $("cetak").addEventListener("click", () => window.print());
  muat().then(data => {
    document.body.dataset.siap = data ? "ya" : "gagal";
    if (data && params.get("cetak") === "1") window.print();
  });
})();
