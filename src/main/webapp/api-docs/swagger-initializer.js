// Swagger UI on the published contract. "Authorize" takes the Authorization header's value:
// User <user secret>, Organization <organization secret> (hub calls: , Element <instance token>).
window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    url: '/openapi',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
