/* global document, window, navigator, location */
// Karfu'R's progressive enhancements, without a framework (the public pages carry no React): the
// offline service worker and the install manifest, the "listen" button (speech synthesis, shown only
// when the device has a voice for the page's language), copy / share sheet / print, and the offline
// notice. Every page works without this script.
const script = document.querySelector('script[data-sw]');
const strings = JSON.parse((script && script.dataset.strings) || '{}');

function registerOffline() {
  if (!script || !('serviceWorker' in navigator)) return;
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = script.dataset.manifest;
    document.head.appendChild(link);
  }
  navigator.serviceWorker.register(script.dataset.sw, { scope: '/karfur/' }).catch(() => undefined);
}

function offlineNotice() {
  const notice = document.querySelector('[data-karfur-offline]');
  if (!notice) return;
  const update = () => {
    notice.hidden = navigator.onLine;
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  update();
}

function readableText(root) {
  const parts = [];
  for (const el of root.querySelectorAll('h1, h2, p, li, dt, dd')) {
    if (el.closest('.karfur-actions, [hidden], .karfur-share, [data-karfur-noread]')) continue;
    // Nested list items are read through their parent.
    if (el.tagName === 'P' && el.closest('li')) continue;
    const text = el.textContent.replace(/\s+/g, ' ').trim();
    if (text) parts.push(text);
  }
  return parts;
}

function listen() {
  const button = document.querySelector('[data-karfur-listen]');
  const synth = window.speechSynthesis;
  if (!button || !synth || typeof window.SpeechSynthesisUtterance !== 'function') return;
  const lang = (button.dataset.lang || document.documentElement.lang || 'fr').toLowerCase();
  const base = lang.split('-')[0];
  const voiceFor = () => synth.getVoices().find((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === base);
  let speaking = false;
  const label = button.textContent;
  const stop = () => {
    synth.cancel();
    speaking = false;
    button.textContent = label;
    button.setAttribute('aria-pressed', 'false');
  };
  const show = () => {
    // No voice for the language on this device: the button stays hidden (reading Arabic with a French voice helps nobody).
    if (voiceFor()) button.hidden = false;
  };
  show();
  if (typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', show);
  button.addEventListener('click', () => {
    if (speaking) return stop();
    const voice = voiceFor();
    const root = document.querySelector('[data-karfur-readable]');
    if (!voice || !root) return;
    speaking = true;
    button.textContent = strings.stop || label;
    button.setAttribute('aria-pressed', 'true');
    const chunks = readableText(root);
    chunks.forEach((text, i) => {
      const u = new window.SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      if (i === chunks.length - 1) u.onend = stop;
      synth.speak(u);
    });
  });
  window.addEventListener('pagehide', () => synth.cancel());
}

function share() {
  for (const box of document.querySelectorAll('[data-karfur-share]')) {
    const input = box.querySelector('[data-karfur-share-url]');
    const status = box.querySelector('[data-karfur-share-status]');
    if (!input) continue;
    const url = new URL(input.dataset.karfurShareUrl, location.href).href;
    input.value = url;
    const copy = box.querySelector('[data-karfur-copy]');
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener('click', () =>
        navigator.clipboard.writeText(url).then(
          () => {
            if (status) status.textContent = strings.copied || '';
          },
          () => input.select(),
        ),
      );
    }
    const native = box.querySelector('[data-karfur-native-share]');
    if (native && typeof navigator.share === 'function') {
      native.hidden = false;
      native.addEventListener('click', () =>
        navigator.share({ title: native.dataset.title || document.title, url }).catch(() => undefined),
      );
    }
  }
  for (const b of document.querySelectorAll('[data-karfur-print]')) {
    b.hidden = false;
    b.addEventListener('click', () => window.print());
  }
}

async function cachedList() {
  const list = document.querySelector('[data-karfur-cached-list]');
  if (!list || !window.caches) return;
  const cache = await window.caches.open('karfur-pages');
  const lang = document.documentElement.lang;
  for (const req of await cache.keys()) {
    const u = new URL(req.url);
    if (!u.pathname.startsWith(`/karfur/${lang}/fiches/`)) continue;
    const res = await cache.match(req);
    const title = res ? /<title>([^<]*)<\/title>/.exec(await res.text()) : null;
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = u.pathname;
    a.textContent = title ? title[1].split(' — ')[0] : u.pathname;
    li.appendChild(a);
    list.appendChild(li);
  }
}

registerOffline();
offlineNotice();
listen();
share();
cachedList().catch(() => undefined);
