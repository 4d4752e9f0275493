// Head's page (/laporan): send the monthly data package to the Dinas Kesehatan, download it as a file, see the outbox.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const statusLabel = { queued: "Menunggu kirim", accepted: "Diterima Dinkes", refused: "Ditolak Dinkes", superseded: "Diganti revisi baru" };
  const when = iso => iso ? new Intl.DateTimeFormat("id-ID", { day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Jakarta" }).format(new Date(iso)) : "";
  const esc = s => String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const now = new Date();
  const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  $("dinkes-bulan").value = `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, "0")}`;

  function say(kind, text) {
    const m = $("dinkes-pesan");
    m.className = "msg " + kind;
    m.textContent = text;
  }
  async function problem(res) {
    const p = await res.json().catch(() => ({}));
    return p.errors ? Object.values(p.errors).flat().join(" ") : (p.detail || p.title || `Gagal (${res.status}).`);
  }
  let timer = null;
  async function outbox() {
    clearTimeout(timer);
    const res = await fetch("/api/packages/outbox");
    if (!res.ok) return;
    const data = await res.json();
    // Refresh quickly while something waits to be sent, slowly otherwise.
    timer = setTimeout(outbox, data.entries.some(e => e.status === "queued") ? 2000 : 15000);
    $("dinkes-status").textContent = data.settings.url
      ? `Tujuan: ${data.settings.url}${data.settings.keySet ? "" : " — kunci belum diatur"}`
      : "Alamat Dinas Kesehatan belum diatur: paket hanya dapat diunduh sebagai berkas.";
    $("dinkes-antrean").innerHTML = data.entries.map(e => `<tr><td style="white-space: nowrap">${esc(e.period)}</td><td>${e.revision}</td>
      <td class="${e.status === "refused" ? "err" : e.status === "accepted" ? "ok" : ""}">${statusLabel[e.status] || e.status}</td><td>${e.attempts}</td>
      <td>${esc(e.status === "accepted" ? (e.response || "") + " " + when(e.acceptedAt) : e.lastError || (e.status === "queued" ? "berikutnya " + when(e.nextAttemptAt) : ""))}</td></tr>`).join("")
      || `<tr><td colspan="5">Belum ada paket dikirim.</td></tr>`;
  }
  $("dinkes-kirim").addEventListener("click", async () => {
    say("", "Menyusun dan mengantrekan paket ...");
    const res = await fetch(`/api/packages/send?month=${$("dinkes-bulan").value}`, { method: "POST" });
    if (res.ok) { say("ok", (await res.json()).message); } else { say("err", await problem(res)); }
    outbox();
  });
  $("dinkes-unduh").addEventListener("click", async () => {
    say("", "Menyusun paket ...");
    const res = await fetch(`/api/packages/monthly?month=${$("dinkes-bulan").value}`);
    if (!res.ok) { say("err", await problem(res)); return; }
    const blob = await res.blob();
    const match = /filename="?([^";]+)"?/.exec(res.headers.get("Content-Disposition") || "");
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = match ? match[1] : "paket.json";
    document.body.appendChild(a); a.click(); a.remove();
    say("ok", `${a.download} sudah diunduh. Unggah berkas ini di SIMPUS Dinas Kesehatan (halaman Unggah paket).`);
  });
  $("dinkes-pengaturan").addEventListener("submit", async e => {
    e.preventDefault();
    const res = await fetch("/api/settings/district", {
      method: "PUT", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url: $("dinkes-url").value.trim() || null, key: $("dinkes-key").value.trim() || null }),
    });
    const m = $("dinkes-atur-pesan");
    if (res.ok) {
      const v = await res.json();
      m.className = "msg ok";
      m.textContent = `Tersimpan. Kunci ${v.keySet ? "terpasang (" + v.keyHint + ")" : "belum ada"}.`;
      $("dinkes-key").value = "";
      outbox();
    } else {
      m.className = "msg err";
      m.textContent = await problem(res);
    }
  });
  (async () => {
    const me = await fetch("/api/auth/me").then(r => r.ok ? r.json() : null);
    if (me && me.role === "admin") {
      $("dinkes-pengaturan").hidden = false;
      const s = await fetch("/api/settings/district").then(r => r.json());
      $("dinkes-url").value = s.url || "";
      $("dinkes-key").placeholder = s.keySet ? `terpasang (${s.keyHint}); isi untuk mengganti` : "64 karakter dari Dinas Kesehatan";
    }
    outbox();
  })();
})();
