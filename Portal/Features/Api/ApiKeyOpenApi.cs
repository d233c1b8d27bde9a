using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Features.Api;

/// <summary>
/// Tells /openapi/v1.json how the API authenticates: an API key sent as <c>Authorization: Bearer …</c>, so that
/// generated clients and API consoles ask for the key and send it.
/// </summary>
public static class ApiKeyOpenApi
{
    public static Task DeclareSchemeAsync(
        OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "API key",
            Description = "An API key (onp_…) from the portal's API keys page, sent as 'Authorization: Bearer <key>'.",
        };
        return Task.CompletedTask;
    }

    public static Task RequireKeyAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.SchemeName, context.Document)] = [],
        });
        return Task.CompletedTask;
    }
}
