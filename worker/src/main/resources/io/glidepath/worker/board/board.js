(function(){
  var live=document.getElementById('live');
  // Durations as the server writes them: "25 s", "4 min 10 s", "42 min", "23 h 59 m", "2 d 3 h".
  function dur(ms){
    var s=Math.max(0,Math.floor(ms/1000));if(s<60)return s+' s';
    var m=Math.floor(s/60);if(m<10)return s%60?m+' min '+(s%60)+' s':m+' min';
    if(m<60)return m+' min';
    var h=Math.floor(m/60);if(h<24)return m%60?h+' h '+(m%60)+' m':h+' h';
    return h%24?Math.floor(h/24)+' d '+(h%24)+' h':Math.floor(h/24)+' d';}
  function pad(n){return (n<10?'0':'')+n;}
  // Countdowns tick; a moment in UTC gets the reader's local time beside it when that differs.
  function tick(){
    document.querySelectorAll('time.countdown').forEach(function(t){
      t.textContent=dur(+t.dataset.end-Date.now());});
    document.querySelectorAll('time.at').forEach(function(t){
      if(t.dataset.utc!==undefined)return;
      var d=new Date(t.getAttribute('datetime'));t.dataset.utc=t.textContent;
      if(isNaN(d)||d.getTimezoneOffset()===0)return;
      var clock=/:\d\d:\d\d/.test(t.textContent);
      var local=(clock?'':d.getDate()+' '+d.toLocaleString('en',{month:'short'})+' '+
        d.getFullYear()+', ')+pad(d.getHours())+':'+pad(d.getMinutes())+
        (clock?':'+pad(d.getSeconds()):'');
      t.textContent=local+' local ('+t.dataset.utc+')';});}
  function busy(){var a=document.activeElement;
    return a&&live.contains(a)&&(a.tagName==='INPUT'||a.tagName==='SELECT')&&a.value;}
  // Updates only what changed, node by node: a button the user is about to click, a field being
  // typed in and the focus stay the same elements while the rest follows the release. A details
  // element the reader opened stays open.
  function morph(a,b){
    if(a.nodeType!==b.nodeType||a.nodeName!==b.nodeName){a.replaceWith(b);return;}
    if(a.nodeType!==1){if(a.nodeValue!==b.nodeValue)a.nodeValue=b.nodeValue;return;}
    if(a.isEqualNode(b))return;
    var keep=a.nodeName==='DETAILS'?'open':'';
    Array.from(a.attributes).forEach(function(t){
      if(t.name!==keep&&!b.hasAttribute(t.name))a.removeAttribute(t.name);});
    Array.from(b.attributes).forEach(function(t){
      if(t.name!==keep&&a.getAttribute(t.name)!==t.value)a.setAttribute(t.name,t.value);});
    var ac=Array.from(a.childNodes),bc=Array.from(b.childNodes);
    for(var i=0;i<Math.max(ac.length,bc.length);i++){
      if(i>=ac.length)a.appendChild(bc[i]);
      else if(i>=bc.length)a.removeChild(ac[i]);
      else morph(ac[i],bc[i]);}}
  function refresh(){
    if(!live||busy())return Promise.resolve();
    return fetch(live.dataset.live,{headers:{'X-Requested-With':'board'}}).then(function(r){
      return r.ok?r.text():null;}).then(function(html){
      if(html===null)return;
      var next=live.cloneNode(false);next.innerHTML=html;
      morph(live,next);
      tick();}).catch(function(){});}
  document.addEventListener('submit',function(ev){
    var f=ev.target;if(!f.classList||!f.classList.contains('act'))return;
    ev.preventDefault();
    fetch(f.action,{method:'POST',headers:{'X-Requested-With':'board',
      'Content-Type':'application/x-www-form-urlencoded'},
      body:new URLSearchParams(new FormData(f)).toString()}).then(function(r){return r.text();})
      .then(function(html){var fl=document.getElementById('flash');if(fl)fl.innerHTML=html;
        if(f.reset)f.reset();return refresh();});
  });
  if(live){setInterval(refresh,+live.dataset.refresh||1000);}
  tick();
  setInterval(tick,1000);
})();
