// The query page: a highlighted <pre> under a transparent <textarea>, examples, results as a table.
(function () {
  "use strict";
  var editor = document.getElementById("query");
  var shadow = document.getElementById("highlight");
  var results = document.getElementById("results");
  var status = document.getElementById("status");
  var downloads = document.getElementById("downloads");
  var KEYWORDS = /^(select|construct|describe|ask|where|prefix|base|optional|filter|union|minus|graph|values|bind|as|order|by|group|having|limit|offset|distinct|reduced|from|named|not|exists|in|a|asc|desc|count|sum|min|max|avg|sample|group_concat|str|lang|regex|bound|if|coalesce)$/i;
  var TOKEN = /(#[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(<[^<>"{}|^`\\\s]*>)|([?$][\w]+)|([A-Za-z][\w.-]*:[\w.:-]*|:[\w.:-]*)|([A-Za-z_]+)/g;

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function highlight() {
    var text = editor.value, out = "", last = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      out += escapeHtml(text.slice(last, m.index));
      var cls = m[1] ? "cmt" : m[2] ? "str" : m[3] ? "iri" : m[4] ? "var" : m[5] ? "pn" : KEYWORDS.test(m[6]) ? "kw" : null;
      out += cls ? '<span class="tok-' + cls + '">' + escapeHtml(m[0]) + "</span>" : escapeHtml(m[0]);
      last = m.index + m[0].length;
    }
    shadow.innerHTML = out + escapeHtml(text.slice(last)) + "\n";
    shadow.scrollTop = editor.scrollTop;
  }

  function pageOf(iri) {
    var base = document.body.dataset.base || "";
    var i = iri.indexOf("/id/");
    if (base && iri.indexOf(base + "id/") === 0) return "/page/" + iri.slice((base + "id/").length);
    if (i >= 0 && iri.indexOf(location.origin) === 0) return "/page/" + iri.slice(i + 4);
    if (iri.indexOf("https://w3id.org/hkg/vocab/") === 0) return "/vocab/" + iri.slice(27);
    if (iri.indexOf("https://w3id.org/hkg/ontology") === 0) return "/ontology" + iri.slice(29);
    return iri;
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      var a = document.createElement("a");
      a.href = pageOf(term.value);
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
    }
    return td;
  }

  function showTable(data) {
    results.textContent = "";
    if (typeof data.boolean === "boolean") {
      var p = document.createElement("p");
      p.textContent = data.boolean ? "true" : "false";
      results.appendChild(p);
      return;
    }
    var vars = data.head.vars, rows = data.results.bindings;
    var table = document.createElement("table"), tr = document.createElement("tr");
    table.className = "results";
    vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; tr.appendChild(th); });
    table.appendChild(tr);
    rows.forEach(function (row) {
      var r = document.createElement("tr");
      r.className = "row";
      vars.forEach(function (v) { r.appendChild(cell(row[v])); });
      table.appendChild(r);
    });
    results.appendChild(table);
    status.textContent = rows.length + " row" + (rows.length === 1 ? "" : "s");
  }

  function showDownloads(query, graph) {
    downloads.textContent = "";
    var names = graph ? ["ttl", "nt", "jsonld", "rdf"] : ["json", "csv", "tsv", "xml"];
    names.forEach(function (f) {
      var a = document.createElement("a");
      a.href = "/sparql?query=" + encodeURIComponent(query) + "&format=" + f;
      a.textContent = f.toUpperCase();
      a.className = "download";
      downloads.appendChild(document.createTextNode(" "));
      downloads.appendChild(a);
    });
  }

  function run(event) {
    if (event) event.preventDefault();
    var query = editor.value;
    var graph = /^\s*(construct|describe)\b/im.test(query.replace(/#[^\n]*/g, ""));
    status.textContent = "running…";
    results.textContent = "";
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query",
                 "Accept": graph ? "text/turtle" : "application/sparql-results+json" },
      body: query
    }).then(function (response) {
      return response.text().then(function (text) { return { ok: response.ok, text: text }; });
    }).then(function (r) {
      showDownloads(query, graph);
      if (!r.ok) {
        status.textContent = "error";
        var pre = document.createElement("pre"); pre.className = "error"; pre.textContent = r.text;
        results.appendChild(pre);
      } else if (graph) {
        status.textContent = "done";
        var out = document.createElement("pre"); out.textContent = r.text; results.appendChild(out);
      } else {
        showTable(JSON.parse(r.text));
      }
    }).catch(function (err) { status.textContent = "failed: " + err; });
  }

  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var t = document.getElementById("example-" + button.dataset.name);
      editor.value = t.content ? t.content.textContent : t.textContent;
      highlight();
    });
  });
  editor.addEventListener("input", highlight);
  editor.addEventListener("scroll", function () { shadow.scrollTop = editor.scrollTop; });
  document.getElementById("query-form").addEventListener("submit", run);
  highlight();
})();
