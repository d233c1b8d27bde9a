namespace Portal.Features.Users;

/// <summary>Registers the services of the Users page.</summary>
public static class UsersFeature
{
    public static IServiceCollection AddUsersFeature(this IServiceCollection services) =>
        services.AddScoped<UserCsvImport>().AddScoped<UserAccounts>();
}
