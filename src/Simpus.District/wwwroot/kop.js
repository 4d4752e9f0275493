// The top bar for the pages both services share (/akun, /pengguna): the district's menu from bar.js.
"use strict";
window.simpusKop = active => new Promise((resolve, reject) => {
  const script = document.createElement("script");
  script.src = "/assets/bar.js";
  script.onload = () => resolve(dinkesBar(active));
  script.onerror = reject;
  document.head.append(script);
});
