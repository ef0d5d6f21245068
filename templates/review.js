(function(){
  var texts = JSON.parse(document.getElementById('article-texts').textContent);
  var titles = JSON.parse(document.getElementById('article-titles').textContent);
  var panel = document.getElementById('panel'), head = document.getElementById('panel-title'),
      body = document.getElementById('panel-text');
  function show(el){
    var src = el.getAttribute('data-source'), s = +el.getAttribute('data-start'), e = +el.getAttribute('data-end');
    var text = texts[src]; if (text === undefined) return;
    head.textContent = titles[src] || src;
    body.textContent = '';
    if (!(e > s)) { body.appendChild(document.createTextNode(text)); return; }
    body.appendChild(document.createTextNode(text.slice(0, s)));
    var m = document.createElement('mark'); m.id = 'evidence'; m.textContent = text.slice(s, e); body.appendChild(m);
    body.appendChild(document.createTextNode(text.slice(e)));
    panel.hidden = false; m.scrollIntoView({block: 'center'});
  }
  document.addEventListener('click', function(ev){
    var el = ev.target.closest('[data-source]'); if (el) { ev.preventDefault(); show(el); }
  });
  document.addEventListener('keydown', function(ev){
    if (ev.key === 'Enter') { var el = ev.target.closest && ev.target.closest('[data-source]'); if (el) show(el); }
  });
})();
