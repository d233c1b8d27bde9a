using Portal.Infrastructure;

namespace Portal.Features.Numbers;

public static class NumbersServices
{
    /// <summary>The numbers feature: Twilio sync, the numbers page's query, the default and release changes.</summary>
    public static IServiceCollection AddNumbers(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
            provider.GetRequiredService<IConfiguration>().GetSection(NumberSyncOptions.Section).Get<NumberSyncOptions>()
            ?? new NumberSyncOptions());
        services.AddSingleton(provider => TwilioEndpoint.From(
            provider.GetRequiredService<TwilioSettings>(), provider.GetRequiredService<IConfiguration>()));
        services.AddScoped<TwilioListing>();
        services.AddScoped<NumberSync>();
        services.AddScoped<NumberUsage>();
        services.AddScoped<DefaultOutbound>();
        services.AddScoped<NumberRelease>();
        return services;
    }
}
