// The API docs page: Swagger UI (vendored) on the schema, with no inline script (CSP script-src 'self').
document.addEventListener("DOMContentLoaded", function () {
  var target = document.getElementById("swagger-ui");
  if (!target || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  // Swagger UI's own layout brings a second <main> and a "Schemas" section whose headings skip levels; this
  // layout shows the API's description and its operations only, inside our page's one <main>.
  function ApiLayoutPlugin(system) {
    return {
      components: {
        ApiLayout: function (props) {
          var h = system.React.createElement;
          var Info = props.getComponent("InfoContainer", true);
          var Operations = props.getComponent("operations", true);
          // Until the schema has loaded, Swagger UI would say "No operations defined in spec!" in an <h3>
          // straight under our <h1>: show the operations once they are there.
          var loaded = props.specSelectors.loadingStatus() === "success";
          return h(
            "div",
            { className: "swagger-ui" },
            h(Info),
            h("section", { "aria-label": target.dataset.operationsLabel }, loaded ? h(Operations) : null)
          );
        },
      },
    };
  }
  // Its headings start below our h1 at any level: the title and each group of operations read as level 2.
  new MutationObserver(function () {
    target.querySelectorAll(".info .title, h3.opblock-tag").forEach(function (heading) {
      heading.setAttribute("aria-level", "2");
    });
  }).observe(target, { childList: true, subtree: true });
  window.SwaggerUIBundle({
    url: target.dataset.schemaUrl,
    domNode: target,
    deepLinking: false,
    docExpansion: "list",
    defaultModelsExpandDepth: -1,
    supportedSubmitMethods: ["get"],
    plugins: [ApiLayoutPlugin],
    layout: "ApiLayout",
    requestInterceptor: function (request) {
      request.headers["X-Requested-With"] = "XMLHttpRequest";
      return request;
    },
  });
});
