using System.Net;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Sends;

/// <summary>The contact page as each role gets it: an agent reads their own contacts and nothing of others'.</summary>
public sealed class ContactPageTests(ContactPageTests.World world) : IClassFixture<ContactPageTests.World>
{
    private const string NotYours = "is not one of your contacts, or does not exist";

    [Fact]
    public async Task Agent_opens_their_own_contact_read_only()
    {
        var client = await world.Portal.LoggedInClientAsync("agent@example.com");

        var response = await client.GetAsync($"/contacts/{world.OwnContact}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Olive Owned", page);
        Assert.Contains("14155550101", page);
        Assert.Contains("data-testid=\"test-send-admin-only\"", page);
        Assert.DoesNotContain("data-testid=\"test-send-button\"", page);
    }

    [Fact]
    public async Task Agent_gets_the_same_not_yours_notice_for_someone_elses_contact_as_for_none_and_none_of_its_data()
    {
        var client = await world.Portal.LoggedInClientAsync("agent@example.com");

        var others = await client.GetStringAsync($"/contacts/{world.OthersContact}");
        var missing = await client.GetStringAsync("/contacts/999999");

        Assert.Contains($"Contact {world.OthersContact} {NotYours}", others);
        Assert.Contains($"Contact 999999 {NotYours}", missing);
        Assert.DoesNotContain("Tomas", others);
        Assert.DoesNotContain("14155550102", others);
        Assert.DoesNotContain("Cal Colleague", others);
        Assert.DoesNotContain("data-testid=\"test-send-panel\"", others);
    }

    [Fact]
    public async Task Support_still_opens_any_contact()
    {
        var client = await world.Portal.LoggedInClientAsync("support@example.com");

        var page = await client.GetStringAsync($"/contacts/{world.OthersContact}");

        Assert.Contains("Tomas Theirs", page);
        Assert.DoesNotContain(NotYours, page);
    }

    /// <summary>An agent with one contact, a colleague with another, and a support user.</summary>
    public sealed class World : IAsyncLifetime
    {
        private readonly TestDatabase _database = new();

        public PortalFactory Portal { get; private set; } = null!;

        public long OwnContact { get; private set; }

        public long OthersContact { get; private set; }

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            Portal = new PortalFactory(_database.ConnectionString);
            var agent = await Portal.CreateUserAsync("agent@example.com", PortalRoles.Agent, "Ida Agent");
            var colleague = await Portal.CreateUserAsync("colleague@example.com", PortalRoles.Agent, "Cal Colleague");
            await Portal.CreateUserAsync("support@example.com", PortalRoles.Support);
            OwnContact = await AddContactAsync("Olive", "Owned", "+14155550101", agent.Id);
            OthersContact = await AddContactAsync("Tomas", "Theirs", "+14155550102", colleague.Id);
        }

        public async Task DisposeAsync()
        {
            await Portal.DisposeAsync();
            await _database.DisposeAsync();
        }

        private async Task<long> AddContactAsync(string firstName, string lastName, string phone, string userId)
        {
            await using var db = _database.CreateDbContext();
            var now = DateTimeOffset.UtcNow;
            var contact = new Contact
            {
                ExternalId = "ct_" + Guid.NewGuid().ToString("N")[..10],
                FirstName = firstName,
                LastName = lastName,
                Phone = phone,
                AssignedUserId = userId,
                CreatedAt = now,
                ImportedAt = now,
            };
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact.Id;
        }
    }
}
