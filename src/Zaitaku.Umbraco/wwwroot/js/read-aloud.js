// 読み上げ: reads the page's main content aloud with the browser's speech synthesis in Japanese,
// one sentence at a time, the sentence being read highlighted. Navigation, the footer, forms and
// the control itself are not read. Words the site's reading dictionary corrects are spoken as their
// reading. The control stays hidden where the browser has no Japanese voice.
(function () {
  'use strict';
  var control = document.querySelector('[data-read-aloud]');
  var main = document.getElementById('main');
  if (!control || !main || !('speechSynthesis' in window) || typeof window.SpeechSynthesisUtterance !== 'function') return;
  var synth = window.speechSynthesis;

  var BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,blockquote,summary,address';
  var SKIP = 'nav,footer,form,script,style,template,rt,rp,[hidden],[aria-hidden="true"],[data-read-aloud],[data-read-aloud-skip]';
  var buttons = {
    play: control.querySelector('[data-action="play"]'),
    pause: control.querySelector('[data-action="pause"]'),
    stop: control.querySelector('[data-action="stop"]')
  };
  var status = control.querySelector('[role="status"]');
  var readings = {};
  try { readings = JSON.parse(control.getAttribute('data-readings') || '{}'); } catch (e) { readings = {}; }
  var words = Object.keys(readings).sort(function (a, b) { return b.length - a.length; });
  var corrections = words.length ? new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }).join('|'), 'g') : null;

  var state = 'idle';
  var sentences = [];
  var index = 0;
  var run = 0; // each start or stop begins a new run; events of an older utterance are ignored
  var current = null;

  function japaneseVoice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) if (/^ja([-_]|$)/i.test(voices[i].lang || '')) return voices[i];
    return null;
  }

  // The text nodes of main in reading order, grouped into the block each belongs to.
  function collect() {
    var units = [];
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        if (!parent || parent.closest(SKIP)) return NodeFilter.FILTER_REJECT;
        return node.nodeValue.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      }
    });
    var unit = null;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var block = node.parentElement.closest(BLOCKS) || node.parentElement;
      if (!unit || unit.block !== block) { unit = { block: block, text: '', nodes: [] }; units.push(unit); }
      unit.nodes.push({ node: node, start: unit.text.length });
      unit.text += node.nodeValue;
    }
    var result = [];
    units.forEach(function (u) {
      var re = /[^。！？!?\n]+[。！？!?]*/g, m;
      while ((m = re.exec(u.text))) {
        var text = m[0].trim();
        if (!text || !/[^\s、。・]/.test(text)) continue;
        var start = m.index + m[0].indexOf(text);
        result.push({ unit: u, start: start, end: start + text.length, text: text });
      }
    });
    return result;
  }

  function point(unit, offset, atEnd) {
    for (var i = unit.nodes.length - 1; i >= 0; i--) {
      var n = unit.nodes[i];
      if (offset > n.start || (!atEnd && offset === n.start)) return { node: n.node, offset: Math.min(offset - n.start, n.node.nodeValue.length) };
    }
    return { node: unit.nodes[0].node, offset: 0 };
  }

  function highlight(sentence) {
    var old = main.querySelector('.read-aloud-current');
    if (old) old.classList.remove('read-aloud-current');
    if (window.CSS && CSS.highlights) CSS.highlights.delete('read-aloud');
    if (!sentence) return;
    sentence.unit.block.classList.add('read-aloud-current');
    if (window.CSS && CSS.highlights && typeof window.Highlight === 'function') {
      var range = document.createRange();
      var from = point(sentence.unit, sentence.start, false), to = point(sentence.unit, sentence.end, true);
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      CSS.highlights.set('read-aloud', new Highlight(range));
    }
    if (sentence.unit.block.scrollIntoView) sentence.unit.block.scrollIntoView({ block: 'nearest' });
  }

  function spoken(text) {
    return corrections ? text.replace(corrections, function (w) { return readings[w]; }) : text;
  }

  function setState(next, message) {
    state = next;
    control.setAttribute('data-state', next);
    buttons.play.setAttribute('aria-disabled', next === 'playing' ? 'true' : 'false');
    buttons.pause.setAttribute('aria-disabled', next === 'idle' ? 'true' : 'false');
    buttons.pause.setAttribute('aria-pressed', next === 'paused' ? 'true' : 'false');
    buttons.stop.setAttribute('aria-disabled', next === 'idle' ? 'true' : 'false');
    if (message) status.textContent = message;
  }

  function speak(id) {
    if (id !== run) return;
    if (index >= sentences.length) { finish('最後まで読み上げました。'); return; }
    var sentence = sentences[index];
    highlight(sentence);
    var u = new SpeechSynthesisUtterance(spoken(sentence.text));
    u.lang = 'ja-JP';
    var voice = japaneseVoice();
    if (voice) u.voice = voice;
    u.onend = function () { if (id === run && state !== 'idle') { index++; speak(id); } };
    u.onerror = function (e) {
      if (id !== run || (e && (e.error === 'interrupted' || e.error === 'canceled'))) return;
      finish('読み上げられませんでした。もう一度お試しください。');
    };
    current = u;
    synth.speak(u);
  }

  function finish(message) {
    run++;
    current = null;
    highlight(null);
    setState('idle', message);
  }

  function play() {
    if (state === 'playing') return;
    if (state === 'paused') { resume(); return; }
    sentences = collect();
    if (!sentences.length) { status.textContent = '読み上げる文章がありません。'; return; }
    synth.cancel();
    index = 0;
    var id = ++run;
    setState('playing', '読み上げています。');
    speak(id);
  }

  function pause() {
    if (state === 'playing') { synth.pause(); setState('paused', '一時停止しています。もう一度押すと続きを読み上げます。'); }
    else if (state === 'paused') resume();
  }

  function resume() {
    synth.resume();
    setState('playing', '続きを読み上げています。');
  }

  function stop() {
    if (state === 'idle') return;
    run++;
    synth.cancel();
    finish('読み上げを止めました。');
  }

  buttons.play.addEventListener('click', play);
  buttons.pause.addEventListener('click', function () { if (buttons.pause.getAttribute('aria-disabled') !== 'true') pause(); });
  buttons.stop.addEventListener('click', stop);
  // Leaving the page must not leave the browser talking.
  window.addEventListener('pagehide', function () { if (state !== 'idle') synth.cancel(); });

  function showIfJapanese() {
    if (japaneseVoice()) { control.hidden = false; return true; }
    return false;
  }
  if (!showIfJapanese() && synth.addEventListener) {
    // Chromium lists its voices only after a moment.
    synth.addEventListener('voiceschanged', function once() {
      if (showIfJapanese()) synth.removeEventListener('voiceschanged', once);
    });
  }
})();
