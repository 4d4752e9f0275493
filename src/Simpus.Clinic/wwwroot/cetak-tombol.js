// Print buttons on the desk (patient card), the examination page (prescription, letters) and the patient history
// (card, reprints). Each opens the print page in a new tab; "?cetak=1" opens the print dialog at once.
"use strict";
(() => {
  const path = location.pathname;
  const open = url => window.open(url, "_blank");
  const button = (label, onClick, id) => {
    const b = document.createElement("button");
    b.type = "button"; b.className = "kedua"; b.textContent = label; if (id) b.id = id;
    b.addEventListener("click", onClick);
    return b;
  };

  if (path === "/pendaftaran") {
    const edit = document.getElementById("ubah");
    if (edit) {
      edit.after(" ", button("Cetak kartu berobat", () => {
        const rm = document.getElementById("rm").value;
        if (rm) open(`/cetak/kartu/${encodeURIComponent(rm)}?cetak=1`);
      }, "cetakKartu"));
    }
  } else if (path.startsWith("/poli/periksa/")) {
    const visitId = Number(path.split("/").pop());
    const place = document.querySelector("#kepala .kanan");
    if (place) {
      const span = document.createElement("span");
      span.className = "cetak-tombol";
      span.append(
        button("Cetak resep", () => open(`/cetak/resep/${visitId}?cetak=1`), "cetakResep"), " ",
        button("Surat rujukan", () => open(`/cetak/surat/baru?kunjungan=${visitId}&jenis=rujukan`), "suratRujukan"), " ",
        button("Surat sakit", () => open(`/cetak/surat/baru?kunjungan=${visitId}&jenis=sakit`), "suratSakit"), " ",
        button("Surat sehat", () => open(`/cetak/surat/baru?kunjungan=${visitId}&jenis=sehat`), "suratSehat"));
      place.prepend(span);
    }
  } else if (/^\/pasien\/[^/]+\/riwayat$/.test(path)) {
    const rm = decodeURIComponent(path.split("/")[2]);
    const title = document.getElementById("judul");
    const box = document.createElement("div");
    box.className = "panel";
    box.append(button("Cetak kartu berobat", () => open(`/cetak/kartu/${encodeURIComponent(rm)}?cetak=1`), "cetakKartu"));
    const list = document.createElement("span");
    list.className = "kecil";
    list.id = "daftarSurat";
    box.append(" ", list);
    title.after(box);
    simpus.api("GET", `/api/patients/${encodeURIComponent(rm)}/letters`).then(letters => {
      list.innerHTML = letters.length ? "Surat: " + letters.map(l => `<a href="/cetak/surat/${l.id}" target="_blank">${simpus.esc(l.number)}</a>`).join(", ") : "";
    }).catch(() => { });
    // Each visit gets "Cetak resep" beside "Buka pemeriksaan" (the list is drawn after loading and on filtering).
    const daftar = document.getElementById("daftar");
    new MutationObserver(() => {
      for (const a of daftar.querySelectorAll('a[href^="/poli/periksa/"]:not([data-cetak])')) {
        a.dataset.cetak = "1";
        const link = document.createElement("a");
        link.href = `/cetak/resep/${a.getAttribute("href").split("/").pop()}`;
        link.target = "_blank";
        link.textContent = "Cetak resep";
        a.parentElement.append(" · ", link);
      }
    }).observe(daftar, { childList: true, subtree: true });
  }
})();
