using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Database.Contacts;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Sends;
using Portal.Infrastructure.TwilioApi;
using Portal.Tests.Infrastructure;
using Portal.Tests.TwilioApi;

namespace Portal.Tests.Sends;

/// <summary>
/// The portal on a database of its own, with a Twilio account configured and its HTTP going to a
/// <see cref="FakeTwilio"/> through the real resilience pipeline. Numbers: +12025550100 (sms, mms, voice; the default
/// outbound) and +12025550101 (sms only).
/// </summary>
public sealed class SendingPortal : IAsyncLifetime
{
    public const string AuthToken = "test-auth-token";
    public const string PublicBaseUrl = "https://portal.example.com";
    public const string Default = "+12025550100";
    public const string SmsOnly = "+12025550101";

    private readonly TestDatabase _database = new();

    public FakeTwilio Twilio { get; } = new();

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    public TestDatabase Database => _database;

    public static Dictionary<string, string?> Settings(bool publicBaseUrl = true) => new()
    {
        ["Twilio:AccountSid"] = "AC" + new string('1', 32),
        ["Twilio:AuthToken"] = AuthToken,
        ["Twilio:PublicBaseUrl"] = publicBaseUrl ? PublicBaseUrl : null,
        ["Twilio:Http:RetryDelaySeconds"] = "0.01",
        ["Twilio:Http:MaxRetryAfterSeconds"] = "1",
        ["Twilio:Http:AttemptTimeoutSeconds"] = "1",
    };

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        App = Start(Settings());

        await using var db = _database.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        var fallback = new TwilioNumber { E164 = Default, Capabilities = Capabilities.All, CreatedAt = now };
        db.Numbers.AddRange(fallback,
            new TwilioNumber { E164 = SmsOnly, Capabilities = Capabilities.Sms, CreatedAt = now });
        await db.SaveChangesAsync();
        var settings = await db.AccountSettings.SingleAsync();
        settings.DefaultOutboundNumberId = fallback.Id;
        await db.SaveChangesAsync();
    }

    public WebApplicationFactory<Program> Start(Dictionary<string, string?> settings) =>
        new PortalFactory(_database.ConnectionString, settings).WithWebHostBuilder(web =>
            web.ConfigureTestServices(services => services.AddHttpClient(TwilioHttp.ClientName)
                .ConfigurePrimaryHttpMessageHandler(() => Twilio)
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)));

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static int _nextPhone;

    /// <summary>A contact with a phone of its own (phones are unique), or none when withPhone is false.</summary>
    public async Task<long> AddContactAsync(bool withPhone = true, string firstName = "Ann")
    {
        var phone = withPhone ? $"+1415555{Interlocked.Increment(ref _nextPhone) % 10000:D4}" : null;
        await using var db = _database.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        var contact = new Contact
        {
            ExternalId = "ct_" + Guid.NewGuid().ToString("N")[..10],
            FirstName = firstName,
            LastName = "Lee",
            Phone = phone,
            CreatedAt = now,
            ImportedAt = now,
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact.Id;
    }

    public static ClaimsPrincipal As(string role) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, role), new Claim(ClaimTypes.Name, role.ToLowerInvariant()),
             new Claim(ClaimTypes.Role, role)],
            "test"));

    public async Task<TestSendOutcome> SendAsync(string role, long contactId, Channel channel) =>
        await SendAsync(App, role, contactId, channel);

    public static async Task<TestSendOutcome> SendAsync(
        WebApplicationFactory<Program> app, string role, long contactId, Channel channel)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestSender>().SendAsync(As(role), contactId, channel);
    }

    public async Task<List<Send>> SendsOfAsync(long contactId)
    {
        await using var db = _database.CreateDbContext();
        return await db.Sends.Include(s => s.FromNumber).Where(s => s.ContactId == contactId).OrderBy(s => s.Id)
            .ToListAsync();
    }

    public async Task<string?> PhoneOfAsync(long contactId)
    {
        await using var db = _database.CreateDbContext();
        return await db.Contacts.Where(c => c.Id == contactId).Select(c => c.Phone).SingleAsync();
    }

    public async Task<string?> PreviousNumberAsync(long contactId)
    {
        await using var db = _database.CreateDbContext();
        return await db.Contacts.Where(c => c.Id == contactId).Select(c => c.PreviousNumber!.E164).SingleAsync();
    }
}
