// The script of unggah.html (kept out of the page so the Content-Security-Policy allows no inline script).
  const $ = id => document.getElementById(id);
  const hasil = { accepted: "Diterima", alreadyReceived: "Sudah pernah diterima", olderRevision: "Disimpan (revisi lama)", refused: "Ditolak" };
  $("form").addEventListener("submit", async e => {
    e.preventDefault();
    const files = $("berkas").files;
    if (!files.length) { simpus.message($("pesan"), "galat", "Pilih berkas paket terlebih dahulu."); return; }
    const data = new FormData();
    for (const f of files) data.append("file", f, f.name);
    simpus.message($("pesan"), "info", "Mengunggah ...");
    const res = await fetch("/api/packages/upload", { method: "POST", body: data });
    const body = await res.json().catch(() => null);
    if (!res.ok) { simpus.message($("pesan"), "galat", (body && body.detail) || `Gagal (${res.status}).`); return; }
    simpus.message($("pesan"), "ok", `${body.filter(r => r.ok).length} dari ${body.length} berkas diterima.`);
    $("hasil").innerHTML = body.map(r => `<tr><td>${simpus.esc(r.file)}</td><td class="${r.ok ? "" : "salah"}">${hasil[r.status] || r.status}</td><td>${simpus.esc(r.message)}</td></tr>`).join("");
    $("form").reset();
  });
  dinkesBar("/unggah");
