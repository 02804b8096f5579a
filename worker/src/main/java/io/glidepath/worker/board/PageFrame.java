package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.esc;

import java.util.Optional;

/**
 * The frame of every board page: head, style, the header saying who looks, and the few lines of
 * script that re-fetch the live part at the refresh interval and send the action forms in the
 * background to show the answer in place.
 */
final class PageFrame {
  private final long refreshMillis;

  PageFrame(long refreshMillis) {
    this.refreshMillis = refreshMillis;
  }

  /**
   * A whole page: {@code fixed} stays as rendered, {@code live} is re-fetched from {@code liveUrl}
   * (when not {@code null}) at every refresh.
   */
  String page(
      String title, String liveUrl, Optional<BoardIdentity> who, String fixed, String live) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    b.append("<title>").append(esc(title)).append(" - Glidepath board</title>");
    b.append("<style>").append(CSS).append("</style></head><body>");
    b.append("<header><a class=\"brand\" href=\"/board\">Glidepath board</a> <span class=\"who\">");
    b.append(
        who.map(
                w ->
                    "Signed in as <strong>"
                        + esc(w.name())
                        + "</strong>"
                        + (w.fromProxy() ? "" : " (dev identity)"))
            .orElse("Not signed in: read-only"));
    b.append("</span></header><main>").append(fixed).append("<div");
    if (liveUrl != null) {
      b.append(" id=\"live\" data-live=\"").append(esc(liveUrl)).append("\" data-refresh=\"");
      b.append(refreshMillis).append("\"");
    }
    b.append(">").append(live).append("</div></main>");
    b.append("<script>").append(SCRIPT).append("</script></body></html>");
    return b.toString();
  }

  private static final String CSS =
      "body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}"
          + "header{background:#1d3557;color:#fff;padding:.6em 1em;display:flex;justify-content:space-between}"
          + "header a{color:#fff;font-weight:bold}main{padding:1em;max-width:72em}"
          + "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}"
          + "caption{text-align:left;font-style:italic}"
          + ".msg{padding:.5em;border:2px solid}.ok{border-color:#1a7f37}.refused{border-color:#b42318;background:#fff1f0}"
          + ".controls{display:flex;gap:1em;flex-wrap:wrap}form.act{margin:.3em 0}"
          + "button{font:inherit;padding:.3em .8em}button:focus,input:focus,select:focus,a:focus{outline:3px solid #f4a261;outline-offset:2px}"
          + ".gate{border:2px dashed #1d3557;padding:.5em;margin:.5em 0}"
          + "figure.chart{display:inline-block;margin:.5em;vertical-align:top;max-width:380px}"
          + "svg .bg{fill:#fff;stroke:#999}svg .limit{stroke:#b42318;stroke-width:2}"
          + "svg .limit-label{fill:#b42318;font-size:11px}svg .axis{fill:#555;font-size:10px}"
          + "svg polyline.series{stroke:#1d3557;stroke-width:2}svg circle.series{fill:#1d3557}"
          + "svg polyline.stable{stroke:#6a4c93;stroke-width:2}"
          + ".v-fail{font-weight:bold;text-decoration:underline}"
          + "tr.running td:first-child{font-weight:bold}";

  private static final String SCRIPT =
      """
      (function(){
        var live=document.getElementById('live');
        function tick(){document.querySelectorAll('time.countdown').forEach(function(t){
          var s=Math.max(0,Math.round((+t.dataset.end-Date.now())/1000));t.textContent=s+' s';});}
        function busy(){var a=document.activeElement;
          return a&&live.contains(a)&&(a.tagName==='INPUT'||a.tagName==='SELECT')&&a.value;}
        // Updates only what changed, node by node: a button the user is about to click, a field
        // being typed in and the focus stay the same elements while the rest follows the release.
        function morph(a,b){
          if(a.nodeType!==b.nodeType||a.nodeName!==b.nodeName){a.replaceWith(b);return;}
          if(a.nodeType!==1){if(a.nodeValue!==b.nodeValue)a.nodeValue=b.nodeValue;return;}
          if(a.isEqualNode(b))return;
          Array.from(a.attributes).forEach(function(t){
            if(!b.hasAttribute(t.name))a.removeAttribute(t.name);});
          Array.from(b.attributes).forEach(function(t){
            if(a.getAttribute(t.name)!==t.value)a.setAttribute(t.name,t.value);});
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
        setInterval(tick,1000);
      })();
      """;
}
