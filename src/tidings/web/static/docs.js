// Swagger UI from the bundled copy. The schema is fetched here (not by URL) so that a
// token that the main page stored is sent with it and with every "Try it out" request.
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const token = sessionStorage.getItem("tidings-token");
  const auth = (request) => {
    if (token) request.headers.Authorization = "Bearer " + token;
    return request;
  };
  const response = await fetch("/openapi.json", { headers: token ? { Authorization: "Bearer " + token } : {} });
  if (!response.ok) {
    const box = document.getElementById("docs-error");
    box.textContent = "Cannot load the API schema (HTTP " + response.status + "). " +
      "If the server needs a token, enter it on the main page first.";
    box.hidden = false;
    return;
  }
  window.SwaggerUIBundle({
    spec: await response.json(),
    dom_id: "#swagger-ui",
    deepLinking: true,
    requestInterceptor: auth,
    validatorUrl: null,
  });
});
