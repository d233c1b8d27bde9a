namespace Portal.Features.Live;

/// <summary>Registers the notifier, its relay to other instances, and the listener that hears them.</summary>
public static class LiveServices
{
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSingleton<InputChangeRelay>();
        services.AddSingleton<InputChanges>();
        services.AddHostedService<InputChangeListener>();
        return services;
    }
}
