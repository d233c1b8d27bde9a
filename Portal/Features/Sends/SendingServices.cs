using Portal.Infrastructure.TwilioApi;

namespace Portal.Features.Sends;

public static class SendingServices
{
    /// <summary>Test sends, Twilio's status reports on them, and the resilient Twilio client they go through.</summary>
    public static IServiceCollection AddSending(this IServiceCollection services)
    {
        services.AddTwilioHttp();
        services.AddScoped<SendStatusUpdates>();
        services.AddScoped<TestSender>();
        return services;
    }
}
