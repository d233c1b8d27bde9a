using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Api;
using Portal.Infrastructure;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

[Collection(OwnClusterCollection.Name)]
public sealed class ApiDatabaseDownTests : IAsyncLifetime
{
    private PostgresCluster _cluster = null!;
    private PortalFactory _portal = null!;
    private string _usedKey = "";
    private string _unusedKey = "";

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync();
        var connectionString = await _cluster.MigratedDatabaseAsync("portal");

        _portal = new PortalFactory(connectionString);
        await using var scope = _portal.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeys>();
        var admin = new Actor(null, "admin@example.com");
        _usedKey = (await keys.CreateAsync("used", ApiScopes.Write, admin, actorIsAdmin: true)).Secret;
        _unusedKey = (await keys.CreateAsync("unused", ApiScopes.Write, admin, actorIsAdmin: true)).Secret;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Api_answers_503_with_problem_details_and_retry_after_while_the_database_is_down()
    {
        var used = Client(_usedKey);
        var whileUp = await used.GetAsync("/api/v1/contacts/ct_none/outbound-number?channel=sms");
        await _cluster.StopServerAsync();

        var lookup = await used.GetAsync("/api/v1/contacts/ct_none/outbound-number?channel=sms");
        var keyNotSeenYet = await Client(_unusedKey).PostAsync("/api/v1/contacts/ct_none/sends",
            new StringContent("""{"from":"+12025550100","channel":"sms","sid":"SM1","status":"sent"}""",
                System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, whileUp.StatusCode);
        foreach (var response in new[] { lookup, keyNotSeenYet })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After in seconds");
            var body = await response.Content.ReadAsStringAsync();
            var problem = JsonNode.Parse(body)!;
            Assert.Equal(503, problem["status"]!.GetValue<int>());
            Assert.Equal("The database is not reachable", problem["title"]!.GetValue<string>());
            Assert.Contains("Try again", problem["detail"]!.GetValue<string>());
            Assert.DoesNotContain("Exception", body);
            Assert.DoesNotContain("Npgsql", body);
        }
    }

    private HttpClient Client(string key)
    {
        var client = _portal.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }
}
