// Progressive enhancement: the form works without this; with it, a saved question fills the
// box at once and results come from the endpoint as SPARQL JSON, drawn as a table in place.
(function () {
  "use strict";
  var form = document.getElementById("sparql-form");
  var box = document.getElementById("query");
  var saved = document.getElementById("saved");
  var results = document.getElementById("results");
  if (!form || !window.fetch) { return; }
  saved.addEventListener("change", function () {
    var t = document.querySelector('#saved-texts template[data-name="' + saved.value + '"]');
    if (t) { box.value = t.content.textContent; }
  });
  function cell(term) {
    var td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      var a = document.createElement("a");
      var base = "https://w3id.org/ingenium-kg/";
      a.href = term.value.indexOf(base) === 0 ? "/" + term.value.slice(base.length) : term.value;
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value + (term["xml:lang"] ? " @" + term["xml:lang"] : "");
    }
    return td;
  }
  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.name === "load") { return; }
    event.preventDefault();
    results.textContent = "Running…";
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: new URLSearchParams({ query: box.value })
    }).then(function (response) {
      return response.text().then(function (body) { return { response: response, body: body }; });
    }).then(function (answer) {
      results.textContent = "";
      if (!answer.response.ok) {
        var p = document.createElement("p");
        p.className = "error"; p.setAttribute("role", "alert"); p.textContent = answer.body;
        results.appendChild(p); return;
      }
      var heading = document.createElement("h2");
      heading.textContent = "Results"; results.appendChild(heading);
      if ((answer.response.headers.get("Content-Type") || "").indexOf("json") < 0) {
        var pre = document.createElement("pre"); pre.textContent = answer.body;
        results.appendChild(pre); return;
      }
      var data = JSON.parse(answer.body);
      if (typeof data.boolean === "boolean") {
        var b = document.createElement("p"); b.textContent = String(data.boolean);
        results.appendChild(b); return;
      }
      var count = document.createElement("p");
      count.textContent = data.results.bindings.length + " rows"; results.appendChild(count);
      var wrap = document.createElement("div"); wrap.className = "table-wrap";
      var table = document.createElement("table");
      var head = table.createTHead().insertRow();
      data.head.vars.forEach(function (name) {
        var th = document.createElement("th"); th.scope = "col"; th.textContent = name; head.appendChild(th);
      });
      var body = table.createTBody();
      data.results.bindings.forEach(function (row) {
        var tr = body.insertRow();
        data.head.vars.forEach(function (name) { tr.appendChild(cell(row[name])); });
      });
      wrap.appendChild(table); results.appendChild(wrap);
    }).catch(function (error) { results.textContent = "The request failed: " + error; });
  });
}());
