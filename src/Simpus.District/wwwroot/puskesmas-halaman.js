// The script of puskesmas.html (kept out of the page so the Content-Security-Policy allows no inline script).
  const $ = id => document.getElementById(id);
  let admin = false;
  function showKey(k) {
    $("kunciUntuk").textContent = `${k.name} (${k.code})`;
    $("kunci").textContent = k.key;
    $("kunciPanel").classList.remove("tersembunyi");
  }
  async function load() {
    const list = await simpus.api("GET", "/api/puskesmas");
    $("daftar").innerHTML = list.map(p => `<tr><td>${simpus.esc(p.code)}</td><td>${simpus.esc(p.name)}${p.active ? "" : " (nonaktif)"}</td>
      <td>${simpus.esc(p.orgUnit || "")}</td><td>${simpus.tanggal(p.registeredAt)}</td>
      <td>${admin ? `<button class="kedua" data-rotate="${simpus.esc(p.code)}">Ganti kunci</button>` : ""}</td></tr>`).join("")
      || `<tr><td colspan="5">Belum ada puskesmas.</td></tr>`;
  }
  $("daftar").addEventListener("click", async e => {
    const code = e.target.getAttribute("data-rotate");
    if (!code || !confirm(`Buat kunci baru untuk ${code}? Kunci lama langsung tidak berlaku.`)) return;
    showKey(await simpus.api("POST", `/api/puskesmas/${encodeURIComponent(code)}/key`));
  });
  $("form").addEventListener("submit", async e => {
    e.preventDefault();
    try {
      const k = await simpus.api("POST", "/api/puskesmas", { code: $("code").value, name: $("name").value });
      simpus.clearErrors($("form"));
      simpus.message($("pesan"), "ok", k.message);
      showKey(k);
      $("form").reset();
      load();
    } catch (err) {
      simpus.message($("pesan"), "galat", simpus.showErrors($("form"), err));
    }
  });
  (async () => {
    const me = await dinkesBar("/puskesmas");
    if (!me) return;
    admin = me.role === "admin";
    if (!admin) $("panelDaftar").classList.add("tersembunyi");
    load();
  })();
