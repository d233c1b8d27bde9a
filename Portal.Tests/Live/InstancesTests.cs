using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Features.Contacts;
using Portal.Features.Live;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Live;

public sealed class InstancesTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private PortalFactory _first = null!;
    private PortalFactory _second = null!;

    public async Task InitializeAsync()
    {
        _first = new PortalFactory(database.ConnectionString);
        _second = new PortalFactory(database.ConnectionString);
        await Listening.WaitUntilListeningAsync(_first, _second);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task An_assignment_made_on_one_instance_reaches_the_other_within_a_second_and_once_on_each()
    {
        var contactId = await AContactAsync();
        var admin = await _first.CreateUserAsync("admin@example.com", PortalRoles.Admin);
        var heardHere = new Heard(_first);
        var heardThere = new Heard(_second);
        var clock = Stopwatch.StartNew();

        await using (var scope = _first.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ContactAssignments>()
                .AssignAsync([contactId], admin.Id,
                    Listening.Principal(admin.Id, "admin@example.com", PortalRoles.Admin));
        }

        var there = await heardThere.FirstAsync(TimeSpan.FromSeconds(1));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal(InputChangeKind.Assignment, there.Kind);
        Assert.Equal([contactId], there.Contacts);
        await Task.Delay(300);
        Assert.Single(heardHere.All);
        Assert.Single(heardThere.All);
    }

    private async Task<long> AContactAsync()
    {
        await using var db = database.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        var contact = new Contact { ExternalId = "ct_live", FirstName = "Live", CreatedAt = now, ImportedAt = now };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact.Id;
    }
}
