// The API docs page: Swagger UI (vendored) on the schema, with no inline script (CSP script-src 'self').
document.addEventListener("DOMContentLoaded", function () {
  var target = document.getElementById("swagger-ui");
  if (!target || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: target.dataset.schemaUrl,
    domNode: target,
    deepLinking: false,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    supportedSubmitMethods: ["get"],
    requestInterceptor: function (request) {
      request.headers["X-Requested-With"] = "XMLHttpRequest";
      return request;
    },
  });
});
