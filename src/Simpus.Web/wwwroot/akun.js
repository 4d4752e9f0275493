// "Akun saya" (/akun, both services): who I am, and changing my own password.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const form = $("formSandi");

  async function muat() {
    await window.simpusKop("/akun");
    const me = await simpus.api("GET", "/api/auth/me");
    const baris = [
      ["Nama pengguna", me.username], ["Nama lengkap", me.fullName], ["Peran", me.role], ["Poli", me.poli],
      ["NIP", me.nip], ["Nomor SIP", me.sip], ["NIK", me.nik],
    ];
    $("profil").innerHTML = baris.map(([k, v]) => `<tr><th>${k}</th><td>${simpus.esc(v || "—")}</td></tr>`).join("");
  }

  form.addEventListener("submit", async e => {
    e.preventDefault();
    simpus.clearErrors(form);
    if ($("newPassword").value !== $("ulang").value) {
      simpus.message($("pesanSandi"), "galat", simpus.showErrors(form,
        { problem: { errors: { ulang: ["Ulangan kata sandi baru tidak sama."] } } }));
      return;
    }
    try {
      await simpus.api("POST", "/api/auth/password", { oldPassword: $("oldPassword").value, newPassword: $("newPassword").value });
      form.reset();
      simpus.message($("pesanSandi"), "ok", "Kata sandi sudah diganti. Sesi Anda di komputer lain telah diakhiri.");
    } catch (err) {
      simpus.message($("pesanSandi"), "galat", simpus.showErrors(form, err));
    }
  });

  muat();
})();
