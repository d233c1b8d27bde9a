using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using Npgsql;
using Portal.Components;
using Portal.Database;
using Portal.Database.Identity;
using Portal.Features.Account;
using Portal.Features.Api;
using Portal.Features.Audit;
using Portal.Features.Contacts;
using Portal.Features.Demo;
using Portal.Features.Health;
using Portal.Features.Home;
using Portal.Features.Impact;
using Portal.Features.Live;
using Portal.Features.Numbers;
using Portal.Features.Sends;
using Portal.Features.Simulator;
using Portal.Features.Users;
using Portal.Features.Why;
using Portal.Infrastructure;

namespace Portal;

/// <summary>Builds the web application: services, middleware and endpoints, shared by the server and the CLI.</summary>
public static class PortalApp
{
    /// <summary>The web server. With serveWeb false (the CLI verbs) only the services are built.</summary>
    public static WebApplication Build(string[] args, bool serveWeb = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (builder.Environment.IsEnvironment("Testing"))
        {
            // Development does this by itself; tests serve the same files (MudBlazor's, Blazor's) from the build.
            builder.WebHost.UseStaticWebAssets();
        }

        AddPortalServices(builder);
        if (!serveWeb)
        {
            // A verb reports a database failure itself, in one line; EF's error log would repeat it with a stack trace.
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        }

        var app = builder.Build();
        if (serveWeb)
        {
            UsePortalPipeline(app);
        }

        return app;
    }

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Portal") is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                "No database is configured. Set ConnectionStrings__Portal, for example "
                + "\"Host=127.0.0.1;Port=5433;Username=postgres;Database=portal\", or start the portal with ./run.");

    private static void AddPortalServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Read when first used, so that settings added after this point (tests, the CLI) still apply. Pooled: the
        // API answers thousands of look-ups a second and a fresh context per request is measurable. Components
        // that outlive a request (a circuit) take the factory and make a context per operation.
        services.AddPooledDbContextFactory<PortalDbContext>((provider, options) =>
            options.UsePortalDatabase(ConnectionString(provider.GetRequiredService<IConfiguration>())));
        services.AddScoped(provider =>
            provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        services.AddScoped<DatabaseMigrator>();
        services.AddUsersFeature();
        services.AddAuditFeature();
        services.AddScoped<DemoData>();
        services.AddScoped<ImpactPreview>();
        services.AddScoped<SendLedger>();
        services.AddScoped<SimulatorStart>();
        services.AddSingleton<PhoneFormat>();
        services.AddScoped<ContactLookup>();
        services.AddScoped<WhyThisNumber>();
        AddApi(services);
        services.AddSending();
        services.AddSingleton<VolumeGenerator>();
        services.AddLive();
        services.AddContacts();
        services.AddScoped<DashboardFigures>();
        services.AddNumbers();

        services.AddSingleton(provider =>
            provider.GetRequiredService<IConfiguration>().GetSection(TwilioSettings.Section).Get<TwilioSettings>()
            ?? new TwilioSettings());

        AddIdentity(services);
        services.AddDataProtection().PersistKeysToDbContext<PortalDbContext>().SetApplicationName("outbound-portal");

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only a proxy on this machine may tell us the original scheme and host.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                                       | ForwardedHeaders.XForwardedHost;
        });
    }

    private static void AddApi(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyCache>();
        services.AddScoped<ApiKeys>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization(ApiEndpoints.AddApiPolicies);
        services.AddProblemDetails();
        services.AddExceptionHandler<DatabaseUnreachableProblem>();
        services.AddOpenApi(options => options.AddDocumentTransformer(ApiKeyOpenApi.DeclareSchemeAsync));
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationState>();

        services
            .AddIdentity<PortalUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Lockout.AllowedForNewUsers = true;

                // "Confirmed" here means active: see ActiveUserConfirmation.
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddScoped<IUserConfirmation<PortalUser>, ActiveUserConfirmation>();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "portal.auth";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        services.AddAuthorization();
    }

    private static void UsePortalPipeline(WebApplication app)
    {
        app.UseForwardedHeaders();

        // The API answers every failure with problem details, in Development too: its callers are programs, and an
        // exception page would hand them the exception's text. The exception is logged either way.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler());
        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
                pages => pages.UseExceptionHandler("/error", createScopeForErrors: true));
        }

        // 404, 405 and 415 from routing have no body; API callers get problem details for them too.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapAccountEndpoints();
        app.MapOpenApi().AllowAnonymous();
        app.MapApiEndpoints();
        app.MapStatusCallbacks();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        LogStart(app);
    }

    private static void LogStart(WebApplication app)
    {
        var connection = new NpgsqlConnectionStringBuilder(ConnectionString(app.Configuration));
        var twilio = app.Services.GetRequiredService<TwilioSettings>();
        PortalLog.Starting(
            app.Logger, app.Environment.EnvironmentName, connection.Host ?? "(default)", connection.Port,
            connection.Database ?? "(default)", twilio.IsConfigured ? "configured" : "not configured: demo data");
    }
}
