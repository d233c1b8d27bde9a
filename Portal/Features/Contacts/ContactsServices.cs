using Portal.Features.Contacts.Import;

namespace Portal.Features.Contacts;

/// <summary>Registers the contacts feature: phone spelling, the importers, the directory and assignments.</summary>
public static class ContactsServices
{
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
            PhoneSpelling.FromConfiguration(provider.GetRequiredService<IConfiguration>()));
        services.AddScoped<ContactCsvImport>();
        services.AddScoped<OutboundHistoryImport>();
        services.AddScoped<ContactDirectory>();
        services.AddScoped<ContactAssignments>();
        return services;
    }
}
