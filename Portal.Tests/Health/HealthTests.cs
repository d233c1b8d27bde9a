using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Health;

[Collection(OwnClusterCollection.Name)]
public sealed class HealthTests : IAsyncLifetime
{
    private PostgresCluster _cluster = null!;
    private PortalFactory _portal = null!;

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync();
        var connectionString = await _cluster.MigratedDatabaseAsync("portal");

        _portal = new PortalFactory(connectionString);
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Healthz_answers_503_while_the_database_is_down_and_200_once_it_is_back()
    {
        var client = _portal.CreateClient();
        var whileUp = await client.GetAsync("/healthz");

        await _cluster.StopServerAsync();
        var whileDown = await client.GetAsync("/healthz");
        await _cluster.StartServerAsync();
        var afterRestart = await RetryUntilHealthyAsync(client);

        Assert.Equal(HttpStatusCode.OK, whileUp.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
        Assert.Equal("database unavailable", await whileDown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);
    }

    // Connections that broke with the old server are dropped one by one as they are tried; a few tries clear them.
    private static async Task<HttpResponseMessage> RetryUntilHealthyAsync(HttpClient client)
    {
        HttpResponseMessage response = null!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            response = await client.GetAsync("/healthz");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }
        }

        return response;
    }
}
