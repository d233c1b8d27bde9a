namespace Portal.Features.Audit;

/// <summary>Registers the services of the Audit page.</summary>
public static class AuditFeature
{
    public static IServiceCollection AddAuditFeature(this IServiceCollection services) =>
        services.AddScoped<AuditQuery>();
}
