// The top bar for the pages both services share (/akun, /pengguna): the clinic's menu.
"use strict";
window.simpusKop = active => simpus.bar(active);
