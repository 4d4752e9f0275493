// The script of absensi-kiosk.html (kept out of the page so the Content-Security-Policy allows no inline script).
const clock = document.getElementById('clock'), date = document.getElementById('date'), result = document.getElementById('result');
function tick() {
  const d = new Date();
  clock.textContent = d.toLocaleTimeString('id-ID', { hour12: false });
  date.textContent = d.toLocaleDateString('id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
tick(); setInterval(tick, 1000);
let clearTimer;
function show(text, ok) {
  result.textContent = text; result.className = ok ? 'ok' : 'err';
  clearTimeout(clearTimer); clearTimer = setTimeout(() => { result.textContent = ''; result.className = ''; }, 8000);
}
document.getElementById('form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = ev.target;
  const res = await fetch('/api/attendance/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ nip: f.nip.value.replace(/\s/g, ''), pin: f.pin.value }) });
  if (res.status === 401) { location.href = '/login?returnUrl=/absensi/kiosk'; return; }
  const body = await res.json().catch(() => ({}));
  if (res.ok) show(`${body.name}: absen ${body.kind} pukul ${body.localTime}. Terima kasih.`, true);
  else show(body.detail || 'Gagal mencatat absen.', false);
  f.reset(); f.nip.focus();
});
